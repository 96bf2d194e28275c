package org.duban.health;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Drill;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /health/delivery and its gauges: a monitor learns that reminders are not leaving before a unit misses a deadline. */
class DeliveryHealthTest {
  // Tuesday 07:00 Shanghai: the 1-day items' held "before the deadline" reminders fire
  static final String FIRST_REMINDERS = "2026-03-02T23:00:00Z";

  @Test
  void withNoRelayConfiguredFiredRemindersPileUpAndDeliverySaysSo_R61() {
    try (TestServer server = TestServer.start(DeliveryHealthTest.class, Map.of("clock.simulated", "true",
        "clock.start", "2026-03-02T01:00:00Z"))) {
      JsonObject before = server.get("/health/delivery", null).bodyAsJsonObject();
      assertThat(before.getString("status")).isEqualTo("UP");
      assertThat(before.getJsonObject("checks").getBoolean("relayConfigured")).isFalse();

      new Items4Test(server).active("无中继", "1d");
      server.send(HttpMethod.PUT, "/clock", server.tokenOf("admin"), new JsonObject().put("now", FIRST_REMINDERS));
      Await.until("the reminders in the outbox", () -> !server.database().rows("SELECT id FROM outbox").isEmpty(), Duration.ofSeconds(15));

      // an answer may be a second old
      Await.until("delivery down", () -> server.get("/health/delivery", null).statusCode() == 503, Duration.ofSeconds(5));
      var response = server.get("/health/delivery", null);
      assertThat(response.statusCode()).isEqualTo(503);
      JsonObject checks = response.bodyAsJsonObject().getJsonObject("checks");
      assertThat(checks.getLong("pending")).isPositive();
      assertThat(checks.getJsonArray("problems").getString(0)).contains("relay.smsUrl is not set");
      // readiness is about serving requests, and does not follow
      assertThat(server.get("/health/ready", null).statusCode()).isEqualTo(200);
      Await.until("the gauge", () -> pendingGauge(server) > 0, Duration.ofSeconds(20));
    }
  }

  @Test
  void aRelayThatKeepsRefusingIsReportedAndRecoveryClearsIt_R61() {
    try (Drill drill = Drill.start(DeliveryHealthTest.class, Map.of("relay.retryBase", "50ms"))) {
      long id = drill.flow.active("中继故障", "1d").getLong("id");
      drill.relay.failNext(id, 1_000);
      drill.clockTo(FIRST_REMINDERS);
      // the demo's own reminders of the morning go out in the same burst, and may be what is late at first
      Await.until("three refusals", () -> drill.server.get("/health/delivery", null).statusCode() == 503
          && drill.server.get("/health/delivery", null).bodyAsJsonObject().getJsonObject("checks").getLong("struggling") > 0,
          Duration.ofSeconds(30));
      JsonObject down = drill.server.get("/health/delivery", null).bodyAsJsonObject();
      assertThat(down.getJsonObject("checks").getLong("struggling")).isPositive();
      assertThat(down.getJsonObject("checks").getJsonArray("problems").getString(0)).contains("without the relay taking them");

      drill.relay.failNext(id, 0);
      Await.until("the relay takes them and delivery is up again", () -> drill.server.get("/health/delivery", null).statusCode() == 200,
          Duration.ofSeconds(60));
      assertThat(drill.server.database().rows("SELECT id FROM outbox WHERE state <> 'sent'")).isEmpty();
    }
  }

  @Test
  void aReminderHeldUpPastItsTimeIsReportedUntilItFires() throws Exception {
    try (Drill drill = Drill.start(DeliveryHealthTest.class, Map.of())) {
      long id = drill.flow.active("长事务阻塞", "1d").getLong("id");
      var target = drill.server.database().target();
      try (Connection blocker = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password().orElse(null))) {
        // a long transaction holds the item: the engine skips it rather than wait, so its reminder stays planned
        blocker.setAutoCommit(false);
        try (Statement s = blocker.createStatement()) {
          s.execute("SELECT id FROM item WHERE id = " + id + " FOR UPDATE");
        }
        drill.clockTo("2026-03-02T23:02:00Z"); // two minutes after Tuesday 07:00
        long heldUp = drill.server.database().rows("SELECT key FROM planned_message WHERE state = 'planned' AND item_id = " + id
            + " AND send_at <= '2026-03-02T23:00:00Z'").size();
        // the demo items' reminders due by then are not held up: once they have gone, only this item's are late
        Await.until("the held-up reminder reported", () -> drill.server.get("/health/delivery", null).statusCode() == 503
                && drill.server.get("/health/delivery", null).bodyAsJsonObject().getJsonObject("checks").getLong("overdueReminders") == heldUp,
            Duration.ofSeconds(15));
        assertThat(heldUp).isPositive();
        blocker.rollback();
      }
      Await.until("fired once the item is free, and delivery up", () -> drill.server.get("/health/delivery", null).statusCode() == 200,
          Duration.ofSeconds(30));
      assertThat(drill.server.database().rows("SELECT key FROM planned_message WHERE state = 'planned' AND item_id = " + id
          + " AND send_at <= '2026-03-02T23:00:00Z'")).isEmpty();
    }
  }

  @Test
  void smsGivenUpOnAreReportedAndTheAdministratorSendsThemAgain_R61() {
    try (Drill drill = Drill.start(DeliveryHealthTest.class, Map.of())) {
      long id = drill.flow.active("放弃后重发", "1d").getLong("id");
      drill.clockTo(FIRST_REMINDERS);
      Await.until("sent", () -> !drill.receivedFor(id).isEmpty() && drill.server.database()
          .rows("SELECT id FROM outbox WHERE item_id = " + id + " AND state <> 'sent'").isEmpty(), Duration.ofSeconds(15));
      // as the dispatcher leaves an SMS after its last attempt
      long lost = (long) drill.server.database().rows("SELECT min(id) AS id FROM outbox WHERE item_id = " + id).get(0).get("id");
      drill.server.database().execute("UPDATE outbox SET state = 'failed', attempts = 20, next_attempt_at = now(), sent_at = NULL,"
          + " last_error = 'relay answered 503' WHERE id = " + lost);
      Await.until("reported", () -> drill.server.get("/health/delivery", null).statusCode() == 503, Duration.ofSeconds(5));
      assertThat(drill.server.get("/health/delivery", null).bodyAsJsonObject().getJsonObject("checks").getLong("failedLastHour"))
          .isEqualTo(1);
      int before = drill.receivedFor(id).size();

      assertThat(drill.server.send(HttpMethod.POST, "/outbox/failed/retry", drill.flow.sponsor, null).statusCode()).isEqualTo(403);
      JsonObject requeued = drill.server.send(HttpMethod.POST, "/outbox/failed/retry", drill.server.tokenOf("admin"), null)
          .bodyAsJsonObject();
      assertThat(requeued.getInteger("requeued")).isEqualTo(1);
      Await.until("sent again", () -> drill.receivedFor(id).size() == before + 1, Duration.ofSeconds(15));
      assertThat(drill.receivedFor(id).get(before).getString("idempotencyKey")).isEqualTo("duban-outbox-" + lost);
      Await.until("delivery up again", () -> drill.server.get("/health/delivery", null).statusCode() == 200, Duration.ofSeconds(10));
    }
  }

  static double pendingGauge(TestServer server) {
    String metrics = server.get("/metrics", null).bodyAsString();
    return metrics.lines().filter(l -> l.startsWith("duban_outbox_pending ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
        .findFirst().orElse(-1);
  }
}
