package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;
import static org.duban.support.Items4Test.types;

/**
 * Races the API the way phones and busy offices do. Commands on one item take its row lock
 * (SELECT … FOR UPDATE), so they apply one after another on the state the previous one left.
 */
class ItemConcurrencyTest {
  static TestServer server;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    server = TestServer.start(ItemConcurrencyTest.class);
    flow = new Items4Test(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void twentyConcurrentRetriesOfOneReportStoreExactlyOne() {
    long id = flow.active("二十次重试", "3d").getLong("id");
    List<Future<HttpResponse<Buffer>>> retries = IntStream.range(0, 20).mapToObj(i -> server
        .request(HttpMethod.POST, "/items/" + id + "/reports", flow.fgw).putHeader("Idempotency-Key", "phone-retry-0001")
        .sendJsonObject(new JsonObject().put("text", "弱网下重试的同一份反馈"))).toList();
    List<HttpResponse<Buffer>> answers = Future.all(retries).await().list();

    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(200, 201));
    assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(1);
    assertThat(answers.stream().map(a -> a.bodyAsJsonObject().getLong("id")).distinct()).hasSize(1);
    assertThat(answers.stream().filter(a -> a.statusCode() == 200)).allSatisfy(a ->
        assertThat(a.getHeader("Idempotent-Replayed")).isEqualTo("true"));
    assertThat(ok(server.get("/items/" + id + "/reports", flow.sponsor), 200).getJsonArray("items")).hasSize(1);
    assertThat(types(flow.events(id, flow.sponsor)).stream().filter("reported"::equals)).hasSize(1);
  }

  @Test
  void aKeyReusedForADifferentReportIsRefusedAndChangesNothing() {
    long id = flow.active("同键不同内容", "3d").getLong("id");
    ok(flow.report(id, flow.fgw, "reused-key-0001", "第一份"), 201);
    JsonObject problem = ok(flow.report(id, flow.fgw, "reused-key-0001", "内容不同的第二份"), 422);
    assertThat(problem.getString("type")).isEqualTo("/problems/idempotency-key-reused");
    var reports = ok(server.get("/items/" + id + "/reports", flow.sponsor), 200).getJsonArray("items");
    assertThat(reports).hasSize(1);
    assertThat(reports.getJsonObject(0).getString("text")).isEqualTo("第一份");
  }

  @Test
  void aDifferentKeyIsADifferentReport() {
    long id = flow.active("不同键", "3d").getLong("id");
    ok(flow.report(id, flow.fgw, "key-aaaaaaaa", "第一份"), 201);
    ok(flow.report(id, flow.fgw, "key-bbbbbbbb", "第二份"), 201);
    assertThat(ok(server.get("/items/" + id + "/reports", flow.sponsor), 200).getJsonArray("items")).hasSize(2);
  }

  @Test
  void aReportWithoutAnIdempotencyKeyIsRefused() {
    long id = flow.active("缺少幂等键", "3d").getLong("id");
    var response = server.send(HttpMethod.POST, "/items/" + id + "/reports", flow.fgw, new JsonObject().put("text", "无键"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).contains("Idempotency-Key");
  }

  @Test
  void twoSponsorsReturningTheSameReportAtOnceCountOneReturn_R30() {
    for (int round = 0; round < 5; round++) {
      long id = flow.active("并发退回 " + round, "7d").getLong("id");
      ok(flow.report(id, flow.fgw, "to-return-" + round + "-xx", "待退回的反馈"), 201);
      JsonObject body = new JsonObject().put("unitId", flow.fgwUnit).put("reason", "不符合要求");
      List<HttpResponse<Buffer>> answers = Future.all(
          server.request(HttpMethod.POST, "/items/" + id + "/return", flow.sponsor).sendJsonObject(body),
          server.request(HttpMethod.POST, "/items/" + id + "/return", flow.sponsor).sendJsonObject(body)).await().list();
      assertThat(answers.stream().map(HttpResponse::statusCode).sorted().toList()).containsExactly(200, 409);
      JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
      assertThat(Items4Test.unit(item, flow.fgwUnit).getInteger("returns")).isEqualTo(1);
      assertThat(types(flow.events(id, flow.sponsor)).stream().filter("returned"::equals)).hasSize(1);
    }
  }

  @Test
  void tenConcurrentDisagreementsAreAllCounted_R31() {
    JsonObject draft = flow.register(flow.registration("服务对象不同意", "7d").put("serviceObject", "申请人张某"));
    long id = draft.getLong("id");
    ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200);
    List<Future<HttpResponse<Buffer>>> answers = IntStream.range(0, 10).mapToObj(i -> server
        .request(HttpMethod.POST, "/items/" + id + "/agreement", flow.fgw)
        .sendJsonObject(new JsonObject().put("agreed", false).put("note", "第" + i + "次沟通未达成一致"))).toList();
    assertThat(Future.all(answers).await().list()).allSatisfy(a -> assertThat(((HttpResponse<?>) a).statusCode()).isEqualTo(200));
    // each command read the count the one before it wrote: none was lost
    JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
    assertThat(item.getInteger("agreementFailures")).isEqualTo(10);
    assertThat(types(flow.events(id, flow.sponsor)).stream().filter("service_object_disagreed"::equals)).hasSize(10);
  }

