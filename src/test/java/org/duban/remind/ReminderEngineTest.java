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
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * The engine end to end on a simulated clock: planned messages fire when the clock reaches them, are
 * claimed once, written to the outbox and handed to a real HTTP relay.
 */
class ReminderEngineTest {
  static Drill drill;
  static TestServer server;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    drill = Drill.start(ReminderEngineTest.class, Map.of("relay.retryBase", "50ms"));
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

  static void awaitCount(long itemId, int count) {
    Await.until(count + " messages for item " + itemId, () -> receivedFor(itemId).size() >= count, Duration.ofSeconds(15));
  }

  @Test
  void aOneDayItemsRemindersReachTheRelayAtTheirTimesAndOnlyOnce_R13_R14_R21() {
    clockTo("2026-03-02T01:00:00Z");
    long id = flow.active("一天节点全流程提醒", "1d").getLong("id");
    // deadline Tuesday 09:00; 5 h before is 04:00, in quiet hours, so it goes at 07:00 (2026-03-02T23:00Z)
    clockTo("2026-03-02T22:59:00Z");
    clockTo("2026-03-02T23:00:01Z");
    awaitCount(id, 4);
    // nothing fired before its time, though the wheel was loaded at 22:59
    assertThat(server.database().rows("SELECT key FROM planned_message WHERE item_id = " + id
        + " AND state = 'fired' AND (fired_at < send_at OR send_at > '2026-03-02T23:00:01Z')")).isEmpty();
    List<JsonObject> before = receivedFor(id);
    assertThat(before).hasSize(4);
    assertThat(before.stream().map(m -> m.getString("to")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("13800000007", "13800000008", "13800000009", "13800000010");
    assertThat(before).allSatisfy(m -> {
      assertThat(m.getJsonArray("rules").getList()).contains("R13", "R21");
      assertThat(m.getString("text")).contains("将于").contains("到期");
    });

    // the lead reports early: from now on only the cooperating unit is reminded (R14)
    ok(flow.report(id, flow.fgw, "engine-early-report", "按时反馈"), 201);
    clockTo("2026-03-03T06:00:01Z"); // deadline + 5 h
    Await.until("the reminders after the deadline", () -> receivedFor(id).stream()
        .filter(m -> m.getString("text").contains("已于")).count() >= 2, Duration.ofSeconds(15));
    List<JsonObject> after = receivedFor(id).stream().filter(m -> m.getString("text").contains("已于")).toList();
    assertThat(after.stream().map(m -> m.getString("to")).collect(Collectors.toSet())).containsExactlyInAnyOrder("13800000009", "13800000010");

    // nothing is sent twice: every outbox id once, and the relay saw each planned key once per phone
    Set<String> seen = drill.relay.received().stream().map(m -> m.getLong("id") + "").collect(Collectors.toSet());
    assertThat(seen).hasSize(drill.relay.received().size());
  }

  @Test
  void threeDaysOverduePutsTheItemUnderKeySupervision_R16() {
    clockTo("2026-03-02T01:00:00Z");
    long id = flow.active("逾期三天转重点督办", "1d").getLong("id");
    clockTo("2026-03-06T02:00:00Z"); // deadline Tuesday 09:00 + 3 days and an hour
    Await.until("key supervision", () -> ok(server.get("/items/" + id, flow.sponsor), 200).getBoolean("keySupervision"),
        Duration.ofSeconds(15));
    List<String> events = Items4Test.types(flow.events(id, flow.sponsor));
    assertThat(events).containsOnlyOnce("key_supervision");
    // a system command through the lifecycle, like R12's deadline_moved: the system did it, no person
    JsonObject entered = flow.events(id, flow.sponsor).stream().map(e -> (JsonObject) e)
        .filter(e -> e.getString("type").equals("key_supervision")).findFirst().orElseThrow();
    assertThat(entered.getString("actorRole")).isEqualTo("system");
    assertThat(entered.getValue("actorId")).isNull();
    assertThat(entered.getString("rule")).isEqualTo("R16");
    assertThat(entered.getJsonObject("data").getString("message")).isNotBlank();
  }

  @Test
  void aRelayThatIsDownIsRetriedUntilItTakesTheMessage_R61() {
    clockTo("2026-03-02T01:00:00Z");
    long id = flow.active("中继失败重试", "1d").getLong("id");
    drill.relay.failNext(id, 3);
    clockTo("2026-03-02T23:00:01Z");
    // the pauses between attempts run on the wall clock (50 ms, 100 ms, … here): sending is transport
    Await.until("the relay to take all four", () -> receivedFor(id).size() >= 4, Duration.ofSeconds(20));
    assertThat(receivedFor(id)).hasSize(4);
    long attempts = server.database().rows("SELECT attempts FROM outbox WHERE item_id = " + id).stream()
        .mapToLong(r -> ((Number) r.get("attempts")).longValue()).sum();
    assertThat(attempts).isGreaterThanOrEqualTo(4 + 3);
  }
}
