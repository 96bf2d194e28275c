package org.duban.item;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * Read marks and unread counts through the API: each person's mark on an item is kept on the server and only moves
 * forward; {@code unread} counts the events after it that the person may see (R03, {@link PerUnitState}) and did not
 * make, the same on {@code GET /items} and {@code GET /items/{id}}. The demo's lead fgw, cooperating zjj, sponsor keshi1.
 */
class ReadMarkTest {
  static TestServer server;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    server = TestServer.start(ReadMarkTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-04-01T01:00:00Z"));
    flow = new Items4Test(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<Buffer> mark(long itemId, String token, Object eventId) {
    return server.send(HttpMethod.PUT, "/items/" + itemId + "/read", token, new JsonObject().put("eventId", eventId));
  }

  static int unread(long itemId, String token) {
    return ok(server.get("/items/" + itemId, token), 200).getInteger("unread");
  }

  /** The item's row in the reader's GET /items. */
  static JsonObject row(long itemId, String token) {
    JsonArray rows = ok(server.get("/items?limit=200", token), 200).getJsonArray("items");
    return rows.stream().map(JsonObject.class::cast).filter(r -> r.getLong("id") == itemId).findFirst().orElseThrow();
  }

  static long lastEvent(long itemId, String token) {
    JsonArray events = flow.events(itemId, token);
    return events.getJsonObject(events.size() - 1).getLong("id");
  }

  /** Read up to the newest event the reader sees: nothing left unread. */
  static void readAll(long itemId, String token) {
    assertThat(ok(mark(itemId, token, lastEvent(itemId, token)), 200).getInteger("unread")).isZero();
  }

  /** What the timeline the reader sees says is unread after their mark: the rule PerUnitState applies, counted in Java. */
  static long unreadByTimeline(long itemId, String token, long mark, long personId) {
    return flow.events(itemId, token).stream().map(JsonObject.class::cast)
        .filter(e -> e.getLong("id") > mark && !Long.valueOf(personId).equals(e.getLong("actorId"))).count();
  }

  static long personOf(String token) {
    return ok(server.get("/me", token), 200).getLong("id");
  }

  static void returnLead(long itemId, String reason) {
    ok(flow.post("/items/" + itemId + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", reason)), 200);
  }

  @Test
  void aNewItemIsUnreadForItsLiaisonsButNotTheSponsorsOwnRegistration() {
    long id = flow.active("未读：新交办", "7d").getLong("id");
    // registered by the sponsor, approved by the deputy, assigned to each unit
    assertThat(unread(id, flow.fgw)).isEqualTo(4);
    assertThat(unread(id, flow.zjj)).isEqualTo(4);
    assertThat(unread(id, flow.sponsor)).as("the sponsor's own registration does not count").isEqualTo(3);
    assertThat(unread(id, flow.deputy)).as("the deputy's approval and the assignments it made do not count").isEqualTo(1);
    assertThat(row(id, flow.fgw).getInteger("unread")).isEqualTo(4);
    assertThat(row(id, flow.sponsor).getInteger("unread")).isEqualTo(3);
  }

  @Test
  void aReturnIsUnreadForTheLeadLiaisonAndAReadMarkClearsIt_R30() {
    long id = flow.active("未读：退回", "7d").getLong("id");
    readAll(id, flow.fgw);
    ok(flow.report(id, flow.fgw, "unread-return-1", "牵头单位反馈"), 201);
    assertThat(unread(id, flow.fgw)).as("a liaison's own report does not count").isZero();
    returnLead(id, "请补充数据");
    assertThat(unread(id, flow.fgw)).isEqualTo(1);
    assertThat(row(id, flow.fgw).getInteger("unread")).isEqualTo(1);
    assertThat(unread(id, flow.sponsor)).as("the sponsor's own return does not count; the report does").isEqualTo(4);

    JsonObject marked = ok(mark(id, flow.fgw, lastEvent(id, flow.fgw)), 200);
    assertThat(marked.getLong("itemId")).isEqualTo(id);
    assertThat(marked.getLong("eventId")).isEqualTo(lastEvent(id, flow.fgw));
    assertThat(marked.getInteger("unread")).isZero();
    assertThat(unread(id, flow.fgw)).isZero();
    assertThat(row(id, flow.fgw).getInteger("unread")).isZero();
    assertThat(unread(id, flow.sponsor)).as("one person's mark is theirs alone").isEqualTo(4);
  }

  @Test
  void theMarkOnlyMovesForward() {
    long id = flow.active("未读：只进不退", "7d").getLong("id");
    JsonArray events = flow.events(id, flow.fgw);
    long first = events.getJsonObject(0).getLong("id");
    long last = events.getJsonObject(events.size() - 1).getLong("id");
    assertThat(ok(mark(id, flow.fgw, first), 200).getInteger("unread")).isEqualTo(3);
    assertThat(ok(mark(id, flow.fgw, last), 200).getLong("eventId")).isEqualTo(last);

    JsonObject back = ok(mark(id, flow.fgw, first), 200);
    assertThat(back.getLong("eventId")).as("the mark kept").isEqualTo(last);
    assertThat(back.getInteger("unread")).isZero();
    assertThat(unread(id, flow.fgw)).isZero();
    // the same again changes nothing either
    assertThat(ok(mark(id, flow.fgw, last), 200)).isEqualTo(back);
  }

  @Test
  void theMarkFollowsThePersonToAnotherSession() {
    long id = flow.active("未读：换一台电脑", "7d").getLong("id");
    String desk = server.tokenOf("fgw");
    assertThat(unread(id, desk)).isEqualTo(4);
    readAll(id, flow.fgw);
    assertThat(unread(id, desk)).isZero();
  }

  @Test
  void theCooperatingLiaisonNeitherSeesNorCountsTheLeadsReportAndReturn_R03() {
    long id = flow.active("未读：配合单位", "7d").getLong("id");
    readAll(id, flow.zjj);
    readAll(id, flow.fgw);
    readAll(id, flow.sponsor);
    ok(flow.report(id, flow.fgw, "unread-coop-1", "牵头单位反馈"), 201);
    returnLead(id, "牵头单位材料不全");
    assertThat(unread(id, flow.zjj)).isZero();
    assertThat(row(id, flow.zjj).getInteger("unread")).isZero();
    assertThat(unread(id, flow.fgw)).isEqualTo(1);
    ok(flow.report(id, flow.zjj, "unread-coop-2", "配合单位反馈"), 201);
    assertThat(unread(id, flow.fgw)).as("nor the lead the cooperating unit's report").isEqualTo(1);
    assertThat(unread(id, flow.sponsor)).as("the sponsor counts both units' reports").isEqualTo(2);
  }

  @Test
  void aLiaisonOfAnotherUnitGetsWhatReadingTheItemGives() {
    // fgw alone: zjj is not on it
    long id = flow.register(flow.registration("未读：别的单位", "7d").put("cooperatingUnitIds", new JsonArray())).getLong("id");
    ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200);
    long event = lastEvent(id, flow.fgw);
    HttpResponse<Buffer> read = server.get("/items/" + id, flow.zjj);
    HttpResponse<Buffer> marked = mark(id, flow.zjj, event);
    assertThat(marked.statusCode()).isEqualTo(404).isEqualTo(read.statusCode());
    assertThat(marked.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(withoutRequestId(marked.bodyAsJsonObject())).isEqualTo(withoutRequestId(read.bodyAsJsonObject()));
    assertThat(ok(server.get("/items?limit=200", flow.zjj), 200).getJsonArray("items").stream()
        .map(JsonObject.class::cast).map(r -> r.getLong("id"))).doesNotContain(id);
    assertThat(mark(999_999, flow.fgw, event).statusCode()).isEqualTo(404);
  }

  @Test
  void anEventOfAnotherItemOrOneTheReaderMayNotSeeIsRefusedAndChangesNothing() {
    long id = flow.active("未读：拒绝", "7d").getLong("id");
    long other = flow.active("未读：另一个事项", "7d").getLong("id");
    ok(flow.report(id, flow.fgw, "unread-refused-1", "牵头单位反馈"), 201);
    long leadsReport = lastEvent(id, flow.fgw);
    int before = unread(id, flow.zjj);

    assertRefused(mark(id, flow.zjj, lastEvent(other, flow.zjj)));
    assertRefused(mark(id, flow.zjj, leadsReport));
    assertRefused(mark(id, flow.zjj, Long.MAX_VALUE));
    assertThat(unread(id, flow.zjj)).isEqualTo(before);
    // the sponsor side may mark it: they see every unit's report
    assertThat(ok(mark(id, flow.sponsor, leadsReport), 200).getInteger("unread")).isZero();
  }

  static void assertRefused(HttpResponse<Buffer> answer) {
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(422);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject error = answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("/eventId");
    assertThat(error.getString("reason")).isEqualTo("is not an event of this item that you can see");
  }

  @Test
  void aMalformedMarkIsAValidationProblemNamingTheField() {
    long id = flow.active("未读：坏请求", "7d").getLong("id");
    for (JsonObject body : List.of(new JsonObject(), new JsonObject().put("eventId", 0), new JsonObject().put("eventId", "12"),
        new JsonObject().put("eventId", 1).put("extra", true))) {
      HttpResponse<Buffer> answer = server.send(HttpMethod.PUT, "/items/" + id + "/read", flow.fgw, body);
      assertThat(answer.statusCode()).as(body.encode()).isEqualTo(400);
      assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).as(body.encode()).isNotBlank();
    }
    assertThat(unread(id, flow.fgw)).isEqualTo(4);
  }

  @Test
  void theCountIsTheTimelineTheReaderSeesAfterTheMarkLessTheirOwn_R03() {
    long id = flow.active("未读：与时间线一致", "7d").getLong("id");
    long fgwMark = flow.events(id, flow.fgw).getJsonObject(1).getLong("id");
    ok(mark(id, flow.fgw, fgwMark), 200);
    ok(flow.report(id, flow.zjj, "unread-timeline-1", "配合单位反馈"), 201);
    ok(flow.report(id, flow.fgw, "unread-timeline-2", "牵头单位反馈"), 201);
    returnLead(id, "请补充");
    ok(flow.post("/items/" + id + "/accept", flow.sponsor, new JsonObject().put("unitId", flow.zjjUnit)), 200);
    for (String token : List.of(flow.fgw, flow.zjj, flow.sponsor, flow.deputy, flow.mayor)) {
      long mark = token.equals(flow.fgw) ? fgwMark : 0;
      assertThat((long) unread(id, token)).isEqualTo(unreadByTimeline(id, token, mark, personOf(token)));
      assertThat((long) row(id, token).getInteger("unread")).isEqualTo(unread(id, token));
    }
  }

  static JsonObject withoutRequestId(JsonObject problem) {
    JsonObject copy = problem.copy();
    copy.remove("requestId");
    copy.remove("instance");
    return copy;
  }
}
