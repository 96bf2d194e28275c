package org.duban.remind;

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

/** Messages that fell due while no server ran fire at once when one starts, marked late; the rest wait. */
class RestartTest {

  @Test
  void overdueMessagesFireAtOnceMarkedLateAfterARestart() {
    try (RelayReceiver relay = new RelayReceiver(); TestDatabase database = TestDatabase.fresh("restart")) {
      // Monday 2026-03-02 09:00 Shanghai: a 1-day item's first reminder is due at 07:00 on Tuesday
      TestServer first = TestServer.startOn(database, Map.of("clock.simulated", "true", "clock.start", "2026-03-02T01:00:00Z",
          "relay.smsUrl", relay.url()));
      long id = new Items4Test(first).active("停机期间到期", "1d").getLong("id");
      first.stop();
      assertThat(relay.received()).isEmpty();

      // back up three hours after it was due
      TestServer second = TestServer.startOn(database, Map.of("clock.simulated", "true", "clock.start", "2026-03-03T02:00:00Z",
          "relay.smsUrl", relay.url(), "demo.enabled", "false"));
      try {
        Await.until("the overdue reminders", () -> relay.received().stream().filter(m -> m.getLong("itemId") == id).count() >= 4,
            Duration.ofSeconds(15));
        List<Map<String, Object>> fired = database.rows("SELECT key, late FROM planned_message WHERE state = 'fired' AND item_id = " + id);
        assertThat(fired).isNotEmpty().allSatisfy(r -> assertThat(r.get("late")).isEqualTo(true));
        List<Map<String, Object>> waiting = database.rows(
            "SELECT key FROM planned_message WHERE state = 'planned' AND send_at > '2026-03-03T02:01:00Z' AND item_id = " + id);
        assertThat(waiting).isNotEmpty();
      } finally {
        second.stop();
      }
    }
  }
}
