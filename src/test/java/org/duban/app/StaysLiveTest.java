package org.duban.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.WebSocket;
import com.microsoft.playwright.WebSocketFrame;
import com.microsoft.playwright.WebSocketRoute;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phone stays live through what happens to a socket: the network drops and the app resumes where it left
 * off, the server closes with 4401 and the app renews its token through the refresh cookie (or, when that fails,
 * asks to sign in again), and the clock alone turns a light from yellow to red. The server runs on a simulated
 * clock and re-checks sessions every 200 ms.
 */
class StaysLiveTest extends PhoneTest {
  static final String START = "2026-03-02T01:00:00Z";
  static final String FGW_ITEM = "主干道积水点排查整改";
  static final String ZJJ_ITEM = "老旧小区雨季排水隐患排查";

  @Override
  Map<String, String> settings() {
    return Map.of("clock.simulated", "true", "clock.start", START, "live.sessionCheck", "200ms");
  }

  /**
   * A phone's socket through a network the test controls: the first one is connected to the server at once, a
   * later one when the test says, and what the app sends meanwhile waits, as on a slow network.
   */
  static final class Wire {
    final WebSocketRoute phone;
    WebSocketRoute server;
    final List<String> waiting = new CopyOnWriteArrayList<>();
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<JsonObject> heard = new CopyOnWriteArrayList<>();
    boolean dropped;

    Wire(WebSocketRoute phone) {
      this.phone = phone;
      phone.onMessage(frame -> {
        sent.add(frame.text());
        if (server == null) waiting.add(frame.text());
        else server.send(frame.text());
      });
      phone.onClose((code, reason) -> {
        if (server != null && !dropped) server.close();
      });
    }

    void connect() {
      server = phone.connectToServer();
      server.onMessage(frame -> {
        heard.add(new JsonObject(frame.text()));
        phone.send(frame.text());
      });
      server.onClose((code, reason) -> {
        if (!dropped) phone.close(new WebSocketRoute.CloseOptions().setCode(code).setReason(reason));
      });
      waiting.forEach(server::send);
      waiting.clear();
    }

    /** The network goes: the phone's socket closes as a dead connection's would, and the server's is let go. */
    void drop() {
      dropped = true;
      phone.close(new WebSocketRoute.CloseOptions().setCode(1001).setReason("the network went away"));
      server.close();
    }

    boolean heard(String type) {
      return heard.stream().anyMatch(m -> type.equals(m.getString("type")));
    }
  }

  /** Every socket the page opens, and the types of the messages each has received. */
  List<List<String>> watchSockets() {
    List<List<String>> sockets = new CopyOnWriteArrayList<>();
    page.onWebSocket((WebSocket ws) -> {
      List<String> types = new CopyOnWriteArrayList<>();
      sockets.add(types);
      ws.onFrameReceived((WebSocketFrame frame) -> types.add(new JsonObject(frame.text()).getString("type")));
    });
    return sockets;
  }

  String admin() {
    return server.tokenOf("admin");
  }

