package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.duban.support.Await;
import org.duban.support.Items4Test;
import org.duban.support.NodeProcess;
import org.duban.support.RelayReceiver;
import org.duban.support.TestDatabase;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on one database. One claims a burst and is killed (SIGKILL) while the relay
 * has its messages but has not answered; the other sends them once the leases run out. Every
 * planned message fires exactly once, every outbox message reaches the relay, and a repeat carries
 * the same idempotency key, so the relay can deliver each SMS once.
 */
class TwoNodesTest {
  static final int ITEMS = 60;
  static final String START = "2026-03-02T01:00:00Z";
  static final String BURST = "2026-03-02T23:00:01Z"; // Tuesday 07:00 Shanghai, when the held 04:00 reminders go

  @Test
  void aNodeKilledMidBurstLosesNothingAndNothingFiresTwice() throws Exception {
    try (RelayReceiver relay = new RelayReceiver(); TestDatabase database = TestDatabase.fresh("twonodes")) {
      TestServer setup = TestServer.startOn(database, Map.of("clock.simulated", "true", "clock.start", START));
      Items4Test flow = new Items4Test(setup);
      for (int i = 0; i < ITEMS; i++) flow.active("两节点 " + i, "1d");
      setup.stop();
      withoutTheDemoItemsReminders(database, "两节点 ");
      long due = ((Number) database.rows("SELECT count(*) AS n FROM planned_message WHERE send_at <= '" + BURST + "'")
          .get(0).get("n")).longValue();
      assertThat(due).isGreaterThanOrEqualTo(2L * ITEMS);

      Vertx vertx = Vertx.vertx();
      WebClient client = WebClient.create(vertx);
      Node a = Node.start(database, relay, "node-a");
      Node b = Node.start(database, relay, "node-b");
      try {
        a.awaitReady(client);
        b.awaitReady(client);
        // node a reaches the burst first, claims it and starts sending; the relay takes but does not answer
        relay.hold(true);
        a.setClock(client, BURST);
        Await.until("node a to claim and start sending", () -> firedBy(database, "node-a") == due && !relay.received().isEmpty(),
            Duration.ofSeconds(20));
        a.process().destroyForcibly().waitFor();
        long byAAtKill = firedBy(database, "node-a");
        relay.hold(false);

        // node b: once a's two-second leases run out, b sends everything a could not confirm
        b.setClock(client, BURST);
        Await.until("every due message fired", () -> fired(database, BURST) == due, Duration.ofSeconds(30));
        long outboxRows = ((Number) database.rows("SELECT count(*) AS n FROM outbox").get(0).get("n")).longValue();
        Await.until("every outbox message at the relay", () -> distinctIds(relay) >= outboxRows, Duration.ofSeconds(30));

        System.out.printf("two nodes: %d due, node-a fired %d before the kill, node-b %d; relay got %d posts for %d outbox rows%n",
            due, byAAtKill, firedBy(database, "node-b"), relay.received().size(), outboxRows);
        assertThat(fired(database, BURST)).isEqualTo(due);
        assertThat(distinctIds(relay)).isEqualTo(outboxRows);
        // the relay has them; recording each as sent follows its answer
        Await.until("every outbox row recorded as sent",
            () -> database.rows("SELECT count(*) AS n FROM outbox WHERE state <> 'sent'").get(0).get("n").equals(0L), Duration.ofSeconds(30));
        // each outbox id carries one idempotency key: a repeat after the kill is recognisable by the relay
        Set<String> keys = relay.received().stream().map(m -> m.getString("idempotencyKey")).collect(Collectors.toSet());
        assertThat(keys).hasSize((int) outboxRows);
      } finally {
        a.process().destroyForcibly();
        b.process().destroyForcibly().waitFor();
        client.close();
        vertx.close().await();
      }
    }
  }