  @Test
  void gradingRacingAReportEndsInOneOfTheTwoOrders_R33() {
    for (int round = 0; round < 5; round++) {
      long id = flow.active("评估与反馈并发 " + round, "7d").getLong("id");
      ok(flow.report(id, flow.fgw, "lead-result-" + round, "牵头单位办理结果"), 201);
      ok(flow.post("/items/" + id + "/completion", flow.fgw, null), 200);
      Future<HttpResponse<Buffer>> grade = server.request(HttpMethod.POST, "/items/" + id + "/grade", flow.sponsor)
          .sendJsonObject(new JsonObject().put("grade", "good"));
      Future<HttpResponse<Buffer>> report = server.request(HttpMethod.POST, "/items/" + id + "/reports", flow.zjj)
          .putHeader("Idempotency-Key", "race-" + round + "-zzzz").sendJsonObject(new JsonObject().put("text", "配合单位反馈"));
      Future.join(grade, report).await();
      JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
      // completion was asked first, so a report arriving in either order is refused and leaves no trace
      assertThat(grade.result().statusCode()).isEqualTo(200);
      assertThat(report.result().statusCode()).isEqualTo(409);
      assertThat(item.getString("status")).isEqualTo("graded");
      assertThat(Items4Test.unit(item, flow.zjjUnit).getString("status")).isEqualTo("assigned");
      assertThat(ok(server.get("/items/" + id + "/reports", flow.sponsor), 200).getJsonArray("items")).hasSize(1);
    }
  }

  @Test
  void twoCommandsChangingDifferentPartsOfOneItemAtOnceBothSurvive() {
    for (int round = 0; round < 5; round++) {
      JsonObject draft = flow.register(flow.registration("并发改动 " + round, "1m").put("serviceObject", "企业代表"));
      long id = draft.getLong("id");
      ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200);
      String deadline = Items4Test.unit(ok(server.get("/items/" + id, flow.sponsor), 200), flow.fgwUnit).getString("deadline");
      String later = java.time.Instant.parse(deadline).plus(java.time.Duration.ofDays(20)).toString();
      ok(flow.post("/items/" + id + "/extension", flow.fgw, new JsonObject().put("newDeadline", later).put("plan", "延期方案")), 200);
      Future<HttpResponse<Buffer>> grant = server.request(HttpMethod.POST, "/items/" + id + "/extension/grant", flow.sponsor)
          .sendJsonObject(new JsonObject().put("unitId", flow.fgwUnit));
      Future<HttpResponse<Buffer>> disagree = server.request(HttpMethod.POST, "/items/" + id + "/agreement", flow.fgw)
          .sendJsonObject(new JsonObject().put("agreed", false));
      Future.join(grant, disagree).await();
      assertThat(grant.result().statusCode()).isEqualTo(200);
      assertThat(disagree.result().statusCode()).isEqualTo(200);
      JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
      assertThat(item.getString("board")).isEqualTo("continuous");
      assertThat(item.getInteger("agreementFailures")).isEqualTo(1);
    }
  }
}
