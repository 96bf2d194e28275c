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

/** The durable schedule: every change to an item re-plans its unfired messages in the same transaction. */
class PlannedMessagesTest {
  static TestServer server;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    server = TestServer.start(PlannedMessagesTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-03-02T01:00:00Z"));
    flow = new Items4Test(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<Map<String, Object>> unfired(long itemId) {
    return server.database().rows("SELECT key, unit_id, rules, policy_version FROM planned_message WHERE state = 'planned' AND item_id = "
        + itemId + " ORDER BY send_at, key");
  }

  static long count(List<Map<String, Object>> rows, long unitId) {
    return rows.stream().filter(r -> r.get("unit_id") != null && ((Number) r.get("unit_id")).longValue() == unitId).count();
  }

  @Test
  void approvalPlansEveryUnitsMessagesWithTheRuleAndPolicyVersion_R13() {
    long id = flow.active("批准即排程", "7d").getLong("id");
    List<Map<String, Object>> rows = unfired(id);
    assertThat(count(rows, flow.fgwUnit)).isPositive();
    assertThat(count(rows, flow.zjjUnit)).isPositive();
    assertThat(rows).allSatisfy(r -> assertThat(((Number) r.get("policy_version")).intValue()).isEqualTo(2));
    assertThat(rows.stream().map(r -> String.join(",", (String[]) toArray(r.get("rules"))))).anyMatch(rules -> rules.contains("R13"));
  }

  @Test
  void aDraftPlansNothing_R05() {
    long id = flow.register(flow.registration("草稿不排程", "7d")).getLong("id");
    assertThat(unfired(id)).isEmpty();
  }

  @Test
  void aReportCancelsThatUnitsMessagesAndAReturnPlansThemAgain_R14() {
    long id = flow.active("反馈取消、退回重排", "7d").getLong("id");
    long before = count(unfired(id), flow.fgwUnit);
    ok(flow.report(id, flow.fgw, "cancel-by-report", "反馈"), 201);
    assertThat(count(unfired(id), flow.fgwUnit)).isZero();
    assertThat(count(unfired(id), flow.zjjUnit)).isPositive();
    ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "补充")), 200);
    assertThat(count(unfired(id), flow.fgwUnit)).isEqualTo(before);
  }

  @Test
  void aClosedItemKeepsNoUnfiredMessages_R34() {
    long id = flow.active("办结后不再提醒", "7d").getLong("id");
    flow.closeOut(id, "good");
    assertThat(unfired(id)).isEmpty();
  }

  @Test
  void aFiredMessageIsNeverPlannedAgainUnderAnyKey() {
    long id = flow.active("已发不重发", "7d").getLong("id");
    Map<String, Object> first = server.database().rows("SELECT key, unit_id, send_at FROM planned_message WHERE state = 'planned'"
        + " AND item_id = " + id + " ORDER BY send_at, key LIMIT 1").get(0);
    String key = ((String) first.get("key")).replace("'", "''");
    server.database().execute("UPDATE planned_message SET state = 'fired', fired_at = now() WHERE key = '" + key + "'");
    ok(flow.report(id, flow.zjj, "replan-after-fire", "配合单位反馈"), 201);
    // the re-plan keeps the fired row as it is and puts nothing else for that unit at that moment
    assertThat(server.database().rows("SELECT state FROM planned_message WHERE key = '" + key + "'").get(0).get("state")).isEqualTo("fired");
    assertThat(server.database().rows("SELECT key FROM planned_message WHERE state = 'planned' AND item_id = " + id
        + " AND unit_id = " + first.get("unit_id") + " AND send_at = '" + first.get("send_at") + "'")).isEmpty();
  }

  private static Object[] toArray(Object sqlArray) {
    try {
      return (Object[]) ((java.sql.Array) sqlArray).getArray();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
