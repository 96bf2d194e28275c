package org.duban.remind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.remind.Fixtures.COOP;
import static org.duban.remind.Fixtures.COOP2;
import static org.duban.remind.Fixtures.LEAD;
import static org.duban.remind.Fixtures.daily;
import static org.duban.remind.Fixtures.lines;
import static org.duban.remind.Fixtures.nodeDeadline;
import static org.duban.remind.Fixtures.owing;
import static org.duban.remind.Fixtures.plan;
import static org.duban.remind.Fixtures.reported;
import static org.duban.remind.Fixtures.sh;
import static org.duban.remind.Fixtures.underKeySupervision;
import static org.duban.remind.Fixtures.unit;

import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duban.item.Item;
import org.duban.item.Node;
import org.duban.item.UnitStatus;
import org.junit.jupiter.api.Test;

/** R13-R16 through whole plans of items on each 13710 node, times in Shanghai. */
class DeadlineRemindersTest {

  @Test
  void oneDayItemGetsItsWholeSequence_R13() {
    Instant assigned = sh("2026-03-02 16:00");
    Item item = daily(assigned, owing(LEAD, true, nodeDeadline(Node.ONE_DAY, assigned)));

    assertThat(lines(plan(item, "2026-03-02 16:00", "2026-03-09 00:00"))).containsExactly(
        "2026-03-03 11:00 unit:21 before_deadline R13",
        "2026-03-03 19:00 unit:21 urge R15",
        "2026-03-03 21:00 unit:21 after_deadline R13",
        "2026-03-04 07:00 unit:21 urge R15,R21 due 03-03 22:00",
        "2026-03-04 10:00 unit:21 urge R15",
        "2026-03-04 13:00 unit:21 urge R15",
        "2026-03-04 16:00 unit:21 after_deadline+urge R13,R15",
        "2026-03-04 18:00 unit:21 urge R15",
        "2026-03-04 20:00 unit:21 urge R15",
        "2026-03-05 07:00 unit:21 urge R15,R21 due 03-04 22:00",
        "2026-03-05 08:00 unit:21 urge R15",
        "2026-03-05 10:00 unit:21 urge R15",
        "2026-03-05 12:00 unit:21 urge R15",
        "2026-03-05 14:00 unit:21 urge R15",
        "2026-03-05 16:00 unit:21 after_deadline+urge R13,R15",
        "2026-03-05 16:00 sponsor:21 escalate_sponsor R16",
        "2026-03-06 16:00 supervision:item key_supervision R16");
  }

  /** 2026-04-01 + 3 days is Saturday 4 April, inside 清明节 (4-6 April): the deadline moves to Tuesday 7 April. */
  @Test
  void threeDayItemOverTheQingmingHolidayIsRemindedFromTheMovedDeadline_R13() {
    Instant assigned = sh("2026-04-01 10:00");
    Item item = daily(assigned, owing(LEAD, true, nodeDeadline(Node.THREE_DAYS, assigned)),
        reported(COOP, false, nodeDeadline(Node.THREE_DAYS, assigned)));

    assertThat(lines(plan(item, "2026-04-01 10:00", "2026-04-20 00:00"))).containsExactly(
        "2026-04-07 07:00 unit:21 before_deadline R13,R21 due 04-07 05:00",
        "2026-04-07 13:00 unit:21 urge R15",
        "2026-04-07 15:00 unit:21 after_deadline R13",
        "2026-04-07 16:00 unit:21 urge R15",
        "2026-04-07 19:00 unit:21 urge R15",
        "2026-04-08 07:00 unit:21 urge R15,R21 due 04-07 22:00",
        "2026-04-08 10:00 unit:21 after_deadline+urge R13,R15",
        "2026-04-08 12:00 unit:21 urge R15",
        "2026-04-08 14:00 unit:21 urge R15",
        "2026-04-08 16:00 unit:21 urge R15",
        "2026-04-08 18:00 unit:21 urge R15",
        "2026-04-08 20:00 unit:21 urge R15",
        "2026-04-09 07:00 unit:21 urge R15,R21 due 04-08 22:00",
        "2026-04-09 08:00 unit:21 urge R15",
        "2026-04-09 10:00 unit:21 after_deadline+urge R13,R15",
        "2026-04-09 10:00 sponsor:21 escalate_sponsor R16",
        "2026-04-10 10:00 supervision:item key_supervision R16");
  }