  long person(String login) {
    long fgwUnit = server.get("/me", server.tokenOf("fgw")).bodyAsJsonObject().getLong("unitId");
    var created = server.send(HttpMethod.POST, "/people", admin(), new JsonObject().put("login", login).put("displayName", login)
        .put("role", "liaison").put("unitId", fgwUnit).put("password", DemoData.PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getLong("id");
  }

  void patch(long personId, JsonObject change) {
    var answer = server.send(HttpMethod.PATCH, "/people/" + personId, admin(), change);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
  }

  void clockTo(String instant) {
    var answer = server.send(HttpMethod.PUT, "/clock", admin(), new JsonObject().put("now", instant));
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
  }

  long itemId(String title) {
    var items = server.get("/items", server.tokenOf("keshi1")).bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(i -> i.getString("title").contains(title)).findFirst().orElseThrow().getLong("id");
  }

  Locator card(String title) {
    return page.locator("duban-item-card").filter(new Locator.FilterOptions().setHasText(title));
  }

  Locator messages(String text) {
    return page.locator("duban-message").filter(new Locator.FilterOptions().setHasText(text));
  }

  @Test
  void afterTheNetworkDropsTheAppReconnectsResumesAndShowsWhatChangedMeanwhile() {
    List<Wire> wires = new CopyOnWriteArrayList<>();
    page.routeWebSocket(Pattern.compile(".*/live$"), route -> {
      Wire wire = new Wire(route);
      wires.add(wire);
      if (wires.size() == 1) wire.connect();
    });
    long id = itemId(FGW_ITEM);
    var reported = server.request(HttpMethod.POST, "/items/" + id + "/reports", server.tokenOf("fgw"))
        .putHeader("Idempotency-Key", "stays-" + UUID.randomUUID()).sendJsonObject(new JsonObject().put("text", "积水点清单已报送")).await();
    assertThat(reported.statusCode()).isEqualTo(201);

    Phone.signIn(page, "fgw", DemoData.PASSWORD);
    card(FGW_ITEM).click();
    assertThat(messages("积水点清单已报送")).hasCount(1);
    page.waitForCondition(() -> wires.get(0).heard("snapshot"));
    page.evaluate("() => { window.staysLiveMark = true; }");

    wires.get(0).drop();
    // the app tries again on its own; the new socket waits on the network while the sponsor returns the report
    page.waitForCondition(() -> wires.size() == 2);
    var returned = server.send(HttpMethod.POST, "/items/" + id + "/return", server.tokenOf("keshi1"),
        new JsonObject().put("unitId", server.get("/me", server.tokenOf("fgw")).bodyAsJsonObject().getLong("unitId"))
            .put("reason", "断线期间退回：请补充整改责任人"));
    assertThat(returned.statusCode()).as(returned.bodyAsString()).isEqualTo(200);
    wires.get(1).connect();

    assertThat(messages("断线期间退回：请补充整改责任人")).hasCount(1);
    assertThat(messages("积水点清单已报送")).containsText("被退回");
    page.waitForCondition(() -> wires.get(1).heard("resumed"));
    assertThat(wires.get(1).heard("snapshot")).as("resumed, not read afresh").isFalse();
    JsonObject auth = new JsonObject(wires.get(1).sent.get(0));
    assertThat(auth.getString("type")).isEqualTo("auth");
    assertThat(auth.getLong("lastEventId")).as("where it left off").isNotNull();
    messages("断线期间退回：请补充整改责任人").scrollIntoViewIfNeeded();
    Phone.screen(page, "item-resumed-after-drop");
    assertThat(page.evaluate("() => window.staysLiveMark === true")).as("the same page, never reloaded").isEqualTo(true);
  }

  @Test
  void aSocketClosedWith4401RenewsTheTokenThroughTheCookieAndReadsAfreshWithoutSignIn() {
    long id = person("stays-moved");
    List<List<String>> sockets = watchSockets();
    Phone.signIn(page, "stays-moved", DemoData.PASSWORD);
    assertThat(card(FGW_ITEM)).hasCount(1);
    page.waitForCondition(() -> !sockets.isEmpty() && sockets.get(0).contains("snapshot"));

    // moved to another unit: the server closes the socket (4401, access changed); the session itself goes on
    page.waitForResponse(r -> r.url().endsWith("/auth/refresh") && r.status() == 200,
        () -> patch(id, new JsonObject().put("unitId", server.get("/me", server.tokenOf("zjj")).bodyAsJsonObject().getLong("unitId"))));
    assertThat(card(ZJJ_ITEM)).hasCount(1);
    assertThat(card(FGW_ITEM)).hasCount(0);
    page.waitForCondition(() -> sockets.size() == 2 && sockets.get(1).contains("snapshot"));
    assertThat(sockets.get(1)).as("after a 4401, afresh").doesNotContain("resumed");
    assertThat(page.getByLabel("账号")).hasCount(0);
    Phone.screenshot(page, "my-items-after-4401-renewal");
  }

  @Test
  void whenTheRenewalAfter4401FailsTheSignInScreenShows() {
    long id = person("stays-leaving");
    List<List<String>> sockets = watchSockets();
    Phone.signIn(page, "stays-leaving", DemoData.PASSWORD);
    assertThat(card(FGW_ITEM)).hasCount(1);
    page.waitForCondition(() -> !sockets.isEmpty() && sockets.get(0).contains("snapshot"));

    // deactivated: the socket closes with 4401 and the refresh cookie no longer works
    page.waitForResponse(r -> r.url().endsWith("/auth/refresh") && r.status() == 401, () -> patch(id, new JsonObject().put("active", false)));
    assertThat(page.getByLabel("账号")).isVisible();
    assertThat(card(FGW_ITEM)).hasCount(0);
    Phone.screenshot(page, "sign-in-after-4401");
  }

  @Test
  void theClockAloneTurnsALightFromYellowToRedLive() {
    String title = "实时：黄灯变红灯";
    String sponsor = server.tokenOf("keshi1");
    long fgwUnit = server.get("/me", server.tokenOf("fgw")).bodyAsJsonObject().getLong("unitId");
    var registered = server.send(HttpMethod.POST, "/items", sponsor, new JsonObject().put("kind", "meeting_decision")
        .put("source", "meeting_decision").put("title", title).put("body", "按节点反馈进展").put("leadUnitId", fgwUnit)
        .put("responsibleLeader", "王市长").put("node", "7d").put("confidentialityAcknowledged", true));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    long id = registered.bodyAsJsonObject().getLong("id");
    assertThat(server.send(HttpMethod.POST, "/items/" + id + "/approve", server.tokenOf("fumishu"), null).statusCode()).isEqualTo(200);
    Instant deadline = Instant.parse(server.get("/items/" + id, sponsor).bodyAsJsonObject().getJsonArray("units").getJsonObject(0)
        .getString("deadline"));
    try {
      clockTo(deadline.minus(Duration.ofHours(23)).toString());
      List<List<String>> sockets = watchSockets();
      Phone.signIn(page, "fgw", DemoData.PASSWORD);
      Locator light = card(title).locator("duban-light");
      assertThat(light).hasAttribute("light", "yellow");
      page.waitForCondition(() -> !sockets.isEmpty() && sockets.get(0).contains("snapshot"));
      Phone.screenshot(page, "my-items-yellow-before-the-deadline");

      clockTo(deadline.plus(Duration.ofHours(1)).toString());
      assertThat(light).hasAttribute("light", "red");
      assertThat(sockets.get(0)).as("told by the socket").contains("phase");
      assertThat(card(title)).containsText("已逾期");
      Phone.screenshot(page, "my-items-red-past-the-deadline");
    } finally {
      clockTo(START);
    }
  }
}
