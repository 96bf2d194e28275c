package org.duban.item;

import io.vertx.core.json.JsonObject;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;
import static org.duban.support.Items4Test.types;
import static org.duban.support.Items4Test.unit;

/** An item's whole life through the API, from draft to archive, on a simulated clock. */
class ItemStoryTest {
  static TestServer server;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    // Monday 2026-03-02 09:00 in Shanghai
    server = TestServer.start(ItemStoryTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-03-02T01:00:00Z"));
    flow = new Items4Test(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSponsorTakesAnItemFromDraftToArchiveAndEveryStepIsInTheTimeline() {
    JsonObject draft = flow.register(flow.registration("从立项到归档", "7d"));
    long id = draft.getLong("id");
    assertThat(draft.getString("status")).isEqualTo("draft");
    assertThat(draft.getString("number")).matches("ZH1-2026-\\d{4}");
    assertThat(draft.getString("notice")).contains("涉密");

    JsonObject active = ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200);
    assertThat(active.getString("status")).isEqualTo("active");
    assertThat(unit(active, flow.fgwUnit).getString("deadline")).isEqualTo("2026-03-09T01:00:00Z");
    assertThat(unit(active, flow.zjjUnit).getString("deadline")).isEqualTo("2026-03-09T01:00:00Z");

    ok(flow.report(id, flow.fgw, "story-report-1", "第一次反馈"), 201);
    ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "缺少数据")), 200);
    ok(flow.report(id, flow.fgw, "story-report-2", "补充数据后的反馈"), 201);
    ok(flow.post("/items/" + id + "/accept", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit)), 200);
    ok(flow.report(id, flow.zjj, "story-report-3", "配合单位反馈"), 201);
    ok(flow.post("/items/" + id + "/completion", flow.fgw, null), 200);
    ok(flow.post("/items/" + id + "/grade", flow.sponsor, new JsonObject().put("grade", "excellent")), 200);
    ok(flow.post("/items/" + id + "/grade/approve", flow.deputy, null), 200);
    ok(flow.post("/items/" + id + "/sign-off", flow.sponsor, null), 200);
    ok(flow.post("/items/" + id + "/sign-off/check", flow.deputy, null), 200);
    JsonObject closed = ok(flow.post("/items/" + id + "/close", flow.mayor, null), 200);

    assertThat(closed.getString("status")).isEqualTo("closed");
    assertThat(closed.getBoolean("numberCancelled")).isTrue();
    assertThat(closed.getString("grade")).isEqualTo("excellent");
    assertThat(types(flow.events(id, flow.sponsor))).containsExactly("registered", "approved", "assigned", "assigned",
        "reported", "returned", "reported", "accepted", "reported", "completion_requested", "graded", "grade_approved",
        "sign_off_requested", "sign_off_checked", "closed");
    JsonObject returned = flow.events(id, flow.sponsor).getJsonObject(5);
    assertThat(returned.getString("reason")).isEqualTo("缺少数据");
    assertThat(returned.getString("actorName")).isEqualTo("综合一科 孙科长");
    assertThat(returned.getString("rule")).isEqualTo("R30");
  }

  @Test
  void anOnTimeReportNamesTheSponsorToNotify_R22() {
    long id = flow.active("按时反馈", "3d").getLong("id");
    ok(flow.report(id, flow.fgw, "r22-on-time", "按时"), 201);
    JsonObject reported = flow.events(id, flow.fgw).stream().map(e -> (JsonObject) e)
        .filter(e -> e.getString("type").equals("reported")).findFirst().orElseThrow();
    assertThat(reported.getString("rule")).isEqualTo("R22");
    assertThat(reported.getJsonObject("data").getJsonObject("notify").getLong("unitId"))
        .isEqualTo(flow.ownUnit(flow.sponsor));
  }

  @Test
  void gradingAnItemThatWasNeverReportedIsAConflictWithItsState_R33() {
    long id = flow.active("未反馈不能评估", "3d").getLong("id");
    var response = flow.post("/items/" + id + "/grade", flow.sponsor, new JsonObject().put("grade", "good"));
    JsonObject problem = ok(response, 409);
    assertThat(problem.getString("state")).isEqualTo("active");
    assertThat(problem.getString("rule")).isEqualTo("R33");
  }

  @Test
  void reportingOnAClosedItemIsAConflict() {
    long id = flow.active("关闭后不能反馈", "3d").getLong("id");
    flow.closeOut(id, "pass");
    JsonObject problem = ok(flow.report(id, flow.fgw, "after-close", "迟到的反馈"), 409);
    assertThat(problem.getString("state")).isEqualTo("closed");
    var reports = ok(server.get("/items/" + id + "/reports", flow.sponsor), 200).getJsonArray("items");
    assertThat(reports).hasSize(1);
    assertThat(reports.getJsonObject(0).getString("text")).isEqualTo("办理结果");
  }

  @Test
  void theMayorCannotBothCheckAndCloseOneItem_R34() {
    long id = flow.active("审核与审定分开", "3d").getLong("id");
    ok(flow.report(id, flow.fgw, "separate-levels", "结果"), 201);
    ok(flow.post("/items/" + id + "/completion", flow.fgw, null), 200);
    ok(flow.post("/items/" + id + "/grade", flow.sponsor, new JsonObject().put("grade", "good")), 200);
    assertThat(ok(flow.post("/items/" + id + "/grade/approve", flow.mayor, null), 403).getString("rule")).isEqualTo("R33");
    ok(flow.post("/items/" + id + "/grade/approve", flow.deputy, null), 200);
    ok(flow.post("/items/" + id + "/sign-off", flow.sponsor, null), 200);
    assertThat(ok(flow.post("/items/" + id + "/sign-off/check", flow.mayor, null), 403).getString("rule")).isEqualTo("R34");
  }

  @Test
  void completionWithoutAnyReportIsAConflict_R31() {
    long id = flow.active("未反馈不能申请办结", "3d").getLong("id");
    assertThat(ok(flow.post("/items/" + id + "/completion", flow.fgw, null), 409).getString("rule")).isEqualTo("R31");
  }

  @Test
  void aDeputyCannotCloseAndTheRefusalNamesTheRule_R34() {
    long id = flow.active("副秘书长不能审定", "3d").getLong("id");
    JsonObject problem = ok(flow.post("/items/" + id + "/close", flow.deputy, null), 403);
    assertThat(problem.getString("detail")).contains("R34");
  }

  @Test
  void aFailGradeSendsTheItemBackToTheLeadUnit_R33() {
    long id = flow.active("不合格退回", "7d").getLong("id");
    ok(flow.report(id, flow.fgw, "fail-grade-result", "办理结果"), 201);
    ok(flow.post("/items/" + id + "/completion", flow.fgw, null), 200);
    JsonObject graded = ok(flow.post("/items/" + id + "/grade", flow.sponsor, new JsonObject().put("grade", "fail").put("note", "成效不明显")), 200);
    assertThat(graded.getString("status")).isEqualTo("graded");
    JsonObject back = ok(flow.post("/items/" + id + "/grade/approve", flow.deputy, null), 200);
    assertThat(back.getString("status")).isEqualTo("active");
    assertThat(unit(back, flow.fgwUnit).getString("status")).isEqualTo("returned");
  }

  @Test
  void aGrantedExtensionMovesTheItemToContinuousFollowUpWithTheNewDeadline_R32() {
    long id = flow.active("申请延期", "1m").getLong("id");
    JsonObject requested = ok(flow.post("/items/" + id + "/extension", flow.fgw, new JsonObject()
        .put("newDeadline", "2026-05-29T18:00:00+08:00").put("plan", "分三步推进")
        .put("milestones", new io.vertx.core.json.JsonArray().add(new JsonObject().put("date", "2026-04-15").put("description", "完成方案")))), 200);
    assertThat(unit(requested, flow.fgwUnit).getJsonObject("extension").getString("state")).isEqualTo("requested");
    JsonObject granted = ok(flow.post("/items/" + id + "/extension/grant", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit)), 200);
    assertThat(granted.getString("board")).isEqualTo("continuous");
    assertThat(unit(granted, flow.fgwUnit).getString("deadline")).isEqualTo("2026-05-29T10:00:00Z");
    assertThat(unit(granted, flow.zjjUnit).getString("deadline")).isEqualTo("2026-05-29T10:00:00Z");
  }

  @Test
  void aThreeDayItemCannotBeExtended_R32() {
    long id = flow.active("三天节点不能延期", "3d").getLong("id");
    JsonObject problem = ok(flow.post("/items/" + id + "/extension", flow.fgw, new JsonObject()
        .put("newDeadline", "2026-06-01T18:00:00+08:00").put("plan", "计划")), 422);
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/newDeadline");
  }

  @Test
  void aDraftNeedsTheConfidentialityAcknowledgement_R06() {
    var response = flow.post("/items", flow.sponsor, flow.registration("未确认保密", "3d").put("confidentialityAcknowledged", false));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).contains("/confidentialityAcknowledged");
  }

  @Test
  void anItemRecordsItsSourceAndTheListFiltersByIt_R02() {
    long id = flow.register(flow.registration("人大建议", "7d").put("source", "npc_cppcc_proposal")).getLong("id");
    assertThat(ok(server.get("/items/" + id, flow.sponsor), 200).getString("source")).isEqualTo("npc_cppcc_proposal");
    var listed = ok(server.get("/items?source=npc_cppcc_proposal&limit=200", flow.sponsor), 200).getJsonArray("items");
    assertThat(listed.stream().map(i -> ((JsonObject) i).getLong("id"))).contains(id);
    assertThat(listed.stream().map(i -> ((JsonObject) i).getString("source")).distinct()).containsExactly("npc_cppcc_proposal");
    assertThat(flow.post("/items", flow.sponsor, flow.registration("来源不明", "7d").put("source", "rumour")).statusCode()).isEqualTo(400);
  }

  @Test
  void aFailedRecheckThroughTheApiReopensTheRectification_R37() {
    JsonObject draft = flow.register(new JsonObject().put("kind", "rectification").put("source", "inspection_finding")
        .put("title", "回头看").put("body", "整改后复查").put("leadUnitId", flow.fgwUnit).put("responsibleLeader", "王市长")
        .put("severity", "ordinary").put("problems", new io.vertx.core.json.JsonArray().add("问题")).put("plan", "方案")
        .put("confidentialityAcknowledged", true));
    long id = draft.getLong("id");
    ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200);
    flow.closeOut(id, "pass");
    String supervision = server.tokenOf("duchashi");
    String inTwoWeeks = java.time.Instant.parse(server.get("/clock", supervision).bodyAsJsonObject().getString("now"))
        .plus(java.time.Duration.ofDays(14)).toString();
    JsonObject reopened = ok(flow.post("/items/" + id + "/recheck", supervision, new JsonObject().put("passed", false)
        .put("reason", "问题反弹").put("newDeadline", inTwoWeeks)), 200);
    assertThat(reopened.getString("status")).isEqualTo("active");
    assertThat(reopened.getBoolean("numberCancelled")).isFalse();
    assertThat(unit(reopened, flow.fgwUnit).getString("deadline")).isEqualTo(inTwoWeeks);
    assertThat(types(flow.events(id, flow.sponsor))).endsWith("closed", "reopened");
  }

  @Test
  void anOfficesCodeCannotChangeOnceItStandsInNumbers_R04() {
    String admin = server.tokenOf("admin");
    long office = flow.ownUnit(flow.sponsor);
    flow.register(flow.registration("编号前缀已使用", "1d"));
    var renamed = server.send(io.vertx.core.http.HttpMethod.PATCH, "/units/" + office, admin, new JsonObject().put("code", "ZHX"));
    assertThat(renamed.statusCode()).isEqualTo(409);
    var fallback = server.send(io.vertx.core.http.HttpMethod.POST, "/units", admin,
        new JsonObject().put("name", "冒用缺省前缀").put("kind", "office").put("code", "U3"));
    assertThat(fallback.statusCode()).isEqualTo(422);
  }

  @Test
  void numbersAreUniqueAndCountUpPerSponsorAndYear_R04() {
    String first = flow.register(flow.registration("编号一", "1d")).getString("number");
    String second = flow.register(flow.registration("编号二", "1d")).getString("number");
    int a = Integer.parseInt(first.substring(first.lastIndexOf('-') + 1));
    int b = Integer.parseInt(second.substring(second.lastIndexOf('-') + 1));
    assertThat(b).isEqualTo(a + 1);
  }

  @Test
  void aRectificationTakesItsLimitFromItsSeverity_R36() {
    JsonObject draft = flow.register(new JsonObject().put("kind", "rectification").put("source", "inspection_finding")
        .put("title", "整改事项").put("body", "检查发现的问题").put("leadUnitId", flow.fgwUnit).put("responsibleLeader", "王市长")
        .put("severity", "major").put("problems", new io.vertx.core.json.JsonArray().add("问题一")).put("plan", "整改方案")
        .put("confidentialityAcknowledged", true));
    JsonObject active = ok(flow.post("/items/" + draft.getLong("id") + "/approve", flow.deputy, null), 200);
    String now = server.get("/clock", flow.sponsor).bodyAsJsonObject().getString("now");
    assertThat(java.time.Duration.between(java.time.Instant.parse(now),
        java.time.Instant.parse(unit(active, flow.fgwUnit).getString("deadline")))).isEqualTo(java.time.Duration.ofDays(30));
  }
}
