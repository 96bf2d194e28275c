package org.duban.time;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;
import static org.duban.support.Items4Test.types;
import static org.duban.support.Items4Test.unit;

/**
 * R10, R12, R13 end to end: it is Sunday 10 January 2027 and 2027's notice is not out, so a 1-month node
 * ends on Wednesday 10 February, taken as a working day. The administrator imports a notice (test data,
 * not the official one) that makes 6-14 February the Spring Festival: the deadline moves to Monday 15
 * February at the same time, the timeline says why, the reminders follow it and nothing waits on 2027 any
 * more. A deadline the notice leaves on a working day, one given by hand and one an extension set stay as
 * they were.
 */
class DeadlinesAfterImportApiTest {
  /** Sunday 10 January 2027, 10:00 in Shanghai. */
  static final String NOW = "2027-01-10T02:00:00Z";
  static final String IN_THE_FESTIVAL = "2027-02-10T02:00:00Z";
  static final String AFTER_THE_FESTIVAL = "2027-02-15T02:00:00Z";
  static final String EXTENDED_TO = "2027-02-11T02:00:00Z";
  static TestServer server;
  static Items4Test flow;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(DeadlinesAfterImportApiTest.class, Map.of("clock.simulated", "true", "clock.start", NOW));
    admin = server.tokenOf("admin");
    flow = new Items4Test(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject item(long id) {
    return ok(server.get("/items/" + id, admin), 200);
  }

  static List<JsonObject> events(long id, String type) {
    return flow.events(id, flow.sponsor).stream().map(e -> (JsonObject) e).filter(e -> type.equals(e.getString("type"))).toList();
  }

  /** When each unit's R13 reminder (5 hours before the deadline) is due. */
  static List<String> fiveHoursBefore(long id) {
    JsonArray planned = ok(server.get("/items/" + id + "/reminders?until=2027-03-31T00:00:00Z", admin), 200).getJsonArray("items");
    return planned.stream().map(o -> (JsonObject) o).filter(m -> m.getJsonArray("kinds").contains("before_deadline"))
        .map(m -> m.getString("dueAt")).toList();
  }

  /** Registered with an explicit deadline in the festival instead of a node (R10). */
  static JsonObject withDeadline(JsonObject registration) {
    registration.remove("node");
    return registration.put("deadline", IN_THE_FESTIVAL);
  }

  static JsonObject notice2027() {
    return new JsonObject("""
        {"year": 2027, "source": "测试用通知（非官方）",
         "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                      {"name": "春节", "from": "2027-02-06", "to": "2027-02-14"}],
         "makeUpWorkdays": [{"name": "春节", "date": "2027-02-20"}]}""");
  }

  @Test
  void importingTheYearMovesADeadlineThatFellOnItsHolidayAndOnlyThatOne_R10_R12_R13() {
    long moved = flow.active("春节里到期的一个月节点", "1m").getLong("id");
    long unaffected = flow.active("工作日到期的一日节点", "1d").getLong("id");
    long byHand = flow.register(withDeadline(flow.registration("手定春节期间的期限", "1m")))
        .getLong("id");
    ok(flow.post("/items/" + byHand + "/approve", flow.deputy, null), 200);
    // R32: a 1-month node (due 10 February) extended by a day, to 11 February at the node's time of day, also in
    // the festival: a date a roll could have given, so only the timeline tells it was set by the extension
    long extended = flow.active("延期到春节期间", "1m").getLong("id");
    ok(flow.post("/items/" + extended + "/extension", flow.fgw, new JsonObject().put("newDeadline", EXTENDED_TO)
        .put("plan", "分两步推进").put("milestones", new JsonArray())), 200);
    ok(flow.post("/items/" + extended + "/extension/grant", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit)), 200);

    JsonObject before = item(moved);
    assertThat(unit(before, flow.fgwUnit).getString("deadline")).isEqualTo(IN_THE_FESTIVAL);
    assertThat(before.getJsonObject("calendar").getString("status")).isEqualTo("missing");
    assertThat(fiveHoursBefore(moved)).containsOnly("2027-02-09T21:00:00Z").hasSize(2);
    String unaffectedDeadline = unit(item(unaffected), flow.fgwUnit).getString("deadline");
    assertThat(unaffectedDeadline).isEqualTo("2027-01-11T02:00:00Z");

    ok(server.send(HttpMethod.PUT, "/calendar/2027", admin, notice2027()), 200);

    // the deadline moved to the first working day after the festival, at the time the node ends, for every unit
    JsonObject after = item(moved);
    for (long unitId : List.of(flow.fgwUnit, flow.zjjUnit)) {
      assertThat(unit(after, unitId).getString("deadline")).isEqualTo(AFTER_THE_FESTIVAL);
      assertThat(unit(after, unitId).getJsonObject("calendar").getString("status")).isEqualTo("known");
    }
    assertThat(after.getJsonObject("calendar").getString("status")).isEqualTo("known");
    assertThat(after.getString("status")).isEqualTo("active");

    // the timeline says why, for each unit, as the system's doing under R12
    List<JsonObject> timeline = events(moved, "deadline_moved");
    assertThat(timeline).hasSize(2);
    assertThat(timeline.stream().map(e -> e.getLong("unitId"))).containsExactlyInAnyOrder(flow.fgwUnit, flow.zjjUnit);
    assertThat(timeline).allSatisfy(e -> {
      assertThat(e.getString("rule")).isEqualTo("R12");
      assertThat(e.getString("actorRole")).isEqualTo("system");
      assertThat(e.getValue("actorId")).isNull();
      assertThat(e.getJsonObject("data")).isEqualTo(new JsonObject().put("from", IN_THE_FESTIVAL).put("to", AFTER_THE_FESTIVAL)
          .put("year", 2027));
    });
    // the unit sees it in its own timeline too
    assertThat(types(flow.events(moved, flow.fgw))).contains("deadline_moved");

    // R13: the reminder 5 hours before now counts from the new deadline
    assertThat(fiveHoursBefore(moved)).containsOnly("2027-02-14T21:00:00Z").hasSize(2);

    // nothing waits on 2027 any more
    JsonObject pending = ok(server.get("/calendar/2027/pending", admin), 200);
    assertThat(pending.getString("status")).isEqualTo("known");
    assertThat(pending.getJsonArray("items")).isEmpty();

    // a deadline on a working day of the notice, and one given by hand, stay and say nothing
    assertThat(unit(item(unaffected), flow.fgwUnit).getString("deadline")).isEqualTo(unaffectedDeadline);
    assertThat(events(unaffected, "deadline_moved")).isEmpty();
    assertThat(unit(item(byHand), flow.fgwUnit).getString("deadline")).isEqualTo(IN_THE_FESTIVAL);
    assertThat(events(byHand, "deadline_moved")).isEmpty();
    assertThat(unit(item(extended), flow.fgwUnit).getString("deadline")).isEqualTo(EXTENDED_TO);
    assertThat(unit(item(extended), flow.zjjUnit).getString("deadline")).isEqualTo(EXTENDED_TO);
    assertThat(events(extended, "deadline_moved")).isEmpty();

    // importing the same notice again moves nothing a second time
    ok(server.send(HttpMethod.PUT, "/calendar/2027", admin, notice2027()), 200);
    assertThat(events(moved, "deadline_moved")).hasSize(2);
    assertThat(unit(item(moved), flow.fgwUnit).getString("deadline")).isEqualTo(AFTER_THE_FESTIVAL);
  }
}
