package org.duban.remind;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Items4Test;
import org.duban.support.RelayReceiver;
import org.duban.support.TestDatabase;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * Messages that fell due while no server ran fire when one starts, marked late, and read as the rules
 * read at that moment: no "before the deadline" after it (R13), nothing in the quiet hours (R21), and
 * one SMS per person for everything the downtime missed (R15 Reading).
 */
class RestartTest {

  @Test
  void overdueMessagesFireLateAsOneMessagePerPersonWithoutTheStaleReminder_R13_R15() {
    try (RelayReceiver relay = new RelayReceiver(); TestDatabase database = TestDatabase.fresh("restart")) {
      long id = registerThenStop(database, relay);
      // back at 20:00 on Tuesday, eleven hours after the 09:00 deadline: the 07:00 "before" reminder, the
      // 12:00, 15:00 and 18:00 urges and the 14:00 "after" reminder all fell due while the server was down
      TestServer second = TestServer.startOn(database, Map.of("clock.simulated", "true", "clock.start", "2026-03-03T12:00:00Z",
          "relay.smsUrl", relay.url(), "demo.enabled", "false"));
      try {
        // two units, two responsible persons each: one SMS per person
        Await.until("the missed messages", () -> relay.received().stream().filter(m -> m.getLong("itemId") == id).count() >= 4,
            Duration.ofSeconds(15));
        assertThat(database.rows("SELECT key FROM planned_message WHERE item_id = " + id
            + " AND state = 'planned' AND send_at <= '2026-03-03T12:00:00Z'")).isEmpty();
        List<JsonObject> got = relay.received().stream().filter(m -> m.getLong("itemId") == id).toList();
        assertThat(got).hasSize(4).extracting(m -> m.getString("to")).doesNotHaveDuplicates();
        assertThat(got).allSatisfy(m -> {
          assertThat(m.getJsonArray("rules").getList()).containsExactly("R13", "R15");
          assertThat(m.getString("text")).contains("已于3月3日 09:00到期").contains("已逾期").doesNotContain("将于");
        });
        assertThat(database.rows("SELECT note FROM planned_message WHERE state = 'skipped' AND item_id = " + id))
            .hasSize(2).allSatisfy(r -> assertThat((String) r.get("note")).startsWith("stale"));
        // per unit: the 18:00 urge carries the 12:00 and 15:00 urges and the 14:00 reminder
        List<Map<String, Object>> fired = database.rows("SELECT key, unit_id, late, note FROM planned_message WHERE state = 'fired' AND item_id = " + id);
        assertThat(fired).hasSize(8).allSatisfy(r -> assertThat(r.get("late")).isEqualTo(true));
        List<String> carriers = got.stream().map(m -> m.getString("key")).distinct().toList();
        assertThat(carriers).hasSize(2).allSatisfy(k -> assertThat(k).contains("2026-03-03T10:00:00Z"));
        assertThat(fired).filteredOn(r -> r.get("note") != null).hasSize(6)
            .allSatisfy(r -> assertThat(carriers).contains(((String) r.get("note")).substring("sent with ".length())));
        assertThat(database.rows("SELECT key FROM planned_message WHERE state = 'planned' AND item_id = " + id)).isNotEmpty();
        // the item's schedule, as the sponsor reads it, tells the same story
        List<JsonObject> schedule = ok(second.get("/items/" + id + "/reminders", second.tokenOf("keshi1")), 200)
            .getJsonArray("items").stream().map(m -> (JsonObject) m).toList();
        assertThat(schedule).filteredOn(m -> "skipped".equals(m.getString("state"))).hasSize(2)
            .allSatisfy(m -> assertThat(m.getJsonArray("kinds").getList()).containsExactly("before_deadline"));
        assertThat(schedule).filteredOn(m -> "fired".equals(m.getString("state"))).hasSize(8)
            .allSatisfy(m -> assertThat(m.getBoolean("late")).isTrue());
        assertThat(schedule).filteredOn(m -> "planned".equals(m.getString("state"))).isNotEmpty()
            .allSatisfy(m -> assertThat(m.getString("sendAt")).isGreaterThan("2026-03-03T12:00:00Z"));
      } finally {
        second.stop();
      }
    }
  }

  @Test
  void overdueMessagesFoundInTheQuietHoursWaitUntilSevenInTheMorningThroughARePlan_R14_R21() {
    try (RelayReceiver relay = new RelayReceiver(); TestDatabase database = TestDatabase.fresh("restart_quiet")) {
      long id = registerThenStop(database, relay);
      // back at 23:30 on Tuesday: the day's missed messages wait for 07:00 on Wednesday
      TestServer second = TestServer.startOn(database, Map.of("clock.simulated", "true", "clock.start", "2026-03-03T15:30:00Z",
          "relay.smsUrl", relay.url(), "demo.enabled", "false"));
      try {
        Await.until("held to the end of the quiet hours", () -> database.rows("SELECT key FROM planned_message WHERE item_id = " + id
            + " AND held_from IS NOT NULL").size() >= 5, Duration.ofSeconds(15));
        assertThat(database.rows("SELECT DISTINCT send_at = '2026-03-03T23:00:00Z' AS at_seven FROM planned_message WHERE item_id = "
            + id + " AND held_from IS NOT NULL")).singleElement().satisfies(r -> assertThat(r.get("at_seven")).isEqualTo(true));
        assertThat(relay.received()).noneMatch(m -> m.getLong("itemId") == id);

        // at 23:45 the cooperating unit reports: its held messages go (R14); the lead's, held, survive the re-plan
        String admin = second.tokenOf("admin");
        ok(second.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", "2026-03-03T15:45:00Z")), 200);
        Items4Test flow = new Items4Test(second);
        ok(flow.report(id, flow.zjj, "night-report-" + id, "夜间补报"), 201);
        assertThat(database.rows("SELECT key FROM planned_message WHERE state = 'planned' AND unit_id = " + flow.zjjUnit
            + " AND item_id = " + id)).isEmpty();
        assertThat(database.rows("SELECT key FROM planned_message WHERE state = 'planned' AND held_from IS NOT NULL AND unit_id = "
            + flow.fgwUnit + " AND item_id = " + id)).hasSizeGreaterThanOrEqualTo(2);

        ok(second.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", "2026-03-03T23:00:05Z")), 200);
        Await.until("the morning's message", () -> relay.received().stream().filter(m -> m.getLong("itemId") == id).count() >= 2,
            Duration.ofSeconds(15));
        // one SMS for each of the lead unit's two responsible persons, carrying the night's backlog and the 07:00 urge
        assertThat(relay.received().stream().filter(m -> m.getLong("itemId") == id).toList()).hasSize(2)
            .allSatisfy(m -> {
              assertThat(Walk.PHONES.get("FGW")).contains(m.getString("to"));
              assertThat(m.getString("text")).doesNotContain("将于");
            });
      } finally {
        second.stop();
      }
    }
  }

  /** Monday 2026-03-02 09:00 Shanghai: a 1-day item, due Tuesday 09:00; then the server stops. */
  private static long registerThenStop(TestDatabase database, RelayReceiver relay) {
    TestServer first = TestServer.startOn(database, Map.of("clock.simulated", "true", "clock.start", "2026-03-02T01:00:00Z",
        "relay.smsUrl", relay.url()));
    long id = new Items4Test(first).active("停机期间到期", "1d").getLong("id");
    first.stop();
    assertThat(relay.received()).isEmpty();
    return id;
  }
}
