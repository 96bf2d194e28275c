package org.duban.demo;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/**
 * The demo is written relative to the clock the server starts on, so a drill on a fresh database has
 * something to show at once, whatever the month or the day: an item already overdue (R13, R15), one due
 * within hours, and SMS at the relay after a few hours of simulated time.
 */
class DemoDrillTest {

  /** A working Wednesday in July, and a Saturday inside the National Day holiday (R12: no rolling helps there). */
  @ParameterizedTest
  @ValueSource(strings = {"2026-07-08T02:00:00Z", "2026-10-03T01:00:00Z"})
  void aDrillOnAFreshDatabaseHasOverdueAndDueSoonItemsAndAdvancingAFewHoursSendsSms_R13_R15(String start) {
    Instant now = Instant.parse(start);
    try (Drill drill = Drill.start(DemoDrillTest.class, Map.of("clock.start", start))) {
      List<JsonObject> items = items(drill);

      assertThat(items).as("an item already past its deadline").anySatisfy(item -> {
        assertThat(item.getString("status")).isEqualTo("active");
        assertThat(item.getBoolean("overdue")).isTrue();
      });
      assertThat(items).as("an item due within hours of the start").anySatisfy(item -> {
        Instant deadline = Instant.parse(item.getString("nextDeadline"));
        assertThat(deadline).isAfter(now).isBefore(now.plus(Duration.ofHours(12)));
      });
      assertThat(items).as("a draft still awaiting approval (R05)").anySatisfy(item -> assertThat(item.getString("status")).isEqualTo("draft"));

      // nothing was left in the past to fire the moment the server starts
      assertThat(drill.server.database().rows("SELECT key FROM planned_message WHERE send_at <= '" + start + "'")).isEmpty();
      assertThat(waitingWithin(drill, items, now, Duration.ofHours(5))).as("planned within the first hours").isNotEmpty();

      ok(drill.server.send(HttpMethod.POST, "/clock/advance", drill.server.tokenOf("admin"), new JsonObject().put("by", "PT5H")), 200);
      Await.until("SMS for the demo items at the relay", () -> !drill.relay.received().isEmpty(), Duration.ofSeconds(20));
      assertThat(drill.relay.received()).allSatisfy(sms -> assertThat(sms.getJsonArray("rules").getList()).isNotEmpty());
    }
  }

  private static List<JsonObject> items(Drill drill) {
    JsonArray all = ok(drill.server.get("/items?limit=200", drill.flow.sponsor), 200).getJsonArray("items");
    return all.stream().map(JsonObject.class::cast).toList();
  }

  /** Planned messages of the demo items that go out between the start and {@code within} after it. */
  private static List<JsonObject> waitingWithin(Drill drill, List<JsonObject> items, Instant now, Duration within) {
    return items.stream()
        .flatMap(item -> ok(drill.server.get("/items/" + item.getLong("id") + "/reminders", drill.flow.sponsor), 200)
            .getJsonArray("items").stream().map(JsonObject.class::cast))
        .filter(m -> "planned".equals(m.getString("state")))
        .filter(m -> Instant.parse(m.getString("sendAt")).isBefore(now.plus(within)))
        .toList();
  }
}
