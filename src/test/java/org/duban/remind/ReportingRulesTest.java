package org.duban.remind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.remind.Fixtures.COOP;
import static org.duban.remind.Fixtures.LEAD;
import static org.duban.remind.Fixtures.item;
import static org.duban.remind.Fixtures.lines;
import static org.duban.remind.Fixtures.nodeDeadline;
import static org.duban.remind.Fixtures.owing;
import static org.duban.remind.Fixtures.plan;
import static org.duban.remind.Fixtures.sh;
import static org.duban.remind.Fixtures.unit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duban.item.Board;
import org.duban.item.Item;
import org.duban.item.ItemUnit;
import org.duban.item.Kind;
import org.duban.item.Node;
import org.duban.item.Status;
import org.duban.item.UnitStatus;
import org.junit.jupiter.api.Test;

/**
 * R20, Jiangsu's reporting deadlines by source, under the shipped policy: 30 days for meeting
 * decisions and leaders' instructions, 15 July, 15 October and 15 January for the annual key work,
 * 3 months for NPC suggestions and CPPCC proposals; reminders at 09:00 three days before and on the
 * due day, moved back off days off. Every expected time is worked out by hand from the rule and the
 * shipped 2026 calendar.
 */
class ReportingRulesTest {
  private static final String[] R20 = {Planned.REPORT_DUE, Planned.QUARTERLY_REPORT_DUE, Planned.REPLY_DUE,
      Planned.REPORT_REASON_EARLY};

  private static ItemUnit leadWithoutDeadline() {
    return unit(LEAD, true, UnitStatus.ASSIGNED, Optional.empty());
  }

  /** On the 7-day node, with a cooperating unit. */
  private static Item meetingDecision(Instant assignedAt) {
    Instant deadline = nodeDeadline(Node.SEVEN_DAYS, assignedAt);
    return item("meeting_decision", Board.DAILY, Kind.MEETING_DECISION, assignedAt,
        owing(LEAD, true, deadline), owing(COOP, false, deadline));
  }

  private static Item leaderInstruction(Instant assignedAt) {
    return item("leader_instruction", Board.DAILY, Kind.LEADER_INSTRUCTION, assignedAt, leadWithoutDeadline());
  }

  private static Item workReportTask(Instant assignedAt) {
    return item("work_report_task", Board.KEY, Kind.KEY_TASK, assignedAt, leadWithoutDeadline());
  }

  private static Item proposal(Instant assignedAt) {
    return item("npc_cppcc_proposal", Board.DAILY, Kind.OTHER, assignedAt, leadWithoutDeadline());
  }

  private static boolean byR20(Planned p) {
    return p.rules().contains("R20");
  }

  // ---- within 30 days ----

  /** Assigned Wednesday 4 March 2026: day 30 is Friday 3 April, three days before it Tuesday 31 March. */
  @Test
  void meetingDecisionIsDueThirtyDaysAfterAssignmentAndTheLeadIsRemindedThreeDaysBeforeAndOnTheDay_R20() {
    Item item = meetingDecision(sh("2026-03-04 10:00"));

    assertThat(lines(plan(item, "2026-03-04 00:00", "2026-06-01 00:00"), R20)).containsExactly(
        "2026-03-31 09:00 unit:21 report_due R20",
        "2026-04-03 09:00 unit:21 report_due R20");
  }

  @Test
  void reportDueKeyNamesTheLeadUnitTheTimeAndTheKind_R20() {
    List<Planned> plan = plan(meetingDecision(sh("2026-03-04 10:00")), "2026-03-31 00:00", "2026-04-01 00:00");

    assertThat(plan).filteredOn(ReportingRulesTest::byR20).extracting(Planned::key)
        .containsExactly("7/21/UNIT_RESPONSIBLE/2026-03-31T01:00:00Z/report_due");
  }

