package org.duban.remind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.remind.Fixtures.COOP;
import static org.duban.remind.Fixtures.LEAD;
import static org.duban.remind.Fixtures.daily;
import static org.duban.remind.Fixtures.item;
import static org.duban.remind.Fixtures.keyTask;
import static org.duban.remind.Fixtures.lines;
import static org.duban.remind.Fixtures.nodeDeadline;
import static org.duban.remind.Fixtures.owing;
import static org.duban.remind.Fixtures.plan;
import static org.duban.remind.Fixtures.reported;
import static org.duban.remind.Fixtures.sh;
import static org.duban.remind.Fixtures.unit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duban.item.Board;
import org.duban.item.Item;
import org.duban.item.ItemUnit;
import org.duban.item.Kind;
import org.duban.item.Node;
import org.duban.item.UnitStatus;
import org.duban.time.CalendarData;
import org.duban.time.CalendarYear;
import org.duban.time.WorkCalendar;
import org.junit.jupiter.api.Test;

/** R17 weekly, R18 monthly and R19 quarterly reminders, across month ends, leap years and holidays. */
class PeriodicRemindersTest {
  private static final String[] MONTHLY = {Planned.MONTHLY_URGE, Planned.MONTHLY_SPONSOR_URGE, Planned.MONTHLY_HAND_OFF};

  private static ItemUnit leadWithoutDeadline() {
    return unit(LEAD, true, UnitStatus.ASSIGNED, Optional.empty());
  }

  // ---- R17 ----

  @Test
  void continuousItemRemindsEveryUnitWeeklyFromAssignment_R17() {
    Instant deadline = sh("2026-06-30 10:00");
    Item item = item(Board.CONTINUOUS, Kind.MEETING_DECISION, sh("2026-03-02 10:00"),
        owing(LEAD, true, deadline), reported(COOP, false, deadline));

    assertThat(lines(plan(item, "2026-03-02 10:00", "2026-03-24 00:00"))).containsExactly(
        "2026-03-09 10:00 unit:21 weekly R17",
        "2026-03-09 10:00 unit:22 weekly R17",
        "2026-03-16 10:00 unit:21 weekly R17",
        "2026-03-16 10:00 unit:22 weekly R17",
        "2026-03-23 10:00 unit:21 weekly R17",
        "2026-03-23 10:00 unit:22 weekly R17");
  }

  @Test
  void boardOneItemOfExactlyOneMonthIsRemindedWeekly_R17() {
    Item item = daily(sh("2026-03-31 10:00"), owing(LEAD, true, sh("2026-04-30 10:00")));

    assertThat(lines(plan(item, "2026-03-31 10:00", "2026-04-22 00:00"))).containsExactly(
        "2026-04-07 10:00 unit:21 weekly R17",
        "2026-04-14 10:00 unit:21 weekly R17",
        "2026-04-21 10:00 unit:21 weekly R17");
  }

  @Test
  void boardOneItemOfTwoMonthsIsRemindedWeekly_R17() {
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-05-04 10:00")));

    assertThat(lines(plan(item, "2026-03-02 10:00", "2026-05-01 00:00"), Planned.WEEKLY)).hasSize(8);
  }

  @Test
  void boardOneItemShorterThanAMonthGetsNoWeeklyReminder_R17() {
    Instant assigned = sh("2026-03-31 10:00");
    Item almost = daily(assigned, owing(LEAD, true, sh("2026-04-30 09:59")));
    Item sevenDays = daily(assigned, owing(LEAD, true, nodeDeadline(Node.SEVEN_DAYS, assigned)));

    assertThat(lines(plan(almost, "2026-03-31 10:00", "2026-06-01 00:00"), Planned.WEEKLY)).isEmpty();
    assertThat(lines(plan(sevenDays, "2026-03-31 10:00", "2026-06-01 00:00"), Planned.WEEKLY)).isEmpty();
  }

