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
  void concurrentGradingAndReportingLoseNoUpdate() {
    for (int round = 0; round < 5; round++) {
      long id = flow.active("评估与反馈并发 " + round, "7d").getLong("id");
      ok(flow.post("/items/" + id + "/completion", flow.fgw, null), 200);
      Future<HttpResponse<Buffer>> grade = server.request(HttpMethod.POST, "/items/" + id + "/grade", flow.sponsor)
          .sendJsonObject(new JsonObject().put("grade", "fail").put("note", "退回继续办理"));
      Future<HttpResponse<Buffer>> report = server.request(HttpMethod.POST, "/items/" + id + "/reports", flow.zjj)
          .putHeader("Idempotency-Key", "race-" + round + "-zzzz").sendJsonObject(new JsonObject().put("text", "配合单位反馈"));
      Future.join(grade, report).await();

      JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
      List<String> events = types(flow.events(id, flow.sponsor));
      assertThat(grade.result().statusCode()).isEqualTo(200);
      assertThat(item.getString("status")).isEqualTo("active");
      assertThat(Items4Test.unit(item, flow.fgwUnit).getString("status")).isEqualTo("returned");
      if (report.result().statusCode() == 201) {
        // both applied: the cooperating unit's report survived the grade written around it
        assertThat(Items4Test.unit(item, flow.zjjUnit).getString("status")).isEqualTo("reported");
        assertThat(events).contains("graded", "reported");
      } else {
        // the report came while the item waited for its grade: refused, and nothing half-written
        assertThat(report.result().statusCode()).isEqualTo(409);
        assertThat(Items4Test.unit(item, flow.zjjUnit).getString("status")).isEqualTo("assigned");
        assertThat(events).contains("graded").doesNotContain("reported");
      }
    }
  }
}
