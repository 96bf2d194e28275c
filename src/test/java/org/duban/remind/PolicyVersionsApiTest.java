package org.duban.remind;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/** Policy versions through the API: stored, never changed, put in force, and every active item re-planned under the new one. */
class PolicyVersionsApiTest {
  static TestServer server;
  static Items4Test flow;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(PolicyVersionsApiTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-03-02T01:00:00Z"));
    flow = new Items4Test(server);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aNewVersionPutInForceReplansEveryActiveItemWhileAWrongOneChangesNothing_R21() {
    assertThat(versions()).containsExactly("1", "2*");
    long id = flow.active("新版本重排", "3d").getLong("id"); // due Thursday 09:00; 5 hours before is 04:00, held to 07:00
    assertThat(beforeDeadline(id)).allSatisfy(m -> {
      assertThat(m.getString("localSendAt")).startsWith("2026-03-05T07:00");
      assertThat(m.getInteger("policyVersion")).isEqualTo(2);
    });

    // version 3: quiet until 08:00
    JsonObject v3 = ok(server.get("/reminder-policy", admin), 200).put("version", 3)
        .put("quietHours", new JsonObject().put("from", "22:00").put("until", "08:00"));
    var created = server.send(HttpMethod.POST, "/reminder-policies", admin, v3);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/reminder-policies/3");
    assertThat(versions()).containsExactly("1", "2*", "3");
    // stored is not in force: nothing re-planned yet
    assertThat(beforeDeadline(id)).allSatisfy(m -> assertThat(m.getInteger("policyVersion")).isEqualTo(2));

    // a stored version never changes, a bad document names its field, and only the administrator may do either
    assertThat(server.send(HttpMethod.POST, "/reminder-policies", admin, v3.copy()
        .put("quietHours", new JsonObject().put("from", "23:00").put("until", "06:00"))).statusCode()).isEqualTo(409);
    var invalid = server.send(HttpMethod.POST, "/reminder-policies", admin, v3.copy().put("version", 4)
        .put("quietHours", new JsonObject().put("from", "22:00").put("until", "25:00")));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).contains("quietHours");
    assertThat(server.send(HttpMethod.POST, "/reminder-policies", flow.sponsor, v3.copy().put("version", 5)).statusCode()).isEqualTo(403);
    assertThat(server.send(HttpMethod.PUT, "/reminder-policy", flow.sponsor, new JsonObject().put("version", 3)).statusCode())
        .isEqualTo(403);
    assertThat(server.send(HttpMethod.PUT, "/reminder-policy", admin, new JsonObject().put("version", 99)).statusCode()).isEqualTo(404);
    assertThat(server.send(HttpMethod.PUT, "/reminder-policy", admin, new JsonObject().put("version", 3_000_000_000L)).statusCode())
        .isEqualTo(400);
    assertThat(server.send(HttpMethod.POST, "/reminder-policies", admin, v3.copy().put("version", 200_000)).statusCode()).isEqualTo(400);
    assertThat(versions()).containsExactly("1", "2*", "3");

    JsonObject inForce = ok(server.send(HttpMethod.PUT, "/reminder-policy", admin, new JsonObject().put("version", 3)), 202);
    assertThat(inForce.getInteger("version")).isEqualTo(3);
    assertThat(versions()).containsExactly("1", "2", "3*");
    Await.until("the item re-planned under version 3", () -> beforeDeadline(id).stream().allMatch(m -> m.getInteger("policyVersion") == 3),
        Duration.ofSeconds(20));
    assertThat(ok(server.get("/reminder-policy", flow.fgw), 200).getInteger("version")).isEqualTo(3);
    assertThat(ok(server.get("/reminder-policies/3", flow.sponsor), 200).getJsonObject("quietHours").getString("until"))
        .isEqualTo("08:00");
    assertThat(beforeDeadline(id)).hasSize(2).allSatisfy(m -> {
      assertThat(m.getString("localSendAt")).startsWith("2026-03-05T08:00");
      assertThat(m.getInteger("policyVersion")).isEqualTo(3);
    });
    // the change is in the item's record of re-plans
    JsonObject change = ok(server.get("/items/" + id + "/reminders/changes", flow.sponsor), 200).getJsonArray("items").getJsonObject(0);
    assertThat(change.getJsonArray("added")).isNotEmpty();
  }

  static List<String> versions() {
    return ok(server.get("/reminder-policies", admin), 200).getJsonArray("items").stream().map(v -> (JsonObject) v)
        .map(v -> v.getInteger("version") + (v.getBoolean("inForce") ? "*" : "")).toList();
  }

  static List<JsonObject> beforeDeadline(long id) {
    return ok(server.get("/items/" + id + "/reminders", flow.sponsor), 200).getJsonArray("items").stream().map(m -> (JsonObject) m)
        .filter(m -> m.getJsonArray("kinds").contains("before_deadline")).toList();
  }
}