  @Test
  void boardTwoItemIsRemindedMonthlyNotWeekly_R17() {
    Item item = keyTask(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-09-30 10:00")));

    List<Planned> plan = plan(item, "2026-03-02 10:00", "2026-06-01 00:00");

    assertThat(lines(plan, Planned.WEEKLY)).isEmpty();
    assertThat(lines(plan, Planned.MONTHLY_URGE)).isNotEmpty();
  }

  @Test
  void continuousKeyTaskGetsWeeklyAndMonthlyReminders_R17() {
    Item item = item(Board.CONTINUOUS, Kind.KEY_TASK, sh("2026-03-02 10:00"), leadWithoutDeadline());

    List<Planned> plan = plan(item, "2026-03-02 10:00", "2026-04-04 00:00");

    assertThat(lines(plan, Planned.WEEKLY)).hasSize(4);
    assertThat(lines(plan, MONTHLY)).hasSize(6);
  }

  // ---- R18 ----

  /**
   * Assigned 10 January 2028 (a leap year): nothing in January or February, a report in March,
   * nothing in April. The chains follow 31 January, 29 February and 30 April.
   */
  @Test
  void monthWithoutAReportIsUrgedOnTheFirstAndSecondOfTheNext_R18() {
    Item item = keyTask(sh("2028-01-10 10:00"), leadWithoutDeadline());
    Map<Long, List<Instant>> reports = Map.of(LEAD, List.of(sh("2028-03-15 10:00")));

    assertThat(lines(plan(item, reports, "2028-01-01 00:00", "2028-05-04 00:00"), MONTHLY)).containsExactly(
        "2028-02-01 08:00 unit:21 monthly_urge R18",
        "2028-02-01 15:00 unit:21 monthly_urge R18",
        "2028-02-02 08:00 unit:21 monthly_urge R18",
        "2028-02-02 15:00 unit:21 monthly_urge R18",
        "2028-02-02 16:00 sponsor:21 monthly_sponsor_urge R18",
        "2028-02-03 08:00 supervision:item monthly_hand_off R18",
        "2028-03-01 08:00 unit:21 monthly_urge R18",
        "2028-03-01 15:00 unit:21 monthly_urge R18",
        "2028-03-02 08:00 unit:21 monthly_urge R18",
        "2028-03-02 15:00 unit:21 monthly_urge R18",
        "2028-03-02 16:00 sponsor:21 monthly_sponsor_urge R18",
        "2028-03-03 08:00 supervision:item monthly_hand_off R18",
        "2028-05-01 08:00 unit:21 monthly_urge R18",
        "2028-05-01 15:00 unit:21 monthly_urge R18",
        "2028-05-02 08:00 unit:21 monthly_urge R18",
        "2028-05-02 15:00 unit:21 monthly_urge R18",
        "2028-05-02 16:00 sponsor:21 monthly_sponsor_urge R18",
        "2028-05-03 08:00 supervision:item monthly_hand_off R18");
  }

  @Test
  void reportLateOnTheTwentyNinthOfFebruaryInShanghaiStillCountsForFebruary_R18() {
    Item item = keyTask(sh("2028-02-01 10:00"), leadWithoutDeadline());
    // 23:30 on 29 February in Shanghai is 15:30 UTC: February's report, whatever the JVM zone
    Map<Long, List<Instant>> reports = Map.of(LEAD, List.of(Instant.parse("2028-02-29T15:30:00Z")));

    assertThat(lines(plan(item, reports, "2028-02-01 00:00", "2028-03-31 00:00"), MONTHLY)).isEmpty();
  }

  @Test
  void monthEndsAtMidnightShanghaiTimeNotUtc_R18() {
    Item item = keyTask(sh("2026-01-05 10:00"), leadWithoutDeadline());
    Instant january = sh("2026-01-20 10:00");
    // 07:30 on 1 February in Shanghai is still 31 January in UTC: it is February's report
    Instant february = Instant.parse("2026-01-31T23:30:00Z");

    assertThat(lines(plan(item, Map.of(LEAD, List.of(january, february)), "2026-01-05 00:00", "2026-03-04 00:00"), MONTHLY))
        .isEmpty();
    // without it, February (28 days in 2026) is urged from 1 March
    assertThat(lines(plan(item, Map.of(LEAD, List.of(january)), "2026-01-05 00:00", "2026-03-04 00:00"), MONTHLY))
        .hasSize(6).first().isEqualTo("2026-03-01 08:00 unit:21 monthly_urge R18");
  }

  @Test
  void lateReportStopsTheRestOfTheChainAndAnswersTheMonthItWasLateFor_R18() {
    Item item = keyTask(sh("2026-03-10 10:00"), leadWithoutDeadline());
    Map<Long, List<Instant>> reports = Map.of(LEAD, List.of(sh("2026-04-01 12:00")));

    assertThat(lines(plan(item, reports, "2026-03-10 00:00", "2026-05-04 00:00"), MONTHLY)).containsExactly(
        "2026-04-01 08:00 unit:21 monthly_urge R18",
        "2026-05-01 08:00 unit:21 monthly_urge R18",
        "2026-05-01 15:00 unit:21 monthly_urge R18",
        "2026-05-02 08:00 unit:21 monthly_urge R18",
        "2026-05-02 15:00 unit:21 monthly_urge R18",
        "2026-05-02 16:00 sponsor:21 monthly_sponsor_urge R18",
        "2026-05-03 08:00 supervision:item monthly_hand_off R18");
  }

  @Test
  void reportAfterTheHandOffCountsForTheMonthItCameIn_R18() {
    Item item = keyTask(sh("2026-03-10 10:00"), leadWithoutDeadline());
    Map<Long, List<Instant>> reports = Map.of(LEAD, List.of(sh("2026-04-03 09:00")));

    assertThat(lines(plan(item, reports, "2026-03-10 00:00", "2026-05-04 00:00"), MONTHLY)).hasSize(6)
        .allMatch(line -> line.startsWith("2026-04-0"));
  }

  /** 001 says "连续提醒2日", two consecutive days: 1 and 2 October are National Day, and still urged. */
  @Test
  void monthlyUrgesComeOnHolidaysToo_R18() {
    Item item = keyTask(sh("2026-09-01 10:00"), leadWithoutDeadline());

    assertThat(lines(plan(item, "2026-09-01 00:00", "2026-10-04 00:00"), MONTHLY)).containsExactly(
        "2026-10-01 08:00 unit:21 monthly_urge R18",
        "2026-10-01 15:00 unit:21 monthly_urge R18",
        "2026-10-02 08:00 unit:21 monthly_urge R18",
        "2026-10-02 15:00 unit:21 monthly_urge R18",
        "2026-10-02 16:00 sponsor:21 monthly_sponsor_urge R18",
        "2026-10-03 08:00 supervision:item monthly_hand_off R18");
  }

  @Test
  void monthWithAReportIsNotUrged_R18() {
    Item item = keyTask(sh("2026-03-10 10:00"), leadWithoutDeadline());
    Map<Long, List<Instant>> reports = Map.of(LEAD, List.of(sh("2026-03-31 23:59"), sh("2026-04-01 00:00")));

    assertThat(lines(plan(item, reports, "2026-03-10 00:00", "2026-05-04 00:00"), MONTHLY)).isEmpty();
  }

  @Test
  void onlyTheLeadUnitsReportsCount_R18() {
    Item item = keyTask(sh("2026-03-10 10:00"), leadWithoutDeadline(), unit(COOP, false, UnitStatus.ASSIGNED, Optional.empty()));
    Map<Long, List<Instant>> reports = Map.of(COOP, List.of(sh("2026-03-20 10:00")));

    assertThat(lines(plan(item, reports, "2026-03-10 00:00", "2026-04-04 00:00"), MONTHLY)).hasSize(6);
  }

  @Test
  void majorReformIsUrgedMonthlyButADailyItemIsNot_R18() {
    Item reform = item(Board.KEY, Kind.MAJOR_REFORM, sh("2026-03-10 10:00"), leadWithoutDeadline());
    Item decision = item(Board.CONTINUOUS, Kind.MEETING_DECISION, sh("2026-03-10 10:00"), leadWithoutDeadline());

    assertThat(lines(plan(reform, "2026-03-10 00:00", "2026-04-04 00:00"), MONTHLY)).hasSize(6);
    assertThat(lines(plan(decision, "2026-03-10 00:00", "2026-04-04 00:00"), MONTHLY)).isEmpty();
  }

  // ---- R19 ----

  @Test
  void quarterlySummariesFallOnTheLastWorkingDayAndAWeekEarlierInTheFourthQuarter_R19() {
    Item item = keyTask(sh("2025-01-02 09:00"), leadWithoutDeadline());
    Map<Long, List<Instant>> reports = Map.of();

    assertThat(lines(plan(item, reports, "2025-01-01 00:00", "2027-01-01 00:00"), Planned.QUARTERLY_SUMMARY)).containsExactly(
        "2025-03-31 09:00 unit:21 quarterly_summary R19",
        "2025-06-30 09:00 unit:21 quarterly_summary R19",
        "2025-09-30 09:00 unit:21 quarterly_summary R19",
        "2025-12-24 09:00 unit:21 quarterly_summary R19",
        "2026-03-31 09:00 unit:21 quarterly_summary R19",
        "2026-06-30 09:00 unit:21 quarterly_summary R19",
        "2026-09-30 09:00 unit:21 quarterly_summary R19",
        "2026-12-24 09:00 unit:21 quarterly_summary R19");
  }

  /**
   * A calendar where the second quarter of 2027 ends inside a holiday, the fourth quarter's
   * week-earlier day is a holiday too, and 30 September 2028, a Saturday, is a make-up working day.
   */
  @Test
  void quarterEndingOnAHolidayMovesTheSummaryBackToAWorkingDay_R19() {
    CalendarYear y2027 = CalendarYear.fromJson(new JsonObject("""
        {"year": 2027, "source": "test", "makeUpWorkdays": [],
         "holidays": [{"name": "test", "from": "2027-06-28", "to": "2027-06-30"},
                      {"name": "test", "from": "2027-12-24", "to": "2027-12-24"}]}"""));
    CalendarYear y2028 = CalendarYear.fromJson(new JsonObject("""
        {"year": 2028, "source": "test", "holidays": [],
         "makeUpWorkdays": [{"name": "test", "date": "2028-09-30"}]}"""));
    Planner planner = new Planner(Fixtures.POLICY, WorkCalendar.of(List.of(y2027, y2028)));
    Item item = keyTask(sh("2027-01-04 09:00"), leadWithoutDeadline());

    List<Planned> plan = planner.plan(item, Map.of(), sh("2027-01-01 00:00"), sh("2029-01-01 00:00"));

    assertThat(lines(plan, Planned.QUARTERLY_SUMMARY)).containsExactly(
        "2027-03-31 09:00 unit:21 quarterly_summary R19",
        "2027-06-25 09:00 unit:21 quarterly_summary R19",
        "2027-09-30 09:00 unit:21 quarterly_summary R19",
        "2027-12-23 09:00 unit:21 quarterly_summary R19",
        "2028-03-31 09:00 unit:21 quarterly_summary R19",
        "2028-06-30 09:00 unit:21 quarterly_summary R19",
        "2028-09-30 09:00 unit:21 quarterly_summary R19",
        "2028-12-22 09:00 unit:21 quarterly_summary R19");
  }

  @Test
  void quarterEndingOnAWeekendWithoutCalendarDataFallsOnFriday_R19() {
    Item item = keyTask(sh("2028-07-03 09:00"), leadWithoutDeadline());

    // no data for 2028 in the shipped calendar: Monday to Friday; 30 September 2028 is a Saturday
    assertThat(lines(plan(item, "2028-07-01 00:00", "2028-10-01 00:00"), Planned.QUARTERLY_SUMMARY)).containsExactly(
        "2028-09-29 09:00 unit:21 quarterly_summary R19");
  }

  @Test
  void summaryDueBeforeAssignmentIsNotPlanned_R19() {
    Item item = keyTask(sh("2026-03-31 10:00"), leadWithoutDeadline());

    assertThat(lines(plan(item, "2026-03-01 00:00", "2026-07-01 00:00"), Planned.QUARTERLY_SUMMARY)).containsExactly(
        "2026-06-30 09:00 unit:21 quarterly_summary R19");
  }

  @Test
  void dailyItemsWriteNoQuarterlySummary_R19() {
    Item item = item(Board.CONTINUOUS, Kind.LEADER_INSTRUCTION, sh("2026-01-05 09:00"), leadWithoutDeadline());

    assertThat(lines(plan(item, "2026-01-01 00:00", "2027-01-01 00:00"), Planned.QUARTERLY_SUMMARY)).isEmpty();
  }

  @Test
  void shippedCalendarHasNoQuarterEndOnADayOffIn2025Or2026_R19() {
    WorkCalendar shipped = WorkCalendar.of(CalendarData.shipped());
    // why the holiday case needs a calendar of its own
    for (int year = 2025; year <= 2026; year++) {
      for (int q = 1; q <= 4; q++) {
        assertThat(shipped.isWorkingDay(YearMonth.of(year, 3 * q).atEndOfMonth())).isTrue();
      }
    }
  }
}
