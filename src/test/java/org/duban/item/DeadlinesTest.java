package org.duban.item;

import org.duban.time.WorkCalendar;
import org.duban.time.Zones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.item.ItemFixtures.CALENDAR;

/**
 * Deadlines of the 13710 time nodes (R10) in Shanghai time (R11), moved off PRC days off (R12),
 * and of rectifications (R36). Local times below are Asia/Shanghai; the build runs the JVM in UTC.
 */
class DeadlinesTest {
  private static final Deadlines.Policy ROLL = Deadlines.Policy.DEFAULT;
  private static final Deadlines.Policy NO_ROLL = new Deadlines.Policy(false);
  /** No published years: plain Monday to Friday, for pure calendar arithmetic in unshipped years. */
  private static final WorkCalendar WEEKDAYS_ONLY = WorkCalendar.of(List.of());

  /** A Shanghai wall-clock time such as 2026-03-02T10:00 as an instant. */
  private static Instant sh(String local) {
    return LocalDateTime.parse(local).atZone(Zones.SHANGHAI).toInstant();
  }

  private static Instant due(Node node, String assignedLocal) {
    return Deadlines.forNode(node, sh(assignedLocal), CALENDAR, ROLL);
  }

  @Test
  void theDefaultPolicyRollsToAWorkingDay_R12() {
    assertThat(Deadlines.Policy.DEFAULT.rollToWorkingDay()).isTrue();
  }

  @ParameterizedTest(name = "{0} from {1} is due {2}")
  @CsvSource({
      "ONE_DAY,    2026-03-03T10:00, 2026-03-04T10:00",
      "THREE_DAYS, 2026-03-02T10:00, 2026-03-05T10:00",
      "SEVEN_DAYS, 2026-03-02T10:00, 2026-03-09T10:00",
      "ONE_MONTH,  2026-03-02T10:00, 2026-04-02T10:00",
      "ONE_DAY,    2026-03-03T23:59, 2026-03-04T23:59",
      "ONE_DAY,    2026-03-04T00:00, 2026-03-05T00:00",
  })
  void eachNodeRunsFromTheAssignmentInstant_R10(Node node, String assigned, String expected) {
    assertThat(due(node, assigned)).isEqualTo(sh(expected));
  }

  @Test
  void aNodeIsCountedInShanghaiTimeNotUtc_R11() {
    // Friday 20:00 UTC is already Saturday 04:00 in Shanghai: one day later is Sunday, rolled to Monday 04:00 Shanghai.
    Instant assigned = Instant.parse("2026-03-06T20:00:00Z");
    assertThat(Deadlines.forNode(Node.ONE_DAY, assigned, CALENDAR, ROLL)).isEqualTo(sh("2026-03-09T04:00"));
  }

  @Test
  void aMonthNodeAssignedOnTheLastOfJanuaryInShanghaiEndsOnTheLastOfFebruary_R11() {
    // 2026-01-31 00:30 Shanghai is still 2026-01-30 in UTC; counted in Shanghai it ends 2026-02-28, a make-up Saturday
    // (worked, so not rolled). Counted in UTC it would end 2026-02-28 16:30Z = Sunday 1 March in Shanghai.
    Instant assigned = sh("2026-01-31T00:30");
    assertThat(assigned.toString()).startsWith("2026-01-30");
    assertThat(Deadlines.forNode(Node.ONE_MONTH, assigned, CALENDAR, ROLL)).isEqualTo(sh("2026-02-28T00:30"));
  }

  @Test
  void aMonthNodeFromTheThirtyFirstOfMarchEndsOnTheThirtiethOfApril_R11() {
    // in UTC the assignment is 30 March, which would end on 1 May in Shanghai, a Labour Day holiday
    assertThat(due(Node.ONE_MONTH, "2026-03-31T01:00")).isEqualTo(sh("2026-04-30T01:00"));
  }

