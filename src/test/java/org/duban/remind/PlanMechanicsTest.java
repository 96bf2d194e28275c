package org.duban.remind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.remind.Fixtures.COOP;
import static org.duban.remind.Fixtures.LEAD;
import static org.duban.remind.Fixtures.PLANNER;
import static org.duban.remind.Fixtures.daily;
import static org.duban.remind.Fixtures.item;
import static org.duban.remind.Fixtures.lines;
import static org.duban.remind.Fixtures.nodeDeadline;
import static org.duban.remind.Fixtures.owing;
import static org.duban.remind.Fixtures.plan;
import static org.duban.remind.Fixtures.sh;
import static org.duban.remind.Fixtures.withStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.duban.item.Board;
import org.duban.item.Item;
import org.duban.item.Kind;
import org.duban.item.Node;
import org.duban.item.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Quiet hours (R21), keys, the time window, and which items plan at all. */
class PlanMechanicsTest {
  private static final Instant ASSIGNED = sh("2026-03-02 16:00");

  /** The 1-day item of {@link DeadlineRemindersTest}: due 16:00 on Tuesday 3 March 2026. */
  private static Item oneDayItem() {
    return daily(ASSIGNED, owing(LEAD, true, nodeDeadline(Node.ONE_DAY, ASSIGNED)));
  }

  /** A busy item: two units on a continuous key task from the government work report, with every kind of message. */
  private static Item busyItem() {
    Instant assigned = sh("2026-01-30 23:10");
    return item("work_report_task", Board.CONTINUOUS, Kind.KEY_TASK, assigned,
        owing(LEAD, true, sh("2026-03-02 21:50")), owing(COOP, false, sh("2026-03-04 06:40")));
  }

  // ---- R21 ----

  @ParameterizedTest
  @CsvSource({
      "2026-03-09 21:59, 2026-03-09 21:59",
      "2026-03-09 22:00, 2026-03-10 07:00",
      "2026-03-09 23:59, 2026-03-10 07:00",
      "2026-03-10 00:00, 2026-03-10 07:00",
      "2026-03-10 06:59, 2026-03-10 07:00",
      "2026-03-10 07:00, 2026-03-10 07:00",
      "2026-02-28 23:00, 2026-03-01 07:00",
      "2028-02-28 23:00, 2028-02-29 07:00"})
  void messageDueInQuietHoursIsHeldUntilSeven_R21(String due, String sent) {
    assertThat(new Merger(Fixtures.POLICY).sendAt(sh(due))).isEqualTo(sh(sent));
  }

  @Test
  void heldMessagesMergeIntoOneAtSeven_R21() {
    List<Planned> atSeven = plan(oneDayItem(), "2026-03-04 07:00", "2026-03-04 07:01");

    // 22:00, 01:00, 04:00 held, and 07:00 due then: four urges, one message
    assertThat(atSeven).singleElement().satisfies(p -> {
      assertThat(p.dueAt()).isEqualTo(sh("2026-03-03 22:00"));
      assertThat(p.sendAt()).isEqualTo(sh("2026-03-04 07:00"));
      assertThat(p.kinds()).containsExactly(Planned.URGE);
      assertThat(p.rules()).containsExactly("R15", "R21");
    });
  }

  @Test
  void weeklyReminderDueAtNightIsHeld_R21() {
    Item item = item(Board.CONTINUOUS, Kind.OTHER, sh("2026-03-02 23:00"), owing(LEAD, true, sh("2026-09-30 10:00")));

    assertThat(lines(plan(item, "2026-03-02 23:00", "2026-03-18 00:00"))).containsExactly(
        "2026-03-10 07:00 unit:21 weekly R17,R21 due 03-09 23:00",
        "2026-03-17 07:00 unit:21 weekly R17,R21 due 03-16 23:00");
  }

  @Test
  void withoutQuietHoursEveryMessageGoesOutWhenDue_R21() {
    Planner planner = new Planner(Fixtures.policyWith(p -> {
      p.remove("quietHours");
      return p;
    }), Fixtures.CALENDAR);

    List<Planned> plan = planner.plan(oneDayItem(), Map.of(), ASSIGNED, sh("2026-03-09 00:00"));

    assertThat(plan).allMatch(p -> p.sendAt().equals(p.dueAt()) && !p.rules().contains("R21"));
    assertThat(lines(plan)).contains("2026-03-03 22:00 unit:21 urge R15", "2026-03-04 04:00 unit:21 urge R15");
  }

  // ---- zone, keys and windows ----

