package org.duban.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Item steps through the real API, as the demo people: sponsor keshi1, deputy fumishu, mayor leader. */
public final class Items4Test {
  private final TestServer server;
  public final String sponsor;
  public final String deputy;
  public final String mayor;
  public final String fgw;
  public final String zjj;
  public final long fgwUnit;
  public final long zjjUnit;

  public Items4Test(TestServer server) {
    this.server = server;
    this.sponsor = server.tokenOf("keshi1");
    this.deputy = server.tokenOf("fumishu");
    this.mayor = server.tokenOf("leader");
    this.fgw = server.tokenOf("fgw");
    this.zjj = server.tokenOf("zjj");
    this.fgwUnit = ownUnit(fgw);
    this.zjjUnit = ownUnit(zjj);
  }

  public long ownUnit(String token) {
    return server.get("/me", token).bodyAsJsonObject().getLong("unitId");
  }

  public JsonObject registration(String title, String node) {
    return new JsonObject().put("kind", "meeting_decision").put("source", "meeting_decision").put("title", title)
        .put("body", "落实会议决定").put("leadUnitId", fgwUnit).put("cooperatingUnitIds", new JsonArray(List.of(zjjUnit)))
        .put("responsibleLeader", "王市长").put("node", node).put("confidentialityAcknowledged", true);
  }

  public JsonObject register(JsonObject registration) {
    return ok(post("/items", sponsor, registration), 201);
  }

  /** Registered and approved: active, with deadlines. */
  public JsonObject active(String title, String node) {
    long id = register(registration(title, node)).getLong("id");
    return ok(post("/items/" + id + "/approve", deputy, null), 200);
  }

  /** From active to closed: the lead's result report, completion, a grade, its approval, sign-off, check, close (R31, R33, R34). */
  public JsonObject closeOut(long id, String grade) {
    ok(report(id, fgw, "result-of-" + id, "办理结果"), 201);
    ok(post("/items/" + id + "/completion", fgw, null), 200);
    ok(post("/items/" + id + "/grade", sponsor, new JsonObject().put("grade", grade)), 200);
    ok(post("/items/" + id + "/grade/approve", deputy, null), 200);
    ok(post("/items/" + id + "/sign-off", sponsor, null), 200);
    ok(post("/items/" + id + "/sign-off/check", deputy, null), 200);
    return ok(post("/items/" + id + "/close", mayor, null), 200);
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return server.send(HttpMethod.POST, path, token, body);
  }

  public HttpResponse<Buffer> report(long itemId, String token, String key, String text) {
    return server.request(HttpMethod.POST, "/items/" + itemId + "/reports", token).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("text", text)).await();
  }

  public JsonArray events(long itemId, String token) {
    return ok(server.get("/items/" + itemId + "/events", token), 200).getJsonArray("items");
  }

  public static List<String> types(JsonArray events) {
    return events.stream().map(e -> ((JsonObject) e).getString("type")).toList();
  }

  public static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  public static JsonObject unit(JsonObject item, long unitId) {
    return item.getJsonArray("units").stream().map(u -> (JsonObject) u).filter(u -> u.getLong("unitId") == unitId)
        .findFirst().orElseThrow();
  }
}