  /**
   * Assigned Tuesday 2 June 2026: due Thursday 2 July. Five days before is Saturday 27 June, so the
   * request for reasons goes on Friday 26 June; three days before is Monday 29 June.
   */
  @Test
  void leaderInstructionIsDueInThirtyDaysWithAnEarlyRequestForReasonsFiveDaysBefore_R20() {
    Item item = leaderInstruction(sh("2026-06-02 10:00"));

    assertThat(lines(plan(item, "2026-06-02 00:00", "2026-09-01 00:00"), R20)).containsExactly(
        "2026-06-26 09:00 unit:21 report_reason_early R20",
        "2026-06-29 09:00 unit:21 report_due R20",
        "2026-07-02 09:00 unit:21 report_due R20");
  }

  /** Assigned Tuesday 15 September 2026: due Thursday 15 October; five days before is Saturday 10 October, a make-up working day. */
  @Test
  void earlyRequestForReasonsGoesOnAMakeUpSaturday_R12_R20() {
    Item item = leaderInstruction(sh("2026-09-15 10:00"));

    assertThat(lines(plan(item, "2026-09-15 00:00", "2026-12-01 00:00"), R20)).containsExactly(
        "2026-10-10 09:00 unit:21 report_reason_early R20",
        "2026-10-12 09:00 unit:21 report_due R20",
        "2026-10-15 09:00 unit:21 report_due R20");
  }

  /**
   * Assigned Tuesday 8 September 2026: due Thursday 8 October, the day after National Day (1-7
   * October). Three days before is Monday 5 October, a holiday: the reminder goes on Wednesday 30
   * September, the last working day before it.
   */
  @Test
  void reminderDayInsideAHolidayMovesBackToTheWorkingDayBefore_R12_R20() {
    Item item = meetingDecision(sh("2026-09-08 10:00"));

    assertThat(lines(plan(item, "2026-09-08 00:00", "2026-12-01 00:00"), R20)).containsExactly(
        "2026-09-30 09:00 unit:21 report_due R20",
        "2026-10-08 09:00 unit:21 report_due R20");
  }

  /**
   * Assigned Friday 23 January 2026: due Sunday 22 February, inside the Spring Festival (15-23
   * February). The due day itself is not moved; both of its reminders move back to Saturday 14
   * February, a make-up working day, and are one message.
   */
  @Test
  void dueDayInsideAHolidayIsRemindedOnceOnTheLastWorkingDayBeforeIt_R12_R20() {
    Item item = meetingDecision(sh("2026-01-23 10:00"));

    assertThat(lines(plan(item, "2026-01-23 00:00", "2026-04-01 00:00"), R20)).containsExactly(
        "2026-02-14 09:00 unit:21 report_due R20");
  }

  @Test
  void leadsReportCancelsTheThirtyDayRemindersAndTheRequestForReasons_R14_R20() {
    Item decision = meetingDecision(sh("2026-03-04 10:00"));
    Item instruction = leaderInstruction(sh("2026-06-02 10:00"));

    assertThat(lines(plan(decision, Map.of(LEAD, List.of(sh("2026-03-20 15:00"))), "2026-03-04 00:00", "2026-06-01 00:00"), R20))
        .isEmpty();
    assertThat(lines(plan(instruction, Map.of(LEAD, List.of(sh("2026-06-20 15:00"))), "2026-06-02 00:00", "2026-09-01 00:00"), R20))
        .isEmpty();
  }

  /** The same instant as assignment is not before it: a report filed at once answers the deadline. */
  @Test
  void reportAtTheMomentOfAssignmentCancels_R14_R20() {
    Instant assigned = sh("2026-03-04 10:00");

    assertThat(lines(plan(meetingDecision(assigned), Map.of(LEAD, List.of(assigned)), "2026-03-04 00:00", "2026-06-01 00:00"), R20))
        .isEmpty();
  }

  @Test
  void cooperatingUnitsReportDoesNotCancel_R20() {
    Item item = meetingDecision(sh("2026-03-04 10:00"));

    assertThat(lines(plan(item, Map.of(COOP, List.of(sh("2026-03-20 15:00"))), "2026-03-04 00:00", "2026-06-01 00:00"), R20))
        .containsExactly(
            "2026-03-31 09:00 unit:21 report_due R20",
            "2026-04-03 09:00 unit:21 report_due R20");
  }

