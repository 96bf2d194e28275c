package org.duban.remind;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/** What each kind of change does to the durable schedule, through the server on a simulated clock. */
class ReplanningTest {
  static TestServer server;
  static Items4Test flow;
  static String admin;

  @BeforeAll
  static void start() {
    // Tuesday 2026-01-20 09:00 in Shanghai
    server = TestServer.start(ReplanningTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-01-20T01:00:00Z"));
    flow = new Items4Test(server);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<String> sendTimes(long itemId, String kind) {
    return server.database().rows("SELECT to_char(send_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS local"
            + " FROM planned_message WHERE state = 'planned'"
            + " AND item_id = " + itemId + " AND '" + kind + "' = ANY(kinds) ORDER BY send_at").stream()
        .map(r -> r.get("local").toString()).toList();
  }

  static long keyTask(String title) {
    JsonObject draft = flow.register(flow.registration(title, "1m").put("kind", "key_task"));
    return ok(flow.post("/items/" + draft.getLong("id") + "/approve", flow.deputy, null), 200).getLong("id");
  }

  @Test
  void aMonthWithoutAReportPlansUrgesAt0800And1500OnTheFirstTwoDaysOfTheNext_R18() {
    long id = keyTask("一月未反馈的重点任务");
    assertThat(sendTimes(id, "monthly_urge")).startsWith(
        "2026-02-01 08:00", "2026-02-01 15:00", "2026-02-02 08:00", "2026-02-02 15:00");
  }

  @Test
  void aReportInTheMonthCancelsItsUrges_R18() {
    long id = keyTask("一月已反馈的重点任务");
    ok(flow.report(id, flow.fgw, "january-progress", "一月进展"), 201);
    assertThat(sendTimes(id, "monthly_urge")).noneMatch(t -> t.startsWith("2026-02-01") || t.startsWith("2026-02-02"));
  }

  @Test
  void aGrantedExtensionMovesTheRemindersAndAddsWeeklyOnes_R17_R32() {
    long id = flow.active("延期后重排", "7d").getLong("id");
    List<String> before = sendTimes(id, "before_deadline");
    assertThat(sendTimes(id, "weekly")).isEmpty();
    ok(flow.post("/items/" + id + "/extension", flow.fgw, new JsonObject().put("newDeadline", "2026-04-30T18:00:00+08:00")
        .put("plan", "分阶段推进")), 200);
    ok(flow.post("/items/" + id + "/extension/grant", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit)), 200);
    assertThat(sendTimes(id, "before_deadline")).isNotEqualTo(before).allMatch(t -> t.equals("2026-04-30 13:00"));
    assertThat(sendTimes(id, "weekly")).isNotEmpty();
  }

  @Test
  void aCalendarImportMovesTheQuarterlySummaryDay_R12_R19() {
    long id = keyTask("季度小结日随日历变化");
    assertThat(sendTimes(id, "quarterly_summary")).contains("2026-03-31 09:00");
    JsonObject notice = ok(server.get("/calendar/2026", admin), 200);
    JsonArray holidays = notice.getJsonArray("holidays").copy()
        .add(new JsonObject().put("name", "假想的假日").put("from", "2026-03-31").put("to", "2026-03-31"));
    ok(server.send(HttpMethod.PUT, "/calendar/2026", admin, notice.copy().put("holidays", holidays)), 200);
    assertThat(sendTimes(id, "quarterly_summary")).contains("2026-03-30 09:00").doesNotContain("2026-03-31 09:00");
  }

  @Test
  void eachReplanSaysWhatItDroppedAndWhatItAdded_R14_R32() {
    long id = flow.active("重排的变化可见", "7d").getLong("id");
    ok(flow.report(id, flow.fgw, "changes-report", "牵头单位反馈"), 201);
    JsonArray changes = ok(server.get("/items/" + id + "/reminders/changes", flow.sponsor), 200).getJsonArray("items");
    JsonObject latest = changes.getJsonObject(0);
    assertThat(latest.getJsonArray("removed")).isNotEmpty()
        .allSatisfy(m -> assertThat(((JsonObject) m).getLong("unitId")).isEqualTo(flow.fgwUnit));
    assertThat(latest.getJsonArray("added")).isEmpty();
    JsonObject first = changes.getJsonObject(changes.size() - 1);
    assertThat(first.getJsonArray("added")).isNotEmpty();
    JsonArray forZjj = ok(server.get("/items/" + id + "/reminders/changes", flow.zjj), 200).getJsonArray("items");
    assertThat(forZjj.getJsonObject(0).getJsonArray("removed")).isEmpty();
  }
}
