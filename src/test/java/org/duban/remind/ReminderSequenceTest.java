package org.duban.remind;

import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Items4Test;
import org.duban.support.Drill;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two days of an overdue item's reminders and urges, fired by the engine exactly as planned. */
class ReminderSequenceTest {
  static Drill drill;
  static TestServer server;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    drill = Drill.start(ReminderSequenceTest.class, Map.of());
    server = drill.server;
    flow = drill.flow;
  }

  @AfterAll
  static void stop() {
    drill.close();
  }

  static void clockTo(String instant) {
    drill.clockTo(instant);
  }

  static List<JsonObject> receivedFor(long itemId) {
    return drill.receivedFor(itemId);
  }

  @Test
  void everyPlannedMessageUpToAMomentFiresExactlyOnceWithItsRules_R13_R15_R16() {
    clockTo("2026-03-02T01:00:00Z");
    long id = flow.active("两天内全部提醒与催办", "1d").getLong("id");
    String until = "2026-03-05T02:00:00Z"; // deadline Tuesday 09:00 + 2 days and a night
    List<String> planned = server.database().rows("SELECT key FROM planned_message WHERE item_id = " + id
        + " AND send_at <= '" + until + "' ORDER BY key").stream().map(r -> (String) r.get("key")).toList();
    assertThat(planned).hasSizeGreaterThan(20);
    clockTo(until);
    Await.until("all of them fired", () -> server.database().rows("SELECT key FROM planned_message WHERE state = 'fired' AND item_id = "
        + id).size() >= planned.size(), Duration.ofSeconds(20));
    List<String> fired = server.database().rows("SELECT key FROM planned_message WHERE state = 'fired' AND item_id = " + id
        + " ORDER BY key").stream().map(r -> (String) r.get("key")).toList();
    assertThat(fired).isEqualTo(planned);
    List<String> rules = server.database().rows("SELECT DISTINCT unnest(rules) AS rule FROM planned_message WHERE item_id = " + id)
        .stream().map(r -> (String) r.get("rule")).toList();
    assertThat(rules).contains("R13", "R15", "R16", "R21");
    // each fired message went to the relay once per phone
    Await.until("the relay", () -> receivedFor(id).size() >= server.database().rows("SELECT id FROM outbox WHERE item_id = " + id).size(),
        Duration.ofSeconds(20));
    assertThat(receivedFor(id).stream().map(m -> m.getLong("id")).distinct().count()).isEqualTo(receivedFor(id).size());
  }
}
