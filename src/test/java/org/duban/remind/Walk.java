package org.duban.remind;

import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.duban.time.Zones;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the drill clock through an item's expected messages, written by hand from the rules, one line
 * per SMS group: {@code "2026-03-03 07:00 FGW R13 R21"} is, at 07:00 Shanghai, the message to both
 * responsible persons of the development and reform commission, citing R13 and R21. The clock stops
 * exactly at each expected time; there, every message due has fired and reached the relay, and what
 * the relay holds for the item is exactly what the lines say up to then: nothing early, nothing
 * extra, nothing missing. At the end every message of the walk fired on time, none late or merged late.
 */
final class Walk {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  /** The demo organisation's phones (DemoData): a unit's two responsible persons, the sponsor office, the supervision office. */
  static final Map<String, List<String>> PHONES = Map.of(
      "FGW", List.of("13800000007", "13800000008"),
      "ZJJ", List.of("13800000009", "13800000010"),
      "SPONSOR", List.of("13800000006"),
      "OFFICE", List.of("13800000004"));

  private final Drill drill;
  private final long itemId;
  private final List<String> expected = new ArrayList<>();

  Walk(Drill drill, long itemId) {
    this.drill = drill;
    this.itemId = itemId;
  }

  static Instant sh(String localMinute) {
    return LocalDateTime.parse(localMinute, MINUTE).atZone(Zones.SHANGHAI).toInstant();
  }

  /** Walks to each line's time in order, checking what arrived at every stop; then on to {@code end}, where nothing more may have come. */
  Walk expect(String end, String... lines) {
    TreeMap<Instant, List<String>> byTime = new TreeMap<>();
    for (String line : lines) {
      String[] parts = line.trim().split("\\s+");
      Instant at = sh(parts[0] + " " + parts[1]);
      List<String> rules = Arrays.asList(parts).subList(3, parts.length);
      assertThat(PHONES).as("who in " + line).containsKey(parts[2]);
      PHONES.get(parts[2]).forEach(phone -> byTime.computeIfAbsent(at, t -> new ArrayList<>()).add(phone + " " + rules));
    }
    byTime.put(sh(end), byTime.getOrDefault(sh(end), new ArrayList<>()));
    byTime.forEach((at, group) -> {
      expected.addAll(group);
      stopAt(at);
    });
    return this;
  }

  /** Moves the clock without expecting anything new up to there. */
  Walk to(String localMinute) {
    stopAt(sh(localMinute));
    return this;
  }

  private void stopAt(Instant at) {
    drill.clockTo(at.toString());
    String when = MINUTE.format(at.atZone(Zones.SHANGHAI));
    Await.until("everything due by " + when + " fired and relayed", () -> nothingDue(at) && relayedAll(), Duration.ofSeconds(20));
    List<String> got = drill.receivedFor(itemId).stream().map(Walk::line).toList();
    assertThat(got).as("the messages of item %d up to %s", itemId, when).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Every message of the walk fired on its time: none late, none carried by a late one, none skipped. */
  void allOnTime() {
    assertThat(drill.server.database().rows("SELECT key, late, note, state FROM planned_message WHERE item_id = " + itemId
        + " AND state <> 'planned' AND (late OR note IS NOT NULL OR state <> 'fired')")).isEmpty();
  }

  private boolean nothingDue(Instant at) {
    return drill.server.database().rows("SELECT 1 FROM planned_message WHERE state = 'planned' AND item_id = " + itemId
        + " AND send_at <= '" + at + "'").isEmpty();
  }

  private boolean relayedAll() {
    long outbox = (long) drill.server.database().rows("SELECT count(*) AS n FROM outbox WHERE item_id = " + itemId).get(0).get("n");
    return drill.receivedFor(itemId).stream().map(m -> m.getLong("id")).distinct().count() == outbox;
  }

  private static String line(JsonObject sms) {
    return sms.getString("to") + " " + sms.getJsonArray("rules").getList();
  }
}
