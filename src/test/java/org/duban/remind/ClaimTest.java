package org.duban.remind;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.duban.db.Pools;
import org.duban.support.Items4Test;
import org.duban.support.TestDatabase;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wheel hands due keys to the engine one timer at a time, so a batch may start with only some of an
 * item's due keys. The claim takes every due message of the items it locks, so that an item's backlog is
 * one batch and reaches each person as one SMS (R15 Reading), and never anything not yet due (R13).
 */
class ClaimTest {
  private static final String START = "2026-03-02T01:00:00Z";

  @Test
  void claimingOneDueKeyOfAnItemClaimsAllItsDueMessagesAndNothingLater_R15() {
    try (TestDatabase database = TestDatabase.fresh("claim")) {
      TestServer setup = TestServer.startOn(database, Map.of("clock.simulated", "true", "clock.start", START));
      long item = new Items4Test(setup).active("一次认领", "1d").getLong("id");
      setup.stop();
      database.execute("DELETE FROM planned_message");
      database.execute("""
          INSERT INTO planned_message (key, item_id, unit_id, recipient, kinds, rules, policy_version, due_at, send_at, state, planned_at)
          SELECT 'claim-' || g, iu.item_id, iu.unit_id, 'unit_responsible', '{urge}', '{R15}',
                 (SELECT version FROM reminder_policy WHERE in_force),
                 timestamptz '2026-03-03T01:00:00Z' + g * interval '1 hour', timestamptz '2026-03-03T01:00:00Z' + g * interval '1 hour',
                 'planned', '%s'
            FROM generate_series(1, 4) g JOIN item_unit iu ON iu.role = 'lead' AND iu.item_id = %d""".formatted(START, item));
      Instant now = Instant.parse("2026-03-03T04:30:00Z");

      Vertx vertx = Vertx.vertx();
      Pool pool = Pools.create(vertx, database.target(), 1, Duration.ofSeconds(5));
      try {
        FiringRepository firing = new FiringRepository(pool);
        List<FiringRepository.Claimed> claimed = pool.withTransaction(tx -> firing.claim(tx, List.of("claim-1"), now, "n1")).await();
        assertThat(claimed).extracting(FiringRepository.Claimed::key).containsExactlyInAnyOrder("claim-1", "claim-2", "claim-3");
        assertThat(database.rows("SELECT key FROM planned_message WHERE state = 'planned'"))
            .extracting(r -> r.get("key")).containsExactly("claim-4");
      } finally {
        pool.close().await();
        vertx.close().await();
      }
    }
  }
}