  @Test
  void twoNodesClaimingOneBurstTogetherShareItAndAKillMidBurstLosesNothing() throws Exception {
    try (RelayReceiver relay = new RelayReceiver(); TestDatabase database = TestDatabase.fresh("twonodes_race")) {
      TestServer setup = TestServer.startOn(database, Map.of("clock.simulated", "true", "clock.start", START));
      Items4Test flow = new Items4Test(setup);
      for (int i = 0; i < 20; i++) flow.active("同时认领 " + i, "1d");
      setup.stop();
      withoutTheDemoItemsReminders(database, "同时认领 ");
      // a burst of 10,000 urges over the 20 items' lead units, all due at the same instant; the two nodes' claims race
      database.execute("""
          INSERT INTO planned_message (key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state, planned_at)
          SELECT 'race-' || g, iu.item_id, iu.unit_id, 'unit_responsible', '{urge}', '{R15}',
                 (SELECT version FROM reminder_policy WHERE in_force), '%1$s', '%1$s', 'planned', '%2$s'
            FROM generate_series(1, 10000) g
            JOIN item_unit iu ON iu.role = 'lead' AND iu.item_id = (SELECT min(id) FROM item) + g %% 20""".formatted(BURST, START));
      long due = ((Number) database.rows("SELECT count(*) AS n FROM planned_message WHERE send_at <= '" + BURST + "'")
          .get(0).get("n")).longValue();
      assertThat(due).isGreaterThanOrEqualTo(10_000L);

      Vertx vertx = Vertx.vertx();
      WebClient client = WebClient.create(vertx);
      Node a = Node.start(database, relay, "race-a");
      Node b = Node.start(database, relay, "race-b");
      try {
        a.awaitReady(client);
        b.awaitReady(client);
        String tokenA = a.login(client);
        String tokenB = b.login(client);
        // both reach the burst together; node a dies as soon as it has claimed some of it
        Future.all(a.clockTo(client, tokenA, BURST), b.clockTo(client, tokenB, BURST)).await();
        Await.until("node a to claim", () -> firedBy(database, "race-a") > 0, Duration.ofSeconds(20));
        a.process().destroyForcibly().waitFor();
        long totalAtKill = fired(database, BURST);
        long byA = firedBy(database, "race-a");
        assertThat(totalAtKill).as("the kill came mid-burst").isLessThan(due);

        Await.until("every due message fired", () -> fired(database, BURST) == due, Duration.ofSeconds(60));
        long outboxRows = ((Number) database.rows("SELECT count(*) AS n FROM outbox").get(0).get("n")).longValue();
        Await.until("every outbox message at the relay", () -> distinctIds(relay) >= outboxRows, Duration.ofSeconds(90));
        System.out.printf("two nodes racing: %d due, node a fired %d before the kill (%d fired in all then), node b %d; relay got %d"
            + " posts for %d outbox rows%n", due, byA, totalAtKill, firedBy(database, "race-b"), relay.received().size(), outboxRows);
        assertThat(firedBy(database, "race-a") + firedBy(database, "race-b")).isEqualTo(due);
        assertThat(firedBy(database, "race-a")).isEqualTo(byA);
        // every fired message went out to both responsible persons: in SMS of its own, or carried by a message that
        // did (only messages claimed minutes late are gathered, so here each has its own)
        assertThat(database.rows("""
            SELECT m.key FROM planned_message m
             WHERE m.state = 'fired' AND (SELECT count(*) FROM outbox o
                                           WHERE o.planned_key = coalesce(substring(m.note FROM '^sent with (.*)$'), m.key)) <> 2""")).isEmpty();
        assertThat(database.rows("SELECT key FROM planned_message WHERE state = 'fired' AND note IS NOT NULL AND note NOT LIKE 'sent with %'"))
            .isEmpty();
        assertThat(distinctIds(relay)).isEqualTo(outboxRows);
        Set<String> keys = relay.received().stream().map(m -> m.getString("idempotencyKey")).collect(Collectors.toSet());
        assertThat(keys).hasSize((int) outboxRows);
        Await.until("every outbox row recorded as sent",
            () -> database.rows("SELECT count(*) AS n FROM outbox WHERE state <> 'sent'").get(0).get("n").equals(0L), Duration.ofSeconds(30));
      } finally {
        a.process().destroyForcibly();
        b.process().destroyForcibly().waitFor();
        client.close();
        vertx.close().await();
      }
    }
  }

  /**
   * The demo's overdue items have reminders of their own before the burst, which a jump past them sends
   * late and gathers into one; the counts here are of the burst alone, as it is planned for this test's items.
   */
  static void withoutTheDemoItemsReminders(TestDatabase database, String titlePrefix) {
    database.execute("DELETE FROM planned_message WHERE item_id NOT IN (SELECT id FROM item WHERE title LIKE '" + titlePrefix + "%')");
  }

  static long fired(TestDatabase database, String until) {
    return ((Number) database.rows("SELECT count(*) AS n FROM planned_message WHERE state = 'fired' AND send_at <= '" + until + "'")
        .get(0).get("n")).longValue();
  }

  static long firedBy(TestDatabase database, String node) {
    return ((Number) database.rows("SELECT count(*) AS n FROM planned_message WHERE fired_by = '" + node + "'").get(0).get("n")).longValue();
  }

  static long distinctIds(RelayReceiver relay) {
    return relay.received().stream().map(m -> m.getLong("id")).distinct().count();
  }

  /** A node of its own process ({@link NodeProcess}), on the drill's simulated clock, sending to the test's relay. */
  record Node(NodeProcess node) {
    static Node start(TestDatabase database, RelayReceiver relay, String name) {
      return new Node(NodeProcess.start(database, name, Map.of(
          "DUBAN_CLOCK_SIMULATED", "true",
          "DUBAN_CLOCK_START", START,
          "DUBAN_RELAY_SMS_URL", relay.url(),
          "DUBAN_RELAY_LEASE", "2s")));
    }

    Process process() {
      return node.process();
    }

    void awaitReady(WebClient client) {
      node.awaitReady(client);
    }

    void setClock(WebClient client, String instant) {
      assertThat(clockTo(client, login(client), instant).await()).isEqualTo(200);
    }

    String login(WebClient client) {
      return node.login(client, "admin");
    }

    Future<Integer> clockTo(WebClient client, String token, String instant) {
      return client.put(node.port(), "127.0.0.1", "/clock").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("now", instant)).map(response -> response.statusCode());
    }
  }
}
