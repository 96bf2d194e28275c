package org.duban.item;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.Operation;
import org.duban.demo.DemoData;
import org.duban.http.Contract;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/** A liaison of a unit that is not on an item tries every item operation, and learns nothing. */
class ItemAccessTest {
  static TestServer server;
  static Items4Test flow;
  static String outsider;
  static String otherSponsor;

  @BeforeAll
  static void start() {
    server = TestServer.start(ItemAccessTest.class);
    flow = new Items4Test(server);
    String admin = server.tokenOf("admin");
    long transport = server.get("/units", admin).bodyAsJsonObject().getJsonArray("items").stream().map(u -> (JsonObject) u)
        .filter(u -> u.getString("name").equals("市交通运输局")).findFirst().orElseThrow().getLong("id");
    long supervisionOffice = server.get("/units", admin).bodyAsJsonObject().getJsonArray("items").stream().map(u -> (JsonObject) u)
        .filter(u -> u.getString("name").equals("市政府督查室")).findFirst().orElseThrow().getLong("id");
    ok(server.send(HttpMethod.POST, "/people", admin, new JsonObject().put("login", "jtj").put("displayName", "交通局联络员")
        .put("role", "liaison").put("unitId", transport).put("password", DemoData.PASSWORD)), 201);
    ok(server.send(HttpMethod.POST, "/people", admin, new JsonObject().put("login", "dcs-sponsor").put("displayName", "督查室立项")
        .put("role", "sponsor").put("unitId", supervisionOffice).put("password", DemoData.PASSWORD)), 201);
    outsider = server.tokenOf("jtj");
    otherSponsor = server.tokenOf("dcs-sponsor");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<Operation> itemOperations() {
    Vertx vertx = Vertx.vertx();
    try {
      return Contract.read(vertx).compose(doc -> Contract.parse(vertx, doc)).await().operations().stream()
          .filter(op -> op.getOpenAPIPath().startsWith("/items/{itemId}")).toList();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aLiaisonOfAnotherUnitGets404OrNotAllowedOnEveryItemOperationAndChangesNothing() {
    JsonObject item = flow.active("外单位不可见", "7d");
    long id = item.getLong("id");
    int eventsBefore = flow.events(id, flow.sponsor).size();
    List<Operation> operations = itemOperations();
    assertThat(operations).hasSizeGreaterThan(15);
    for (Operation op : operations) {
      HttpResponse<Buffer> response = server.request(op.getHttpMethod(), op.getOpenAPIPath().replace("{itemId}", String.valueOf(id)), outsider)
          .putHeader("Idempotency-Key", "outsider-key-1").sendJsonObject(bodyFor(op.getOperationId())).await();
      // 404 where a liaison may call the operation (the item is not theirs to know of); 403 where the role never may
      int expected = org.duban.http.Api.rolesOf(op).contains(org.duban.auth.Role.LIAISON.wire()) ? 404 : 403;
      assertThat(response.statusCode()).as(op.getOperationId() + " " + response.bodyAsString()).isEqualTo(expected);
      assertThat(response.bodyAsString()).doesNotContain("外单位不可见");
    }
    assertThat(flow.events(id, flow.sponsor)).hasSize(eventsBefore);
    assertThat(server.get("/items?limit=200", outsider).bodyAsJsonObject().getJsonArray("items").encode()).doesNotContain("外单位不可见");
  }

  @Test
  void aCooperatingLiaisonDoesNotSeeTheLeadUnitsReturnsReportsOrFiles() {
    long id = flow.active("配合单位看不到牵头单位的退回", "7d").getLong("id");
    byte[] photo = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
    String file = ok(server.request(HttpMethod.POST, "/attachments", flow.fgw).addQueryParam("filename", "现场.jpg")
        .putHeader("Content-Type", "application/octet-stream").sendBuffer(io.vertx.core.buffer.Buffer.buffer(photo)).await(), 201)
        .getString("id");
    ok(server.request(HttpMethod.POST, "/items/" + id + "/reports", flow.fgw).putHeader("Idempotency-Key", "lead-private-1")
        .sendJsonObject(new JsonObject().put("text", "牵头单位的反馈").put("attachmentIds", new io.vertx.core.json.JsonArray().add(file)))
        .await(), 201);
    ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "牵头单位材料不实")), 200);
    String events = server.get("/items/" + id + "/events", flow.zjj).bodyAsString();
    assertThat(events).doesNotContain("牵头单位材料不实").contains("approved");
    assertThat(server.get("/items/" + id + "/reports", flow.zjj).bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(server.get("/attachments/" + file, flow.zjj).statusCode()).isEqualTo(404);
    assertThat(server.get("/attachments/" + file, flow.sponsor).statusCode()).isEqualTo(200);
  }

  @Test
  void aSponsorOfAnotherOfficeCannotSeeOrActOnTheItem() {
    long id = flow.active("他科室不可见", "7d").getLong("id");
    assertThat(server.get("/items/" + id, otherSponsor).statusCode()).isEqualTo(404);
    assertThat(flow.post("/items/" + id + "/return", otherSponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "x")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aCooperatingUnitsLiaisonSeesTheItemButCannotApplyForCompletion_R31() {
    long id = flow.active("配合单位", "7d").getLong("id");
    assertThat(server.get("/items/" + id, flow.zjj).statusCode()).isEqualTo(200);
    JsonObject problem = ok(flow.post("/items/" + id + "/completion", flow.zjj, null), 403);
    assertThat(problem.getString("rule")).isEqualTo("R31");
  }

  @Test
  void aLiaisonCannotApproveAndTheRefusalNamesTheRule_R05() {
    long id = flow.register(flow.registration("联络员不能批准", "3d")).getLong("id");
    assertThat(server.get("/items/" + id, flow.fgw).statusCode()).isEqualTo(200);
    JsonObject problem = ok(flow.post("/items/" + id + "/approve", flow.fgw, null), 403);
    assertThat(problem.getString("detail")).contains("R05");
  }

  private static JsonObject bodyFor(String operationId) {
    return switch (operationId) {
      case "returnReport", "refuseExtension" -> new JsonObject().put("unitId", flow.fgwUnit).put("reason", "试探");
      case "acceptReport", "grantExtension" -> new JsonObject().put("unitId", flow.fgwUnit);
      case "requestExtension" -> new JsonObject().put("newDeadline", "2030-01-01T00:00:00Z").put("plan", "试探");
      case "recordAgreement" -> new JsonObject().put("agreed", true);
      case "startVerification" -> new JsonObject().put("method", "expert");
      case "recordVerification", "recheckItem" -> new JsonObject().put("passed", true);
      case "gradeItem" -> new JsonObject().put("grade", "excellent");
      case "submitReport" -> new JsonObject().put("text", "试探");
      case "markItemRead" -> new JsonObject().put("eventId", 1);
      default -> new JsonObject();
    };
  }
}