  /** R30: a returned report answers nothing, so the reminders come back under the same keys. */
  @Test
  void returnedReportDoesNotCancel_R20_R30() {
    Instant assigned = sh("2026-03-04 10:00");
    Item returned = item("meeting_decision", Board.DAILY, Kind.MEETING_DECISION, assigned,
        unit(LEAD, true, UnitStatus.RETURNED, Optional.of(sh("2026-03-11 10:00"))));
    Map<Long, List<Instant>> reports = Map.of(LEAD, List.of(sh("2026-03-10 15:00")));

    List<Planned> plan = plan(returned, reports, "2026-03-04 00:00", "2026-06-01 00:00");

    assertThat(lines(plan, R20)).containsExactly(
        "2026-03-31 09:00 unit:21 report_due R20",
        "2026-04-03 09:00 unit:21 report_due R20");
    assertThat(plan).filteredOn(ReportingRulesTest::byR20).extracting(Planned::key)
        .isEqualTo(plan(meetingDecision(assigned), "2026-03-04 00:00", "2026-06-01 00:00").stream()
            .filter(ReportingRulesTest::byR20).map(Planned::key).toList());
  }

  // ---- quarterly by 15 July, 15 October, 15 January ----

  /**
   * Assigned 1 June 2026. 15 July is a Wednesday: three days before is Sunday 12 July, so Friday 10
   * July. 15 October is a Thursday (Monday 12 October three days before). 15 January 2027 is a
   * Friday, about October to December 2026 (Tuesday 12 January three days before).
   */
  @Test
  void annualKeyWorkReportsEachQuarterBy15July15OctoberAnd15JanuaryOfTheNextYear_R20() {
    Item item = workReportTask(sh("2026-06-01 10:00"));

    assertThat(lines(plan(item, "2026-06-01 00:00", "2027-02-01 00:00"), R20)).containsExactly(
        "2026-07-10 09:00 unit:21 quarterly_report_due R20",
        "2026-07-15 09:00 unit:21 quarterly_report_due R20",
        "2026-10-12 09:00 unit:21 quarterly_report_due R20",
        "2026-10-15 09:00 unit:21 quarterly_report_due R20",
        "2027-01-12 09:00 unit:21 quarterly_report_due R20",
        "2027-01-15 09:00 unit:21 quarterly_report_due R20");
  }

  @Test
  void noReportIsAskedFor15April_R20() {
    Item item = workReportTask(sh("2026-01-20 10:00"));

    assertThat(lines(plan(item, "2026-01-20 00:00", "2026-07-01 00:00"), R20)).isEmpty();
  }

  /**
   * A report from 00:00 on 1 July (Shanghai) answers 15 July, which is about April to June; one a
   * minute earlier does not, and neither answers 15 October.
   */
  @Test
  void reportFromTheFirstDayOfTheFollowingQuarterAnswersTheQuarterlyDate_R14_R20() {
    Item item = workReportTask(sh("2026-06-01 10:00"));
    Instant lastMinuteOfJune = sh("2026-06-30 23:59");

    assertThat(lines(plan(item, Map.of(LEAD, List.of(lastMinuteOfJune, sh("2026-07-01 00:00"))),
        "2026-06-01 00:00", "2026-11-01 00:00"), R20)).containsExactly(
        "2026-10-12 09:00 unit:21 quarterly_report_due R20",
        "2026-10-15 09:00 unit:21 quarterly_report_due R20");
    assertThat(lines(plan(item, Map.of(LEAD, List.of(lastMinuteOfJune)), "2026-06-01 00:00", "2026-11-01 00:00"), R20))
        .hasSize(4).first().isEqualTo("2026-07-10 09:00 unit:21 quarterly_report_due R20");
  }

