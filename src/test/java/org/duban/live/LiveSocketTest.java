package org.duban.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.duban.support.Tokens4Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.duban.support.Items4Test.ok;

/**
 * {@code /live} against the real server and PostgreSQL, with Vert.x's WebSocket client: authentication by the
 * first message or the offered protocols, the snapshot and the changes exactly as the API shows them to each
 * person with the next reminder they may see, a resume after a drop, the session's end (sign-out, deactivation,
 * a changed role or unit, an expired token), bad input and a phone that stops reading, each closing only its own
 * socket with its own code.
 */
class LiveSocketTest {
  static Drill drill;
  static TestServer server;
  static Items4Test flow;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    drill = Drill.start(LiveSocketTest.class, Map.of("live.sessionCheck", "200ms", "live.authTimeout", "1s",
        "live.socketsPerPerson", "3"));
    server = drill.server;
    flow = drill.flow;
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    drill.close();
  }

  LiveClient live(String token) {
    return LiveClient.signedIn(vertx, server.port(), token);
  }

  /** An active item (lead fgw, cooperating zjj) whose assignment each socket has heard; what follows starts after it. */
  static long active(String title, String node, LiveClient... sockets) {
    long id = flow.active(title, node).getLong("id");
    for (LiveClient socket : sockets) {
      socket.awaitEvent(id, "assigned");
      socket.mark();
    }
    return id;
  }

  static JsonObject withoutServerTime(JsonObject message) {
    JsonObject copy = message.copy();
    copy.remove("serverTime");
    return copy;
  }

  @Test
  void theFirstMessageAuthenticatesAndASnapshotShowsWhatGetItemsShows() {
    drill.clockTo("2026-03-02T01:00:00Z");
    long id = flow.active("实时：快照", "7d").getLong("id");
    try (LiveClient socket = LiveClient.connect(vertx, server.port())) {
      socket.auth(flow.fgw);
      JsonObject authenticated = socket.await("authenticated");
      assertThat(authenticated.getString("role")).isEqualTo("liaison");
      JsonObject snapshot = socket.await("snapshot");
      // the simulated clock's time, not the machine's
      assertThat(snapshot.getString("serverTime")).isEqualTo("2026-03-02T01:00:00Z");
      assertThat(authenticated.getString("serverTime")).isEqualTo("2026-03-02T01:00:00Z");
      JsonArray listed = ok(server.get("/items?limit=100", flow.fgw), 200).getJsonArray("items");
      JsonArray shown = snapshot.getJsonArray("items");
      List<JsonObject> rows = new ArrayList<>();
      for (Object o : shown) {
        JsonObject row = ((JsonObject) o).copy();
        JsonObject countdown = (JsonObject) row.remove("countdown");
        assertThat(countdown.getString("deadline")).isEqualTo(row.getString("nextDeadline"));
        rows.add(row);
      }
      assertThat(new JsonArray(new ArrayList<>(rows))).isEqualTo(listed);
      assertThat(snapshot.getInteger("limit")).isEqualTo(100);
      JsonObject mine = shown.stream().map(o -> (JsonObject) o).filter(r -> r.getLong("id") == id).findFirst().orElseThrow();
      assertThat(mine.getJsonObject("countdown").getString("phase")).isEqualTo("before");
      socket.ping();
    }
  }

  @Test
  void aBadTokenOrNoAuthInTimeClosesWith4401() {
    try (LiveClient bad = LiveClient.connect(vertx, server.port());
         LiveClient late = LiveClient.connect(vertx, server.port());
         LiveClient first = LiveClient.connect(vertx, server.port())) {
      bad.auth(flow.fgw.substring(0, flow.fgw.length() - 3) + "abc");
      assertThat(bad.awaitClosed()).isEqualTo((short) 4401);
      assertThat(bad.ofType("snapshot")).isEmpty();
      first.send(new JsonObject().put("type", "resume").put("lastEventId", 1));
      assertThat(first.awaitClosed()).isEqualTo((short) 4401);
      // nothing sent: closed after live.authTimeout
      assertThat(late.awaitClosed()).isEqualTo((short) 4401);
      assertThat(late.messages).isEmpty();
    }
  }

  @Test
  void twoLiaisonsEachHearOnlyWhatTheAPIShowsThem_R03_R60() {
    drill.clockTo("2026-03-02T01:00:00Z");
    try (LiveClient fgw = live(flow.fgw); LiveClient zjj = live(flow.zjj); LiveClient sponsor = live(flow.sponsor)) {
      long id = active("实时：两个联络员", "7d", fgw, zjj, sponsor);
      ok(flow.report(id, flow.fgw, "socket-own-1", "牵头单位反馈"), 201);
      JsonObject reported = fgw.awaitEvent(id, "reported");
      sponsor.awaitEvent(id, "reported");
      // the sponsor's return reaches the lead liaison's socket live, as GET /items/{id} shows it to them
      ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "请补充数据")), 200);
      JsonObject returned = fgw.awaitEvent(id, "returned");
      assertThat(returned.getJsonObject("item")).isEqualTo(ok(server.get("/items/" + id, flow.fgw), 200));
      JsonArray timeline = flow.events(id, flow.fgw);
      assertThat(returned.getJsonArray("events").getJsonObject(0)).isEqualTo(timeline.getJsonObject(timeline.size() - 1));
      assertThat(returned.getJsonArray("events").getJsonObject(0).getString("reason")).isEqualTo("请补充数据");
      assertThat(Items4Test.unit(returned.getJsonObject("item"), flow.fgwUnit).getString("status")).isEqualTo("returned");
      assertThat(returned.getJsonObject("countdown").getString("phase")).isEqualTo("before");
      assertThat(reported.getString("serverTime")).isEqualTo("2026-03-02T01:00:00Z");
      // the cooperating unit's own report it hears; the lead's report and return it never does
      ok(flow.report(id, flow.zjj, "socket-own-2", "配合单位反馈"), 201);
      JsonObject own = zjj.awaitEvent(id, "reported");
      assertThat(own.getJsonObject("item")).isEqualTo(ok(server.get("/items/" + id, flow.zjj), 200));
      Await.until("the sponsor to hear the second report",
          () -> sponsor.eventTypes(id).stream().filter("reported"::equals).count() == 2, LiveClient.WAIT);
      assertThat(zjj.eventTypes(id)).containsExactly("reported");
      assertThat(fgw.eventTypes(id)).containsExactly("reported", "returned");
      assertThat(sponsor.eventTypes(id)).containsExactly("reported", "returned", "reported");
    }
  }

  @Test
  void aDeadlineComingCloseIsAPhaseChange() {
    drill.clockTo("2026-03-02T01:00:00Z");
    try (LiveClient fgw = live(flow.fgw)) {
      long id = active("实时：倒计时", "7d", fgw);
      Instant deadline = Instant.parse(Items4Test.unit(ok(server.get("/items/" + id, flow.fgw), 200), flow.fgwUnit).getString("deadline"));
      drill.clockTo(deadline.minus(Duration.ofHours(23)).toString());
      Await.until("a phase change of item " + id, () -> phase(fgw, id, "due_within_24h") != null, LiveClient.WAIT);
      JsonObject phase = phase(fgw, id, "due_within_24h");
      assertThat(phase.getJsonObject("countdown").getString("deadline")).isEqualTo(deadline.toString());
      assertThat(phase.getString("serverTime")).isEqualTo(deadline.minus(Duration.ofHours(23)).toString());
      drill.clockTo(deadline.plus(Duration.ofHours(1)).toString());
      Await.until("item " + id + " overdue", () -> phase(fgw, id, "overdue") != null, LiveClient.WAIT);
    } finally {
      drill.clockTo("2026-03-02T01:00:00Z");
    }
  }

  static JsonObject phase(LiveClient socket, long id, String phase) {
    return socket.ofType("phase").stream().filter(m -> m.getLong("itemId") == id)
        .filter(m -> phase.equals(m.getJsonObject("countdown").getString("phase"))).findFirst().orElse(null);
  }

  @Test
  void logoutClosesTheSocketWith4401AndARefreshedTokenContinuesIt() {
    JsonObject pair = ok(server.login("zjj", DemoData.PASSWORD), 200);
    try (LiveClient socket = live(pair.getString("accessToken")); LiveClient other = live(flow.zjj)) {
      JsonObject refreshed = ok(server.send(HttpMethod.POST, "/auth/refresh", null,
          new JsonObject().put("refreshToken", pair.getString("refreshToken"))), 200);
      socket.auth(refreshed.getString("accessToken"));
      socket.await("authenticated");
      socket.ping();
      assertThat(socket.ofType("snapshot")).as("the same access: no new snapshot").isEmpty();
      ok(server.send(HttpMethod.POST, "/auth/logout", refreshed.getString("accessToken"), null), 204);
      assertThat(socket.awaitClosed()).isEqualTo((short) 4401);
      // another session of the same person is not touched
      other.ping();
    }
  }

  @Test
  void badInputClosesOnlyThatSocketWithItsCode() {
    try (LiveClient healthy = live(flow.fgw);
         LiveClient malformed = live(flow.fgw);
         LiveClient unknown = live(flow.fgw)) {
      malformed.sendText("{not json");
      assertThat(malformed.awaitClosed()).isEqualTo((short) 4400);
      unknown.send(new JsonObject().put("type", "delete_everything"));
      assertThat(unknown.awaitClosed()).isEqualTo((short) 4422);
      try (LiveClient big = live(flow.fgw)) {
        big.send(new JsonObject().put("type", "ping").put("padding", "x".repeat(5000)));
        assertThat(big.awaitClosed()).isEqualTo((short) 4413);
      }
      // three are allowed per person here: the healthy one and two more
      try (LiveClient second = live(flow.fgw); LiveClient third = live(flow.fgw);
           LiveClient fourth = LiveClient.connect(vertx, server.port())) {
        fourth.auth(flow.fgw);
        assertThat(fourth.awaitClosed()).isEqualTo((short) 4429);
        second.ping();
        third.ping();
      }
      // a burst of messages that each wait on the database: the socket floods, not the pool
      try (LiveClient flood = live(flow.fgw)) {
        String auth = new JsonObject().put("type", "auth").put("token", flow.fgw).encode();
        for (int i = 0; i < 60; i++) flood.ws.writeTextMessage(auth);
        assertThat(flood.awaitClosed()).isEqualTo((short) 4420);
      }
      healthy.ping();
    }
  }

  @Test
  void aPhoneThatStopsReadingWhileChangesPourInIsClosedWith4408AndNoLongerHeldFor() {
    drill.clockTo("2026-03-02T01:00:00Z");
    // a small receive window: the phone's side fills at once and the server's queue is all that is left to fill
    try (LiveClient slow = LiveClient.connect(vertx, server.port(), List.of(), LiveClient.options().setReceiveBufferSize(4096));
         LiveClient healthy = live(flow.sponsor)) {
      slow.auth(flow.sponsor);
      slow.await("snapshot");
      // a long item (body and plan at their limits): each change carries it whole, so a few dozen fill every buffer on the way
      long id = flow.register(flow.registration("实时：不读的手机", "7d").put("body", "核查".repeat(10_000)).put("plan", "整改".repeat(10_000)))
          .getLong("id");
      ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200);
      healthy.awaitEvent(id, "assigned");
      int subscribed = server.server().live().subscriptions();
      slow.ws.pause();
      int reports = 0;
      // each report is one change the sponsor may see; the server holds at most live.writeQueueBytes for the phone
      while (server.server().live().subscriptions() == subscribed && reports < 500) {
        ok(flow.report(id, flow.fgw, "socket-slow-" + reports, "进展" + reports), 201);
        reports++;
      }
      Await.until("the slow socket to be let go", () -> server.server().live().subscriptions() == subscribed - 1, LiveClient.WAIT);
      slow.ws.resume();
      assertThat(slow.awaitClosed()).isEqualTo((short) 4408);
      // let go long before the 500: the server held no more than its queue for it
      assertThat(reports).isLessThan(500);
      // the reader keeps up: it heard every one of them
      int made = reports;
      Await.until("the healthy socket to hear every report",
          () -> healthy.eventTypes(id).stream().filter("reported"::equals).count() == made, LiveClient.WAIT);
      healthy.ping();
    }
  }

  /** The first waiting message {@code GET /items/{id}/reminders} shows the token's person after now, as a countdown names it. */
  static JsonObject firstWaiting(long itemId, String token) {
    JsonObject answer = ok(server.get("/items/" + itemId + "/reminders", token), 200);
    Instant now = Instant.parse(answer.getString("now"));
    return answer.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(m -> "planned".equals(m.getString("state")) && Instant.parse(m.getString("sendAt")).isAfter(now))
        .findFirst()
        .map(m -> new JsonObject().put("sendAt", m.getString("sendAt")).put("dueAt", m.getString("dueAt")).put("unitId", m.getLong("unitId"))
            .put("recipient", m.getString("recipient")).put("kinds", m.getJsonArray("kinds")).put("rules", m.getJsonArray("rules"))
            .put("key", m.getString("key")))
        .orElse(null);
  }

  static JsonObject nextReminder(JsonObject message) {
    return message.getJsonObject("countdown").getJsonObject("nextReminder");
  }

  static JsonObject rowOf(JsonObject snapshot, long id) {
    return snapshot.getJsonArray("items").stream().map(o -> (JsonObject) o).filter(r -> r.getLong("id") == id).findFirst().orElseThrow();
  }

  @Test
  void eachCountdownNamesTheNextReminderThePersonMaySeeAsTheRemindersApiShowsIt_R13_R03() {
    drill.clockTo("2026-03-02T01:00:00Z");
    try (LiveClient fgw = live(flow.fgw); LiveClient zjj = live(flow.zjj); LiveClient sponsor = live(flow.sponsor)) {
      long id = flow.active("实时：下一次提醒", "7d").getLong("id");
      JsonObject toFgw = nextReminder(fgw.awaitEvent(id, "assigned"));
      JsonObject toZjj = nextReminder(zjj.awaitEvent(id, "assigned"));
      assertThat(toFgw).isNotNull().isEqualTo(firstWaiting(id, flow.fgw));
      assertThat(toZjj).isNotNull().isEqualTo(firstWaiting(id, flow.zjj));
      // a liaison's is their own unit's; the sponsor's the first of them all
      assertThat(toFgw.getLong("unitId")).isEqualTo(flow.fgwUnit);
      assertThat(toZjj.getLong("unitId")).isEqualTo(flow.zjjUnit);
      assertThat(nextReminder(sponsor.awaitEvent(id, "assigned"))).isEqualTo(firstWaiting(id, flow.sponsor));
      // a snapshot reads them too
      try (LiveClient again = LiveClient.connect(vertx, server.port())) {
        again.auth(flow.zjj);
        assertThat(rowOf(again.await("snapshot"), id).getJsonObject("countdown").getJsonObject("nextReminder")).isEqualTo(toZjj);
      }
      // the lead's report re-plans its unit's messages (R14): the change says what waits now
      ok(flow.report(id, flow.fgw, "socket-next-1", "已开始办理"), 201);
      JsonObject afterReport = nextReminder(fgw.awaitEvent(id, "reported"));
      assertThat(afterReport).isEqualTo(firstWaiting(id, flow.fgw)).isNotEqualTo(toFgw);
    }
  }

  @Test
  void whenTheNextReminderGoesOutAPhaseMessageNamesTheOneAfter_R13() {
    drill.clockTo("2026-03-02T01:00:00Z");
    try (LiveClient fgw = live(flow.fgw)) {
      long id = flow.active("实时：提醒发出之后", "7d").getLong("id");
      JsonObject first = nextReminder(fgw.awaitEvent(id, "assigned"));
      fgw.mark();
      drill.clockTo(Instant.parse(first.getString("sendAt")).plusSeconds(1).toString());
      Await.until("a countdown past the first reminder of item " + id, () -> fgw.ofType("phase").stream()
          .anyMatch(m -> m.getLong("itemId") == id && !first.equals(nextReminder(m))), LiveClient.WAIT);
      JsonObject moved = fgw.ofType("phase").stream().filter(m -> m.getLong("itemId") == id).reduce((a, b) -> b).orElseThrow();
      assertThat(nextReminder(moved)).isEqualTo(firstWaiting(id, flow.fgw));
      assertThat(Instant.parse(nextReminder(moved).getString("sendAt"))).isAfter(Instant.parse(first.getString("sendAt")));
    } finally {
      drill.clockTo("2026-03-02T01:00:00Z");
    }
  }

  @Test
  void aPhoneThatReconnectsWithTheLastEventItSawHearsWhatItMissedWithoutASnapshot() {
    drill.clockTo("2026-03-02T01:00:00Z");
    long id;
    Long point;
    try (LiveClient fgw = live(flow.fgw)) {
      id = active("实时：断线续传", "7d", fgw);
      point = fgw.resumePoint();
    }
    // while the phone is away: its unit's report from another phone, and the sponsor's return
    ok(flow.report(id, flow.fgw, "socket-resume-1", "断线期间的反馈"), 201);
    ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "断线期间退回")), 200);
    try (LiveClient back = LiveClient.connect(vertx, server.port())) {
      back.send(new JsonObject().put("type", "auth").put("token", flow.fgw).put("lastEventId", point));
      JsonObject resumed = back.await("resumed");
      assertThat(back.ofType("snapshot")).isEmpty();
      assertThat(back.eventTypes(id)).containsExactly("reported", "returned");
      assertThat(back.event(id, "returned").getJsonObject("item")).isEqualTo(ok(server.get("/items/" + id, flow.fgw), 200));
      assertThat(resumed.getInteger("replayed")).isEqualTo(back.ofType("item").size());
      JsonObject countdown = resumed.getJsonArray("countdowns").stream().map(o -> (JsonObject) o)
          .filter(c -> c.getLong("itemId") == id).findFirst().orElseThrow().getJsonObject("countdown");
      assertThat(countdown.getString("phase")).isEqualTo("before");
      assertThat(back.resumePoint()).isEqualTo(resumed.getLong("lastEventId"));
      point = back.resumePoint();
    }
    // the same from the offered protocols, before any message
    ok(flow.report(id, flow.fgw, "socket-resume-2", "补充后的反馈"), 201);
    try (LiveClient again = LiveClient.connect(vertx, server.port(), List.of("duban.v1", "duban.bearer." + flow.fgw, "duban.resume." + point))) {
      again.await("resumed");
      assertThat(again.eventTypes(id)).containsExactly("reported");
      assertThat(again.ofType("snapshot")).isEmpty();
    }
    // an event the server does not have (any more): everything afresh
    try (LiveClient lost = LiveClient.connect(vertx, server.port())) {
      lost.send(new JsonObject().put("type", "auth").put("token", flow.fgw).put("lastEventId", 9_000_000_000L));
      assertThat(lost.await("snapshot").getString("reason")).isEqualTo("resume");
      assertThat(lost.ofType("resumed")).isEmpty();
      lost.send(new JsonObject().put("type", "resume").put("lastEventId", "yesterday"));
      assertThat(lost.awaitClosed()).isEqualTo((short) 4400);
    }
  }

  @Test
  void theTokenMayComeAmongTheOfferedProtocolsAndIsNeverSentBack() {
    String token = flow.zjj;
    // a JWT is three base64url parts joined by dots: every character is an RFC 7230 tchar, so it is a protocol token as it is
    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    try (LiveClient socket = LiveClient.connect(vertx, server.port(), List.of("duban.v1", "duban.bearer." + token))) {
      assertThat(socket.ws.subProtocol()).isEqualTo("duban.v1");
      assertThat(socket.ws.headers().getAll("Sec-WebSocket-Protocol")).containsExactly("duban.v1");
      socket.await("snapshot");
      assertThat(socket.messages.get(0).getString("type")).isEqualTo("authenticated");
      socket.ping();
    }
    try (LiveClient bad = LiveClient.connect(vertx, server.port(), List.of("duban.v1", "duban.bearer." + token.substring(0, token.length() - 3) + "abc"))) {
      assertThat(bad.awaitClosed()).isEqualTo((short) 4401);
      assertThat(bad.ofType("snapshot")).isEmpty();
    }
    // offered without the protocol the server speaks, or a resume without a token: the upgrade is refused
    for (List<String> refused : List.of(List.of("duban.bearer." + token), List.of("chat"), List.of("duban.v1", "duban.resume.12"))) {
      assertThatThrownBy(() -> LiveClient.connect(vertx, server.port(), refused)).as(refused.toString())
          .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(400));
    }
  }

  /** A person of their own, so that ending their access touches no other test. */
  long person(String login, String role, Long unitId) {
    var created = server.send(HttpMethod.POST, "/people", server.tokenOf("admin"), new JsonObject().put("login", login)
        .put("displayName", login).put("role", role).put("unitId", unitId).put("password", DemoData.PASSWORD));
    return ok(created, 201).getLong("id");
  }

  void patch(long personId, JsonObject change) {
    ok(server.send(HttpMethod.PATCH, "/people/" + personId, server.tokenOf("admin"), change), 200);
  }

  @Test
  void deactivatingThePersonClosesTheirOpenSocketWith4401() {
    long id = person("live-leaving", "liaison", flow.fgwUnit);
    try (LiveClient socket = live(server.tokenOf("live-leaving"))) {
      patch(id, new JsonObject().put("active", false));
      assertThat(socket.awaitClosed()).isEqualTo((short) 4401);
    }
  }

  @Test
  void aChangedRoleOrUnitClosesTheOpenSocketWith4401() {
    long promoted = person("live-promoted", "leader", null);
    long moved = person("live-moved", "liaison", flow.fgwUnit);
    try (LiveClient leader = live(server.tokenOf("live-promoted")); LiveClient liaison = live(server.tokenOf("live-moved"))) {
      patch(promoted, new JsonObject().put("role", "supervision"));
      assertThat(leader.awaitClosed()).isEqualTo((short) 4401);
      liaison.ping();
      patch(moved, new JsonObject().put("unitId", flow.zjjUnit));
      assertThat(liaison.awaitClosed()).isEqualTo((short) 4401);
      assertThat(liaison.closeReason()).contains("access changed");
    }
  }

  @Test
  void anExpiredAccessTokenClosesWith4401AndARefreshedOneSentInTimeKeepsTheSocketPastIt() {
    JsonObject pair = ok(server.login("zjj", DemoData.PASSWORD), 200);
    // the session's own token, cut to expire in two seconds (token lifetimes run on the wall clock, never the drill's)
    JsonObject claims = Tokens4Test.payloadOf(pair.getString("accessToken"));
    long expires = Instant.now().getEpochSecond() + 2;
    String shortLived = Tokens4Test.sign(claims.copy().put("exp", expires), TestServer.JWT_SECRET);
    try (LiveClient lapsed = live(shortLived); LiveClient renewed = live(shortLived)) {
      JsonObject refreshed = ok(server.send(HttpMethod.POST, "/auth/refresh", null,
          new JsonObject().put("refreshToken", pair.getString("refreshToken"))), 200);
      renewed.auth(refreshed.getString("accessToken"));
      assertThat(renewed.await("authenticated").getString("tokenExpiresAt")).isNotEqualTo(Instant.ofEpochSecond(expires).toString());
      assertThat(lapsed.awaitClosed()).isEqualTo((short) 4401);
      assertThat(lapsed.closeReason()).contains("expired");
      assertThat(Instant.now()).isAfterOrEqualTo(Instant.ofEpochSecond(expires));
      // the re-check that closed the other has looked at this one too: it stays
      renewed.ping();
      assertThat(renewed.isOpen()).isTrue();
    }
  }
}