  @Test
  void theJvmsDefaultZoneDoesNotMoveADeadline_R11() {
    TimeZone saved = TimeZone.getDefault();
    try {
      Instant inUtc = due(Node.ONE_MONTH, "2026-01-31T00:30");
      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      assertThat(due(Node.ONE_MONTH, "2026-01-31T00:30")).isEqualTo(inUtc);
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @ParameterizedTest(name = "{0} from {1} falls on a weekend, due {2}")
  @CsvSource({
      "ONE_DAY,    2026-03-06T10:00, 2026-03-09T10:00", // Fri -> Sat -> Mon
      "ONE_DAY,    2026-03-07T10:00, 2026-03-09T10:00", // Sat -> Sun -> Mon
      "THREE_DAYS, 2026-03-05T16:30, 2026-03-09T16:30", // Thu -> Sun -> Mon
      "SEVEN_DAYS, 2026-03-07T09:00, 2026-03-16T09:00", // Sat -> Sat -> Mon
      "ONE_MONTH,  2026-02-07T10:00, 2026-03-09T10:00", // 7 Mar is a Saturday
  })
  void aDeadlineOnAWeekendMovesToTheNextWorkingDayAtTheSameTime_R12(Node node, String assigned, String expected) {
    assertThat(due(node, assigned)).isEqualTo(sh(expected));
  }

  @ParameterizedTest(name = "{0} from {1} falls in the Spring Festival, due {2}")
  @CsvSource({
      "THREE_DAYS, 2026-02-12T10:00, 2026-02-24T10:00", // Sun 15 Feb, first day off
      "SEVEN_DAYS, 2026-02-10T15:00, 2026-02-24T15:00", // Tue 17 Feb, mid-holiday
      "ONE_DAY,    2026-02-22T10:00, 2026-02-24T10:00", // Mon 23 Feb, last day off
      "ONE_MONTH,  2026-01-17T10:00, 2026-02-24T10:00", // Tue 17 Feb
  })
  void aDeadlineInTheSpringFestivalMovesPastItsLastDay_R12(Node node, String assigned, String expected) {
    assertThat(due(node, assigned)).isEqualTo(sh(expected));
  }

  @ParameterizedTest(name = "{0} from {1} falls in National Day, due {2}")
  @CsvSource({
      "ONE_DAY,    2026-09-30T10:00, 2026-10-08T10:00", // Thu 1 Oct
      "SEVEN_DAYS, 2026-09-24T10:00, 2026-10-08T10:00", // Thu 1 Oct
      "THREE_DAYS, 2026-10-04T10:00, 2026-10-08T10:00", // Wed 7 Oct, last day off
      "ONE_MONTH,  2026-09-03T10:00, 2026-10-08T10:00", // Sat 3 Oct
  })
  void aDeadlineInTheNationalDayHolidayMovesToTheEighthOfOctober_R12(Node node, String assigned, String expected) {
    assertThat(due(node, assigned)).isEqualTo(sh(expected));
  }

  @ParameterizedTest(name = "{0} from {1} falls on make-up working day {2}")
  @CsvSource({
      "ONE_DAY,    2026-02-13T10:00, 2026-02-14T10:00", // Sat 14 Feb, worked before the Spring Festival
      "THREE_DAYS, 2026-02-11T10:00, 2026-02-14T10:00",
      "ONE_MONTH,  2026-01-28T10:00, 2026-02-28T10:00", // Sat 28 Feb, worked after it
      "THREE_DAYS, 2026-09-17T10:00, 2026-09-20T10:00", // Sun 20 Sep, worked for National Day
      "ONE_DAY,    2026-10-09T10:00, 2026-10-10T10:00", // Sat 10 Oct
      "ONE_DAY,    2026-01-03T10:00, 2026-01-04T10:00", // Sun 4 Jan, worked for New Year
  })
  void aDeadlineOnAMakeUpWorkingDayStaysThere_R12(Node node, String assigned, String expected) {
    assertThat(due(node, assigned)).isEqualTo(sh(expected));
  }

  @Test
  void aDeadlineAcrossTheYearEndUsesTheNewYearsCalendar_R12() {
    // 1 Jan 2026 is New Year (1-3 Jan off); Sunday 4 Jan is a make-up working day
    assertThat(due(Node.ONE_DAY, "2025-12-31T10:00")).isEqualTo(sh("2026-01-04T10:00"));
    // 31 Jan 2026 is a plain Saturday
    assertThat(due(Node.ONE_MONTH, "2025-12-31T10:00")).isEqualTo(sh("2026-02-02T10:00"));
  }

  @ParameterizedTest(name = "{0} from {1}, not rolled, is due {2}")
  @CsvSource({
      "THREE_DAYS, 2026-02-12T10:00, 2026-02-15T10:00",
      "ONE_DAY,    2026-09-30T10:00, 2026-10-01T10:00",
      "ONE_DAY,    2026-03-06T10:00, 2026-03-07T10:00",
      "ONE_MONTH,  2026-01-31T00:30, 2026-02-28T00:30",
  })
  void withoutTheRollPolicyADeadlineMayFallOnADayOff_R12(Node node, String assigned, String expected) {
    assertThat(Deadlines.forNode(node, sh(assigned), CALENDAR, NO_ROLL)).isEqualTo(sh(expected));
  }

  @Test
  void aMonthNodeFromTheThirtyFirstOfJanuaryEndsOnTheTwentyNinthOfFebruaryInALeapYear_R10() {
    assertThat(Deadlines.forNode(Node.ONE_MONTH, sh("2028-01-31T10:00"), WEEKDAYS_ONLY, ROLL)).isEqualTo(sh("2028-02-29T10:00"));
    assertThat(Deadlines.forNode(Node.ONE_MONTH, sh("2028-02-29T10:00"), WEEKDAYS_ONLY, ROLL)).isEqualTo(sh("2028-03-29T10:00"));
    assertThat(Deadlines.forNode(Node.ONE_DAY, sh("2028-02-28T10:00"), WEEKDAYS_ONLY, ROLL)).isEqualTo(sh("2028-02-29T10:00"));
  }

  @Test
  void aMonthNodeFromTheThirtyFirstOfJanuaryEndsOnTheTwentyEighthOfFebruaryInACommonYear_R10() {
    // 28 Feb 2027 is a Sunday: rolled to Monday 1 March, or left there without the roll
    assertThat(Deadlines.forNode(Node.ONE_MONTH, sh("2027-01-31T10:00"), WEEKDAYS_ONLY, NO_ROLL)).isEqualTo(sh("2027-02-28T10:00"));
    assertThat(Deadlines.forNode(Node.ONE_MONTH, sh("2027-01-31T10:00"), WEEKDAYS_ONLY, ROLL)).isEqualTo(sh("2027-03-01T10:00"));
    assertThat(Deadlines.forNode(Node.ONE_MONTH, sh("2026-01-29T10:00"), CALENDAR, NO_ROLL)).isEqualTo(sh("2026-02-28T10:00"));
  }

  @ParameterizedTest
  @EnumSource(Node.class)
  void everyNodeDeadlineOf2026IsOnAWorkingDayAtTheAssignedTimeAndNoLaterThanNeeded_R12(Node node) {
    Map<Node, Integer> maxRoll = Map.of(Node.ONE_DAY, 10, Node.THREE_DAYS, 10, Node.SEVEN_DAYS, 10, Node.ONE_MONTH, 10);
    for (LocalDate day = LocalDate.parse("2026-01-01"); day.getYear() == 2026; day = day.plusDays(1)) {
      ZonedDateTime assigned = day.atTime(14, 15).atZone(Zones.SHANGHAI);
      ZonedDateTime plain = assigned.plus(node.period);
      ZonedDateTime rolled = Deadlines.forNode(node, assigned.toInstant(), CALENDAR, ROLL).atZone(Zones.SHANGHAI);
      assertThat(rolled.toLocalTime()).as("time of day from %s", day).isEqualTo(assigned.toLocalTime());
      assertThat(rolled).as("not before the node's end from %s", day).isAfterOrEqualTo(plain);
      assertThat(CALENDAR.isWorkingDay(rolled.toLocalDate())).as("working day from %s", day).isTrue();
      for (LocalDate skipped = plain.toLocalDate(); skipped.isBefore(rolled.toLocalDate()); skipped = skipped.plusDays(1)) {
        assertThat(CALENDAR.isWorkingDay(skipped)).as("%s skipped from %s", skipped, day).isFalse();
      }
      assertThat(Duration.between(plain, rolled).toDays()).isLessThanOrEqualTo(maxRoll.get(node));
      assertThat(Deadlines.forNode(node, assigned.toInstant(), CALENDAR, NO_ROLL)).isEqualTo(plain.toInstant());
    }
  }

  @Test
  void anOrdinaryRectificationIsDueSevenDaysAfterAssignment_R36() {
    Instant assigned = sh("2026-03-02T10:00");
    assertThat(Deadlines.forRectification(false, assigned, CALENDAR, ROLL)).isEqualTo(sh("2026-03-09T10:00"));
  }

  @Test
  void aMajorRectificationIsDueThirtyDaysAfterAssignment_R36() {
    Instant assigned = sh("2026-03-02T10:00");
    assertThat(Deadlines.forRectification(true, assigned, CALENDAR, ROLL)).isEqualTo(sh("2026-04-01T10:00"));
  }

  @Test
  void theRectificationLimitsAreSevenThirtyAndSixtyDaysAndExtensionsNeedTwoDaysNotice_R32_R36() {
    assertThat(Deadlines.RECTIFICATION_ORDINARY).isEqualTo(Duration.ofDays(7));
    assertThat(Deadlines.RECTIFICATION_MAJOR).isEqualTo(Duration.ofDays(30));
    assertThat(Deadlines.RECTIFICATION_CAP).isEqualTo(Duration.ofDays(60));
    assertThat(Deadlines.EXTENSION_NOTICE).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void aRectificationDueOnAHolidayMovesToTheNextWorkingDay_R12_R36() {
    Instant assigned = sh("2026-02-10T10:00");
    Item item = item(Optional.empty(), Optional.empty(), Optional.of("ordinary"), Kind.RECTIFICATION);
    assertThat(Deadlines.initial(item, assigned, CALENDAR, ROLL)).isEqualTo(sh("2026-02-24T10:00"));
  }

  // ---- which deadline an item starts with ----

  private static Item item(Optional<Node> node, Optional<Instant> explicit, Optional<String> severity, Kind kind) {
    return new Item(1, "SZ-2026-0001", Status.DRAFT, Board.DAILY, kind, "meeting_decision", 10, Optional.empty(), node, explicit, severity,
        Optional.empty(), 0, Optional.empty(), false, false, Optional.empty(), Optional.empty(),
        Map.of(21L, ItemUnit.assignedLater(21, true)), 1);
  }

  @Test
  void anExplicitDeadlineIsTakenAsGivenEvenOnADayOff_R10() {
    Instant explicit = sh("2026-10-03T18:00");
    Item item = item(Optional.empty(), Optional.of(explicit), Optional.empty(), Kind.LEADER_INSTRUCTION);
    assertThat(Deadlines.initial(item, sh("2026-09-01T10:00"), CALENDAR, ROLL)).isEqualTo(explicit);
  }

  @Test
  void aNodeItemStartsWithTheNodesDeadline_R10() {
    Item item = item(Optional.of(Node.THREE_DAYS), Optional.empty(), Optional.empty(), Kind.MEETING_DECISION);
    assertThat(Deadlines.initial(item, sh("2026-02-12T10:00"), CALENDAR, ROLL)).isEqualTo(sh("2026-02-24T10:00"));
    assertThat(Deadlines.initial(item, sh("2026-02-12T10:00"), CALENDAR, NO_ROLL)).isEqualTo(sh("2026-02-15T10:00"));
  }

  @Test
  void aRectificationStartsWithItsSeverityUnlessANodeOrDeadlineIsGiven_R36() {
    Instant assigned = sh("2026-03-02T10:00");
    assertThat(Deadlines.initial(item(Optional.empty(), Optional.empty(), Optional.of("major"), Kind.RECTIFICATION), assigned, CALENDAR, ROLL))
        .isEqualTo(sh("2026-04-01T10:00"));
    assertThat(Deadlines.initial(item(Optional.empty(), Optional.empty(), Optional.of("ordinary"), Kind.RECTIFICATION), assigned, CALENDAR,
        ROLL)).isEqualTo(sh("2026-03-09T10:00"));
    assertThat(Deadlines.initial(item(Optional.of(Node.ONE_DAY), Optional.empty(), Optional.of("major"), Kind.RECTIFICATION), assigned,
        CALENDAR, ROLL)).isEqualTo(sh("2026-03-03T10:00"));
    Instant explicit = sh("2026-03-20T10:00");
    assertThat(Deadlines.initial(item(Optional.empty(), Optional.of(explicit), Optional.of("major"), Kind.RECTIFICATION), assigned,
        CALENDAR, ROLL)).isEqualTo(explicit);
  }
}