  /**
   * Assigned Friday 10 July 2026 at 10:00: 15 July is still ahead, but its reminder three days
   * before moves back to that Friday at 09:00, before assignment, and is not sent.
   */
  @Test
  void reminderMovedBackBeforeAssignmentIsNotPlanned_R20() {
    Item item = workReportTask(sh("2026-07-10 10:00"));

    assertThat(lines(plan(item, "2026-07-01 00:00", "2026-08-01 00:00"), R20)).containsExactly(
        "2026-07-15 09:00 unit:21 quarterly_report_due R20");
  }

  // ---- NPC suggestions and CPPCC proposals: a reply within 3 months ----

  /** 31 January + 3 months is 30 April (no 31 April), a Thursday; 90 days would be 1 May. */
  @Test
  void proposalAssignedOnTheLastDayOfJanuaryIsAnsweredBy30April_R20() {
    Item item = proposal(sh("2026-01-31 10:00"));

    assertThat(lines(plan(item, "2026-01-31 00:00", "2026-07-01 00:00"), R20)).containsExactly(
        "2026-04-27 09:00 unit:21 reply_due R20",
        "2026-04-30 09:00 unit:21 reply_due R20");
  }

  /**
   * Assigned on 29 February 2028: 3 months on is Monday 29 May, 30 days on Thursday 30 March. The
   * shipped calendar has no 2028 data, so Monday to Friday are the working days.
   */
  @Test
  void leapDayAssignmentCountsMonthsAndDaysFromTheTwentyNinth_R20() {
    Item proposal = proposal(sh("2028-02-29 10:00"));
    Item decision = meetingDecision(sh("2028-02-29 10:00"));

    assertThat(Fixtures.CALENDAR.covers(2028)).isFalse();
    assertThat(lines(plan(proposal, "2028-02-29 00:00", "2028-08-01 00:00"), R20)).containsExactly(
        "2028-05-26 09:00 unit:21 reply_due R20",
        "2028-05-29 09:00 unit:21 reply_due R20");
    assertThat(lines(plan(decision, "2028-02-29 00:00", "2028-08-01 00:00"), R20)).containsExactly(
        "2028-03-27 09:00 unit:21 report_due R20",
        "2028-03-30 09:00 unit:21 report_due R20");
  }

  @Test
  void everyReportingKindHasItsOwnSmsText_R20() {
    // no date in them: the item's node deadline is not the report's (R20's own due dates are not stored)
    assertThat(List.of(R20)).allSatisfy(kind -> assertThat(Messages.TEXT.get(kind)).as(kind).isNotBlank().doesNotContain("%s"));
    assertThat(List.of(R20).stream().map(Messages.TEXT::get).distinct()).hasSize(R20.length);
  }

  // ---- what plans no R20 message ----

  @Test
  void sourceWithoutAProfileGetsNoReportingReminder_R20() {
    for (String source : List.of("province_13710", "reform_task", "inspection_finding", "complaint")) {
      Item item = item(source, Board.CONTINUOUS, Kind.MEETING_DECISION, sh("2026-03-04 10:00"), leadWithoutDeadline());

      assertThat(plan(item, "2026-03-04 00:00", "2027-03-04 00:00")).as(source).isNotEmpty().noneMatch(ReportingRulesTest::byR20);
    }
  }

  @Test
  void policyVersionOnePlansNoReportingReminder_R20() {
    Planner v1 = new Planner(ReminderPolicy.shippedVersions().get(0), Fixtures.CALENDAR);

    for (Item item : List.of(meetingDecision(sh("2026-03-04 10:00")), leaderInstruction(sh("2026-03-04 10:00")),
        workReportTask(sh("2026-03-04 10:00")), proposal(sh("2026-03-04 10:00")))) {
      assertThat(v1.plan(item, Map.of(), sh("2026-03-04 00:00"), sh("2027-03-04 00:00"))).as(item.source())
          .noneMatch(ReportingRulesTest::byR20);
    }
  }

  @Test
  void draftPlansNoReportingReminder_R05_R20() {
    Item draft = Fixtures.withStatus(meetingDecision(sh("2026-03-04 10:00")), Status.DRAFT);

    assertThat(plan(draft, "2026-03-04 00:00", "2026-06-01 00:00")).isEmpty();
  }
}