  /**
   * Assigned at 21:30, due 21:30 a week later. The urges held to 07:00 merge with the one due at
   * 07:30, exactly 30 minutes later; the punctual lead hears nothing.
   */
  @Test
  void sevenDayItemRemindsTheLateCooperatingUnitButNotThePunctualLead_R13() {
    Instant assigned = sh("2026-03-02 21:30");
    Instant deadline = nodeDeadline(Node.SEVEN_DAYS, assigned);
    Item item = daily(assigned, reported(LEAD, true, deadline), owing(COOP, false, deadline));

    assertThat(lines(plan(item, "2026-03-02 21:30", "2026-03-20 00:00"))).containsExactly(
        "2026-03-09 16:30 unit:22 before_deadline R13",
        "2026-03-10 07:00 unit:22 after_deadline+urge R13,R15,R21 due 03-10 00:30",
        "2026-03-10 09:30 unit:22 urge R15",
        "2026-03-10 12:30 unit:22 urge R15",
        "2026-03-10 15:30 unit:22 urge R15",
        "2026-03-10 18:30 unit:22 urge R15",
        "2026-03-10 21:30 unit:22 after_deadline+urge R13,R15",
        "2026-03-11 07:00 unit:22 urge R15,R21 due 03-10 23:30",
        "2026-03-11 09:30 unit:22 urge R15",
        "2026-03-11 11:30 unit:22 urge R15",
        "2026-03-11 13:30 unit:22 urge R15",
        "2026-03-11 15:30 unit:22 urge R15",
        "2026-03-11 17:30 unit:22 urge R15",
        "2026-03-11 19:30 unit:22 urge R15",
        "2026-03-11 21:30 unit:22 after_deadline+urge R13,R15",
        "2026-03-11 21:30 sponsor:22 escalate_sponsor R16",
        "2026-03-12 21:30 supervision:item key_supervision R16");
  }

  /**
   * 30 January plus one month is 28 February 2026, a make-up Saturday (调休) and so a working day.
   * A board "1" item of a month also gets weekly reminders (R17), on into March.
   */
  @Test
  void oneMonthItemEndingOnAMakeUpSaturdayGetsWeeklyAndDeadlineReminders_R13() {
    Instant assigned = sh("2026-01-30 10:00");
    Item item = daily(assigned, owing(LEAD, true, nodeDeadline(Node.ONE_MONTH, assigned)));

    assertThat(lines(plan(item, "2026-01-30 10:00", "2026-03-07 00:00"))).containsExactly(
        "2026-02-06 10:00 unit:21 weekly R17",
        "2026-02-13 10:00 unit:21 weekly R17",
        "2026-02-20 10:00 unit:21 weekly R17",
        "2026-02-27 10:00 unit:21 weekly R17",
        "2026-02-28 07:00 unit:21 before_deadline R13,R21 due 02-28 05:00",
        "2026-02-28 13:00 unit:21 urge R15",
        "2026-02-28 15:00 unit:21 after_deadline R13",
        "2026-02-28 16:00 unit:21 urge R15",
        "2026-02-28 19:00 unit:21 urge R15",
        "2026-03-01 07:00 unit:21 urge R15,R21 due 02-28 22:00",
        "2026-03-01 10:00 unit:21 after_deadline+urge R13,R15",
        "2026-03-01 12:00 unit:21 urge R15",
        "2026-03-01 14:00 unit:21 urge R15",
        "2026-03-01 16:00 unit:21 urge R15",
        "2026-03-01 18:00 unit:21 urge R15",
        "2026-03-01 20:00 unit:21 urge R15",
        "2026-03-02 07:00 unit:21 urge R15,R21 due 03-01 22:00",
        "2026-03-02 08:00 unit:21 urge R15",
        "2026-03-02 10:00 unit:21 after_deadline+urge R13,R15",
        "2026-03-02 10:00 sponsor:21 escalate_sponsor R16",
        "2026-03-03 10:00 supervision:item key_supervision R16",
        "2026-03-06 10:00 unit:21 weekly R17");
  }

  @Test
  void remindsFiveHoursBeforeDeadline_R13() {
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-03-09 15:00")));

    assertThat(lines(plan(item, "2026-03-02 10:00", "2026-03-09 15:00"))).containsExactly(
        "2026-03-09 10:00 unit:21 before_deadline R13");
  }

  @Test
  void remindsFiveHoursOneDayAndTwoDaysAfterTheDeadline_R13() {
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-03-09 10:00")));

    assertThat(lines(plan(item, "2026-03-02 10:00", "2026-03-20 00:00"), Planned.AFTER_DEADLINE)).containsExactly(
        "2026-03-09 15:00 unit:21 after_deadline R13",
        "2026-03-10 10:00 unit:21 after_deadline+urge R13,R15",
        "2026-03-11 10:00 unit:21 after_deadline+urge R13,R15");
  }

