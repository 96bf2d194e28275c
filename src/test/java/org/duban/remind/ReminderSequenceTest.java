package org.duban.remind;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Drill;
import org.duban.support.Items4Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * The exact SMS sequence of items through the server on the drill clock, each expected line written
 * from the rules (see {@link Walk}). The tests run in calendar order, as the clock only moves forward.
 * Demo phones: FGW is the lead unit, ZJJ the cooperating one, SPONSOR the sponsor office, OFFICE the
 * supervision office.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReminderSequenceTest {
  static Drill drill;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    drill = Drill.start(ReminderSequenceTest.class, Map.of());
    flow = drill.flow;
  }

  @AfterAll
  static void stop() {
    drill.close();
  }

  static void clockTo(String localMinute) {
    drill.clockTo(Walk.sh(localMinute).toString());
  }

  @Test
  @Order(1)
  void anItemNobodyAnswersGetsEveryReminderUrgeAndEscalationOfItsThreeDays_R13_R15_R16_R21() {
    clockTo("2026-03-02 09:00");
    long id = flow.active("三天无人反馈", "1d").getLong("id"); // a 1-day node: due Tuesday 09:00
    Walk walk = new Walk(drill, id);
    walk.expect("2026-03-06 12:00",
        // R13: 5 hours before is 04:00, quiet (R21): held to 07:00
        "2026-03-03 07:00 FGW R13 R21", "2026-03-03 07:00 ZJJ R13 R21",
        // R15: every 3 hours in the first overdue day; R13: 5 hours after
        "2026-03-03 12:00 FGW R15", "2026-03-03 12:00 ZJJ R15",
        "2026-03-03 14:00 FGW R13", "2026-03-03 14:00 ZJJ R13",
        "2026-03-03 15:00 FGW R15", "2026-03-03 15:00 ZJJ R15",
        "2026-03-03 18:00 FGW R15", "2026-03-03 18:00 ZJJ R15",
        "2026-03-03 21:00 FGW R15", "2026-03-03 21:00 ZJJ R15",
        // 00:00, 03:00 and 06:00 are quiet: one message at 07:00
        "2026-03-04 07:00 FGW R15 R21", "2026-03-04 07:00 ZJJ R15 R21",
        // one day after: R13's reminder and the last 3-hourly urge are one message (within 30 minutes)
        "2026-03-04 09:00 FGW R13 R15", "2026-03-04 09:00 ZJJ R13 R15",
        // R15: every 2 hours in the second overdue day
        "2026-03-04 11:00 FGW R15", "2026-03-04 11:00 ZJJ R15",
        "2026-03-04 13:00 FGW R15", "2026-03-04 13:00 ZJJ R15",
        "2026-03-04 15:00 FGW R15", "2026-03-04 15:00 ZJJ R15",
        "2026-03-04 17:00 FGW R15", "2026-03-04 17:00 ZJJ R15",
        "2026-03-04 19:00 FGW R15", "2026-03-04 19:00 ZJJ R15",
        "2026-03-04 21:00 FGW R15", "2026-03-04 21:00 ZJJ R15",
        // 23:00, 01:00, 03:00, 05:00 are quiet and join 07:00's
        "2026-03-05 07:00 FGW R15 R21", "2026-03-05 07:00 ZJJ R15 R21",
        // two days after: R13's last reminder with the last urge; R16: the sponsor is told
        "2026-03-05 09:00 FGW R13 R15", "2026-03-05 09:00 ZJJ R13 R15", "2026-03-05 09:00 SPONSOR R16",
        // R16: three days overdue, key supervision
        "2026-03-06 09:00 OFFICE R16");
    walk.allOnTime();
    JsonObject item = ok(drill.server.get("/items/" + id, flow.sponsor), 200);
    assertThat(item.getBoolean("keySupervision")).isTrue();
    assertThat(Items4Test.types(flow.events(id, flow.sponsor))).contains("key_supervision");
  }

  @Test
  @Order(2)
  void anEarlyReportCancelsTheUnitsRemindersAndAReturnBringsThemBack_R14_R30() {
    clockTo("2026-03-09 09:00");
    long id = flow.active("提前报送与退回", "3d").getLong("id"); // due Thursday 03-12 09:00
    Walk walk = new Walk(drill, id);
    walk.to("2026-03-11 10:00");
    ok(flow.report(id, flow.fgw, "early-item-" + id, "已办结"), 201);
    walk.expect("2026-03-12 10:00",
        // the lead unit reported: only the cooperating unit is reminded (R14)
        "2026-03-12 07:00 ZJJ R13 R21");
    ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "内容不全")), 200);
    // returned after the deadline: the lead unit owes again, from the next urge on; nothing it missed comes late
    walk.expect("2026-03-12 15:30",
        "2026-03-12 12:00 FGW R15", "2026-03-12 12:00 ZJJ R15",
        "2026-03-12 14:00 FGW R13", "2026-03-12 14:00 ZJJ R13",
        "2026-03-12 15:00 FGW R15", "2026-03-12 15:00 ZJJ R15");
    walk.allOnTime();
  }

  @Test
  @Order(3)
  void aGrantedExtensionMovesTheDeadlineAndBringsWeeklyReminders_R17_R20_R32() {
    clockTo("2026-03-16 09:00");
    long id = flow.active("延期后每周提醒", "7d").getLong("id"); // due Monday 03-23 09:00
    Walk walk = new Walk(drill, id);
    walk.to("2026-03-18 10:00");
    ok(flow.post("/items/" + id + "/extension", flow.fgw, new JsonObject().put("newDeadline", "2026-04-17T18:00:00+08:00")
        .put("plan", "分三步推进")), 200);
    ok(flow.post("/items/" + id + "/extension/grant", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit)), 200);
    walk.expect("2026-04-17 13:30",
        // continuous follow-up: weekly, counted from assignment (R17); the old deadline's reminders are gone
        "2026-03-23 09:00 FGW R17", "2026-03-23 09:00 ZJJ R17",
        "2026-03-30 09:00 FGW R17", "2026-03-30 09:00 ZJJ R17",
        "2026-04-06 09:00 FGW R17", "2026-04-06 09:00 ZJJ R17",
        // a meeting decision reports within 30 days (R20, policy version 2): by 24:00 on 15 April, the lead unit
        // reminded three days before, Sunday 12 April, moved back to Friday, and on the day
        "2026-04-10 09:00 FGW R20",
        "2026-04-13 09:00 FGW R17", "2026-04-13 09:00 ZJJ R17",
        "2026-04-15 09:00 FGW R20",
        // R13: 5 hours before the new deadline
        "2026-04-17 13:00 FGW R13", "2026-04-17 13:00 ZJJ R13");
    walk.allOnTime();
    // R20's text asks for the report and names no date: the item's own deadline is not the report's
    assertThat(drill.receivedFor(id).stream().filter(m -> m.getJsonArray("rules").getList().equals(List.of("R20"))).toList())
        .hasSize(4).allSatisfy(m -> assertThat(m.getString("text")).contains("限期报告提醒").doesNotContain("时限"));
  }

  @Test
  @Order(4)
  void aKeyTaskReportsMonthlyIsUrgedAtEightAndThreeAcrossAMonthEndAndAHolidayThenHandedOff_R18_R19() {
    clockTo("2026-03-20 09:00");
    JsonObject registration = flow.registration("重点任务月报", "1m").put("kind", "key_task").put("source", "work_report_task")
        .put("cooperatingUnitIds", new JsonArray());
    long id = flow.register(registration).getLong("id");
    ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200); // due 04-20 09:00
    Walk walk = new Walk(drill, id);
    walk.to("2026-03-25 10:00");
    ok(flow.report(id, flow.fgw, "march-item-" + id, "三月进展"), 201); // March is reported, and so is the node (R14)
    walk.expect("2026-05-03 09:00",
        // R19: the last working day of the first quarter, Tuesday 31 March
        "2026-03-31 09:00 FGW R19",
        // April brings no report: urged at 08:00 and 15:00 on 1 and 2 May, Labour Day holidays included (R18)
        "2026-05-01 08:00 FGW R18", "2026-05-01 15:00 FGW R18",
        "2026-05-02 08:00 FGW R18", "2026-05-02 15:00 FGW R18",
        // then the sponsor urges; more than 2 days late, the supervision office takes it
        "2026-05-02 16:00 SPONSOR R18",
        "2026-05-03 08:00 OFFICE R18");
    walk.allOnTime();
    assertThat(ok(drill.server.get("/items/" + id, flow.sponsor), 200).getBoolean("keySupervision")).isTrue();
  }

  @Test
  @Order(5)
  void aDeadlineOnTheNationalDayHolidayMovesToTheNextWorkingDayAndAMakeUpSaturdayCounts_R10_R12_R13() {
    clockTo("2026-09-30 09:00");
    long holiday = flow.active("国庆假期顺延", "1d").getLong("id"); // 10-01 is a holiday: due Thursday 10-08 09:00
    Walk walk = new Walk(drill, holiday);
    walk.expect("2026-10-08 12:00",
        "2026-10-08 07:00 FGW R13 R21", "2026-10-08 07:00 ZJJ R13 R21",
        "2026-10-08 12:00 FGW R15", "2026-10-08 12:00 ZJJ R15");
    walk.allOnTime();

    clockTo("2026-10-09 09:00");
    long makeUp = flow.active("调休上班日到期", "1d").getLong("id"); // Saturday 10-10 is a make-up working day: due then
    new Walk(drill, makeUp).expect("2026-10-10 12:00",
        "2026-10-10 07:00 FGW R13 R21", "2026-10-10 07:00 ZJJ R13 R21",
        "2026-10-10 12:00 FGW R15", "2026-10-10 12:00 ZJJ R15").allOnTime();
  }
}
