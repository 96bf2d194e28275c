package org.duban.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * The live socket's items carry each person's own unread count, as {@code GET /items} and {@code GET /items/{id}}
 * give it to them: the snapshot's rows, and each {@code item} change, counted per recipient (the author of an event
 * never gets it as unread; a cooperating unit never counts the lead's report or return, R03).
 */
class LiveUnreadTest {
  static Drill drill;
  static TestServer server;
  static Items4Test flow;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    drill = Drill.start(LiveUnreadTest.class, Map.of());
    server = drill.server;
    flow = drill.flow;
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    drill.close();
  }

  static int unread(long itemId, String token) {
    return ok(server.get("/items/" + itemId, token), 200).getInteger("unread");
  }

  static void readAll(long itemId, String token) {
    JsonArray events = flow.events(itemId, token);
    long last = events.getJsonObject(events.size() - 1).getLong("id");
    ok(server.send(HttpMethod.PUT, "/items/" + itemId + "/read", token, new JsonObject().put("eventId", last)), 200);
  }

  static int unreadIn(JsonObject itemMessage) {
    return itemMessage.getJsonObject("item").getInteger("unread");
  }

  @Test
  void theSnapshotsRowsCarryTheUnreadCountsOfGetItems() {
    long id = flow.active("实时未读：快照", "7d").getLong("id");
    readAll(id, flow.zjj);
    try (LiveClient fgw = LiveClient.connect(vertx, server.port()); LiveClient zjj = LiveClient.connect(vertx, server.port())) {
      fgw.auth(flow.fgw);
      zjj.auth(flow.zjj);
      JsonObject forFgw = row(fgw.await("snapshot"), id);
      JsonObject forZjj = row(zjj.await("snapshot"), id);
      assertThat(forFgw.getInteger("unread")).isEqualTo(4).isEqualTo(unread(id, flow.fgw));
      assertThat(forZjj.getInteger("unread")).isZero();
    }
  }

  @Test
  void eachRecipientGetsTheirOwnCountAndNeverTheirOwnEventAsUnread() {
    try (LiveClient fgw = LiveClient.signedIn(vertx, server.port(), flow.fgw);
         LiveClient zjj = LiveClient.signedIn(vertx, server.port(), flow.zjj);
         LiveClient sponsor = LiveClient.signedIn(vertx, server.port(), flow.sponsor)) {
      long id = flow.active("实时未读：各算各的", "7d").getLong("id");
      for (LiveClient socket : new LiveClient[] {fgw, zjj, sponsor}) socket.awaitEvent(id, "assigned");
      readAll(id, flow.fgw);
      readAll(id, flow.zjj);
      readAll(id, flow.sponsor);

      ok(flow.report(id, flow.fgw, "live-unread-1", "牵头单位反馈"), 201);
      assertThat(unreadIn(fgw.awaitEvent(id, "reported"))).as("the author's own report").isZero();
      assertThat(unreadIn(sponsor.awaitEvent(id, "reported"))).isEqualTo(1);

      ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "请补充")), 200);
      JsonObject returned = fgw.awaitEvent(id, "returned");
      assertThat(unreadIn(returned)).isEqualTo(1);
      assertThat(returned.getJsonObject("item")).as("as GET /items/{id} shows it to them").isEqualTo(ok(server.get("/items/" + id, flow.fgw), 200));
      assertThat(unreadIn(sponsor.awaitEvent(id, "returned"))).as("the sponsor's own return; the report is still unread").isEqualTo(1);

      // the cooperating unit hears its own report only, and counts none of the lead's
      ok(flow.report(id, flow.zjj, "live-unread-2", "配合单位反馈"), 201);
      assertThat(unreadIn(zjj.awaitEvent(id, "reported"))).isZero();
      Await.until("the sponsor to hear the cooperating unit's report", () -> reportOf(sponsor, id, flow.zjjUnit) != null, LiveClient.WAIT);
      assertThat(unreadIn(reportOf(sponsor, id, flow.zjjUnit))).as("both units' reports").isEqualTo(2);
      assertThat(zjj.eventTypes(id)).doesNotContain("returned").containsOnlyOnce("reported");
    }
  }

  /** The item message of {@code socket} carrying the report of {@code unitId}, or null. */
  static JsonObject reportOf(LiveClient socket, long itemId, long unitId) {
    return socket.ofType("item").stream().filter(m -> m.getJsonObject("item").getLong("id") == itemId)
        .filter(m -> m.getJsonArray("events").stream().map(JsonObject.class::cast)
            .anyMatch(e -> "reported".equals(e.getString("type")) && e.getLong("unitId") == unitId))
        .findFirst().orElse(null);
  }

  static JsonObject row(JsonObject snapshot, long itemId) {
    return snapshot.getJsonArray("items").stream().map(JsonObject.class::cast).filter(r -> r.getLong("id") == itemId)
        .findFirst().orElseThrow();
  }
}