  @Test
  void reminderDueBeforeAssignmentIsNotPlanned_R13() {
    Item item = daily(sh("2026-03-09 08:00"), owing(LEAD, true, sh("2026-03-09 11:00")));

    assertThat(lines(plan(item, "2026-03-09 08:00", "2026-03-09 18:00"))).containsExactly(
        "2026-03-09 14:00 unit:21 urge R15",
        "2026-03-09 16:00 unit:21 after_deadline R13",
        "2026-03-09 17:00 unit:21 urge R15");
  }

  @Test
  void unitWithoutADeadlineGetsNoDeadlineReminders_R13() {
    Item item = daily(sh("2026-03-02 10:00"), unit(LEAD, true, UnitStatus.ASSIGNED, Optional.empty()));

    assertThat(plan(item, "2026-03-02 10:00", "2026-06-01 00:00")).isEmpty();
  }

  @Test
  void earlyReportCancelsThatReminderAndTheLaterOnes_R14() {
    Instant deadline = sh("2026-03-09 10:00");
    Item owes = daily(sh("2026-03-02 10:00"), owing(LEAD, true, deadline));
    Item answered = daily(sh("2026-03-02 10:00"), reported(LEAD, true, deadline));

    // planned at the moment of the report, 04:00 on the day, before the 05:00 reminder
    assertThat(lines(plan(owes, "2026-03-09 04:00", "2026-03-20 00:00"))).hasSize(17)
        .first().isEqualTo("2026-03-09 07:00 unit:21 before_deadline R13,R21 due 03-09 05:00");
    assertThat(plan(answered, "2026-03-09 04:00", "2026-03-20 00:00")).isEmpty();
  }

  @Test
  void acceptedUnitGetsNoReminders_R14() {
    Item item = daily(sh("2026-03-02 10:00"),
        unit(LEAD, true, UnitStatus.ACCEPTED, Optional.of(sh("2026-03-09 10:00"))));

    assertThat(plan(item, "2026-03-02 10:00", "2026-03-20 00:00")).isEmpty();
  }

  @Test
  void reportAfterTheDeadlineCancelsTheRemainingUrges_R14() {
    Instant deadline = sh("2026-03-09 10:00");
    Item late = daily(sh("2026-03-02 10:00"), reported(LEAD, true, deadline));

    assertThat(plan(late, "2026-03-10 11:00", "2026-03-20 00:00")).isEmpty();
  }

  @Test
  void returnedUnitIsRemindedAgain_R14() {
    Instant deadline = sh("2026-03-09 10:00");
    Item returned = daily(sh("2026-03-02 10:00"), unit(LEAD, true, UnitStatus.RETURNED, Optional.of(deadline)));

    // returned at 11:00 on the first overdue day: the rest of the sequence comes back
    assertThat(lines(plan(returned, "2026-03-10 11:00", "2026-03-10 20:00"))).containsExactly(
        "2026-03-10 12:00 unit:21 urge R15",
        "2026-03-10 14:00 unit:21 urge R15",
        "2026-03-10 16:00 unit:21 urge R15",
        "2026-03-10 18:00 unit:21 urge R15");
    assertThat(lines(plan(returned, "2026-03-10 11:00", "2026-03-13 00:00"))).contains(
        "2026-03-11 10:00 sponsor:21 escalate_sponsor R16",
        "2026-03-12 10:00 supervision:item key_supervision R16");
  }