  @Test
  void planIsTheSameWhateverTheJvmZone_R11() {
    List<Planned> inUtc = PLANNER.plan(busyItem(), Map.of(), sh("2026-01-01 00:00"), sh("2026-07-01 00:00"));
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      assertThat(PLANNER.plan(busyItem(), Map.of(), sh("2026-01-01 00:00"), sh("2026-07-01 00:00"))).isEqualTo(inUtc);
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void samePlanTwiceHasTheSameKeysAndNoKeyTwice_R14() {
    List<Planned> first = PLANNER.plan(busyItem(), Map.of(), sh("2026-01-01 00:00"), sh("2028-01-01 00:00"));
    List<Planned> second = PLANNER.plan(busyItem(), Map.of(), sh("2026-01-01 00:00"), sh("2028-01-01 00:00"));

    assertThat(second).isEqualTo(first);
    assertThat(first).extracting(Planned::key).doesNotHaveDuplicates();
    assertThat(first).hasSizeGreaterThan(150);
    assertThat(first.stream().flatMap(p -> p.rules().stream()).distinct())
        .contains("R13", "R15", "R16", "R17", "R18", "R19", "R20", "R21");
  }

  @Test
  void keyNamesItemUnitRecipientDueTimeAndKinds_R14() {
    Planned first = plan(oneDayItem(), "2026-03-02 16:00", "2026-03-09 00:00").get(0);

    assertThat(first.key()).isEqualTo("7/21/UNIT_RESPONSIBLE/2026-03-03T03:00:00Z/before_deadline");
    assertThat(first.policyVersion()).isEqualTo(2);
  }

  @Test
  void slicedWindowsTogetherGiveTheWholePlan_R15() {
    Item item = busyItem();
    Instant start = sh("2026-01-01 00:00");
    Instant stop = sh("2026-05-01 00:00");
    List<Planned> whole = PLANNER.plan(item, Map.of(), start, stop);
    List<Planned> sliced = new ArrayList<>();
    // slices of 7 hours 10 minutes cut through merge windows and quiet hours at every phase
    Duration slice = Duration.ofMinutes(430);
    for (Instant t = start; t.isBefore(stop); t = t.plus(slice)) {
      Instant end = t.plus(slice).isBefore(stop) ? t.plus(slice) : stop;
      sliced.addAll(PLANNER.plan(item, Map.of(), t, end));
    }

    assertThat(sliced).isEqualTo(whole);
  }

  /** Due 02:30: the urge of 05:30 is held to 07:00, and the reminder due at 07:30 joins it. */
  @Test
  void windowEndingInsideAMergeStillGivesTheWholeMessage_R15() {
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-03-09 02:30")));
    List<Planned> whole = plan(item, "2026-03-09 06:00", "2026-03-09 09:00");

    assertThat(lines(whole)).containsExactly(
        "2026-03-09 07:00 unit:21 after_deadline+urge R13,R15,R21 due 03-09 05:30",
        "2026-03-09 08:30 unit:21 urge R15");
    assertThat(plan(item, "2026-03-09 06:00", "2026-03-09 07:15")).containsExactly(whole.get(0));
    assertThat(plan(item, "2026-03-09 07:15", "2026-03-09 08:00")).isEmpty();
  }

  @Test
  void windowIncludesItsStartAndExcludesItsEnd_R13() {
    assertThat(lines(plan(oneDayItem(), "2026-03-03 11:00", "2026-03-03 11:01")))
        .containsExactly("2026-03-03 11:00 unit:21 before_deadline R13");
    assertThat(plan(oneDayItem(), "2026-03-03 10:00", "2026-03-03 11:00")).isEmpty();
    assertThat(plan(oneDayItem(), "2026-03-03 11:00", "2026-03-03 11:00")).isEmpty();
    assertThat(plan(oneDayItem(), "2026-03-05 00:00", "2026-03-03 00:00")).isEmpty();
  }

  @Test
  void planIsSortedBySendTimeThenKey_R13() {
    List<Planned> plan = PLANNER.plan(busyItem(), Map.of(), sh("2026-01-01 00:00"), sh("2027-01-01 00:00"));

    assertThat(plan).isSortedAccordingTo(Comparator.comparing(Planned::sendAt).thenComparing(Planned::key));
  }

  @Test
  void everyMessageRecordsThePolicyVersion_R13() {
    Planner v3 = new Planner(Fixtures.policyWith(p -> p.put("version", 3)), Fixtures.CALENDAR);

    assertThat(v3.plan(busyItem(), Map.of(), sh("2026-01-01 00:00"), sh("2026-07-01 00:00")))
        .isNotEmpty().allMatch(p -> p.policyVersion() == 3);
  }

  // ---- which items plan ----

  @Test
  void draftPlansNothing_R05() {
    assertThat(PLANNER.plan(withStatus(busyItem(), Status.DRAFT), Map.of(), sh("2026-01-01 00:00"), sh("2027-01-01 00:00")))
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Status.class,
      names = {"COMPLETION_REQUESTED", "GRADED", "GRADE_APPROVED", "SIGN_OFF_REQUESTED", "SIGN_OFF_CHECKED"})
  void itemAskingForCompletionOrLaterPlansNothing_R31(Status status) {
    assertThat(PLANNER.plan(withStatus(busyItem(), status), Map.of(), sh("2026-01-01 00:00"), sh("2027-01-01 00:00")))
        .isEmpty();
  }

  @Test
  void closedItemPlansNothing_R34() {
    assertThat(PLANNER.plan(withStatus(busyItem(), Status.CLOSED), Map.of(), sh("2026-01-01 00:00"), sh("2027-01-01 00:00")))
        .isEmpty();
  }
}
