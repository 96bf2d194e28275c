package org.duban.remind;


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

/** The reminder preview through the API, on a simulated clock: Monday 2026-03-02 09:00 in Shanghai. */
class ReminderPreviewApiTest {
  static TestServer server;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    server = TestServer.start(ReminderPreviewApiTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-03-02T01:00:00Z"));
    flow = new Items4Test(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<JsonObject> items(JsonObject page) {
    return page.getJsonArray("items").stream().map(i -> (JsonObject) i).toList();
  }

  @Test
  void aThreeDayItemPlansTheReminderFiveHoursBeforeItsDeadlineForEveryUnit_R13() {
    long id = flow.active("三天节点的提醒", "3d").getLong("id");
    List<JsonObject> planned = items(ok(server.get("/items/" + id + "/reminders", flow.sponsor), 200));
    // deadline Thursday 2026-03-05 09:00 Shanghai: the reminder goes at 04:00, inside quiet hours, so at 07:00 (R21)
    List<JsonObject> before = planned.stream().filter(p -> p.getJsonArray("kinds").contains("before_deadline")).toList();
    assertThat(before).hasSize(2);
    assertThat(before).allSatisfy(p -> {
      assertThat(p.getString("dueAt")).isEqualTo("2026-03-04T20:00:00Z");
      assertThat(p.getString("localSendAt")).startsWith("2026-03-05T07:00");
      assertThat(p.getJsonArray("rules").getList()).contains("R13");
    });
  }

  @Test
  void anEarlyReportCancelsThatUnitsRemindersButNotTheOthers_R14() {
    long id = flow.active("提前反馈取消提醒", "3d").getLong("id");
    ok(flow.report(id, flow.fgw, "early-report-r14", "提前反馈"), 201);
    List<JsonObject> planned = items(ok(server.get("/items/" + id + "/reminders", flow.sponsor), 200));
    assertThat(planned).isNotEmpty();
    assertThat(planned).noneSatisfy(p -> assertThat(p.getLong("unitId")).isEqualTo(flow.fgwUnit));
    assertThat(planned).anySatisfy(p -> assertThat(p.getLong("unitId")).isEqualTo(flow.zjjUnit));
  }

  @Test
  void aLiaisonSeesOnlyTheirOwnUnitsMessages() {
    long id = flow.active("联络员只看本单位提醒", "7d").getLong("id");
    List<JsonObject> planned = items(ok(server.get("/items/" + id + "/reminders", flow.zjj), 200));
    assertThat(planned).isNotEmpty().allSatisfy(p -> assertThat(p.getLong("unitId")).isEqualTo(flow.zjjUnit));
  }

  @Test
  void aSponsorPreviewsARegistrationBeforeStoringIt_R13() {
    int before = ok(server.get("/items?limit=200", flow.sponsor), 200).getJsonArray("items").size();
    JsonObject preview = ok(flow.post("/reminders/preview", flow.sponsor, new JsonObject()
        .put("registration", flow.registration("预览", "1d")).put("assignAt", "2026-03-02T10:00:00+08:00")), 200);
    assertThat(items(preview)).anySatisfy(p -> assertThat(p.getJsonArray("kinds").getList()).contains("before_deadline"));
    assertThat(ok(server.get("/items?limit=200", flow.sponsor), 200).getJsonArray("items")).hasSize(before);
    var invalid = flow.post("/reminders/preview", flow.sponsor, new JsonObject()
        .put("registration", flow.registration("预览", "1d").put("confidentialityAcknowledged", false)));
    assertThat(invalid.statusCode()).isEqualTo(400);
  }

  @Test
  void theWindowIsBoundedAndTheOutsiderSeesNothing() {
    long id = flow.active("窗口限制", "7d").getLong("id");
    assertThat(server.get("/items/" + id + "/reminders?until=2030-01-01T00:00:00Z", flow.sponsor).statusCode()).isEqualTo(400);
    assertThat(server.get("/items/" + id + "/reminders?until=2020-01-01T00:00:00Z", flow.sponsor).statusCode()).isEqualTo(400);
    assertThat(server.get("/items/999999/reminders", flow.sponsor).statusCode()).isEqualTo(404);
  }

  @Test
  void thePolicyInForceIsReadableAsData() {
    JsonObject policy = ok(server.get("/reminder-policy", flow.fgw), 200);
    assertThat(policy.getInteger("version")).isEqualTo(2);
    assertThat(policy.encode()).contains("PT5H");
  }

}