  @Test
  void urgesEveryThreeHoursOnTheFirstOverdueDayAndEveryTwoOnTheSecond_R15() {
    Planner noQuiet = new Planner(Fixtures.policyWith(p -> {
      p.remove("quietHours");
      return p;
    }), Fixtures.CALENDAR);
    Instant deadline = sh("2026-03-09 10:00");
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, deadline));

    List<Long> hoursOverdue = noQuiet.plan(item, Map.of(), deadline, sh("2026-03-20 00:00")).stream()
        .filter(p -> p.kinds().contains(Planned.URGE))
        .map(p -> Duration.between(deadline, p.dueAt()).toHours()).toList();

    assertThat(hoursOverdue).containsExactly(
        3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L,
        26L, 28L, 30L, 32L, 34L, 36L, 38L, 40L, 42L, 44L, 46L, 48L);
  }

  @Test
  void urgeAndReminderDueTogetherAtOneAndTwoDaysOverdueAreOneMessage_R15() {
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-03-09 10:00")));

    List<Planned> merged = plan(item, "2026-03-02 10:00", "2026-03-20 00:00").stream()
        .filter(p -> p.kinds().size() > 1).toList();

    assertThat(lines(merged)).containsExactly(
        "2026-03-10 10:00 unit:21 after_deadline+urge R13,R15",
        "2026-03-11 10:00 unit:21 after_deadline+urge R13,R15");
  }

  @Test
  void messagesWithinThirtyMinutesOfTheFirstMergeAndLaterOnesDoNot_R15() {
    Planner planner = new Planner(Fixtures.policyWith(p -> {
      p.getJsonObject("deadline").put("before", new JsonArray())
          .put("after", new JsonArray(List.of("PT1H", "PT1H30M", "PT1H31M", "PT2H2M")));
      p.getJsonObject("urge").put("bands", new JsonArray());
      return p;
    }), Fixtures.CALENDAR);
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-03-09 10:00")));

    // 11:30 is exactly 30 minutes after 11:00 and joins it; 11:31 is a minute after 11:30 but 31
    // minutes after 11:00, the group's first, so it opens the next group, which 12:02 does not reach
    assertThat(lines(planner.plan(item, Map.of(), sh("2026-03-09 10:00"), sh("2026-03-09 13:00")))).containsExactly(
        "2026-03-09 11:00 unit:21 after_deadline R13",
        "2026-03-09 11:31 unit:21 after_deadline R13",
        "2026-03-09 12:02 unit:21 after_deadline R13");
  }

  @Test
  void unitsMessagesStaySeparateButTheSponsorOfficeReadsOneMessage_R15() {
    Instant deadline = sh("2026-03-09 10:00");
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, deadline), owing(COOP, false, deadline));

    // the same item and person (R15 Reading): the sponsor office is one reader for both units
    assertThat(lines(plan(item, "2026-03-11 10:00", "2026-03-11 10:01"))).containsExactly(
        "2026-03-11 10:00 unit:21 after_deadline+urge R13,R15",
        "2026-03-11 10:00 unit:22 after_deadline+urge R13,R15",
        "2026-03-11 10:00 sponsor:21 escalate_sponsor R16");
  }

  @Test
  void sponsorIsToldOfEachOwingUnitAtTwoDaysOverdue_R16() {
    Item item = daily(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-03-09 10:00")),
        owing(COOP, false, sh("2026-03-10 15:00")), reported(COOP2, false, sh("2026-03-09 10:00")));

    assertThat(lines(plan(item, "2026-03-02 10:00", "2026-04-01 00:00"), Planned.ESCALATE_SPONSOR)).containsExactly(
        "2026-03-11 10:00 sponsor:21 escalate_sponsor R16",
        "2026-03-12 15:00 sponsor:22 escalate_sponsor R16");
  }

  @Test
  void keySupervisionComesOnceAtThreeDaysAfterTheEarliestOwingDeadline_R16() {
    Item item = daily(sh("2026-03-02 10:00"), reported(LEAD, true, sh("2026-03-08 10:00")),
        owing(COOP, false, sh("2026-03-10 15:00")), owing(COOP2, false, sh("2026-03-09 12:00")));

    assertThat(lines(plan(item, "2026-03-02 10:00", "2026-04-01 00:00"), Planned.KEY_SUPERVISION)).containsExactly(
        "2026-03-12 12:00 supervision:item key_supervision R16");
  }

  @Test
  void itemAlreadyUnderKeySupervisionIsNotSentThereAgain_R16() {
    Item item = underKeySupervision(daily(sh("2026-03-02 10:00"), owing(LEAD, true, sh("2026-03-09 10:00"))));

    List<Planned> plan = plan(item, "2026-03-02 10:00", "2026-04-01 00:00");

    assertThat(lines(plan, Planned.KEY_SUPERVISION)).isEmpty();
    assertThat(lines(plan, Planned.ESCALATE_SPONSOR)).containsExactly("2026-03-11 10:00 sponsor:21 escalate_sponsor R16");
  }

  @Test
  void noEscalationOnceEveryUnitHasReported_R16() {
    Item item = daily(sh("2026-03-02 10:00"), reported(LEAD, true, sh("2026-03-09 10:00")),
        reported(COOP, false, sh("2026-03-09 10:00")));

    assertThat(plan(item, "2026-03-02 10:00", "2026-04-01 00:00")).isEmpty();
  }
}
