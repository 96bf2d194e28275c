package org.duban.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether reminders leave the system: the engine keeps up with the schedule, and the relay takes what
 * it is given. Readiness is about serving requests and does not look at this; a monitor watching
 * {@code /health/delivery} (503 when something is wrong) or the gauges learns that SMS are not going
 * out before a unit misses a deadline it was never reminded of.
 */
public final class DeliveryHealth {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryHealth.class);
  /** A message sent this late (the engine scans every second) means no node is firing, or none keeps up. */
  static final Duration OVERDUE = Duration.ofMinutes(1);
  /** Three attempts without success (some 35 s at the default pauses) is a relay in trouble, not a blip. */
  static final int STRUGGLING_ATTEMPTS = 3;
  static final long REFRESH_EVERY_MS = 15_000;
  /** Counts stop at this: past it the answer is "very many", and the count must stay cheap. */
  static final int CAP = 100_000;
  // each count reads an index of its own (V9), capped; failed in the last hour is a loss to look at now
  private static final String COUNTS = """
      SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE state = 'pending' LIMIT %1$d) p) AS pending,
             (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE state = 'pending' AND attempts >= $2 LIMIT %1$d) s) AS struggling,
             (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE state = 'failed' LIMIT %1$d) f) AS failed,
             (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE state = 'failed' AND next_attempt_at > now() - interval '1 hour'
                                    LIMIT %1$d) r) AS failed_recently,
             (SELECT count(*) FROM (SELECT 1 FROM planned_message WHERE state = 'planned' AND send_at < $1 LIMIT %1$d) o) AS overdue"""
      .formatted(CAP);
  /** The endpoint is open to monitors: answers within this long of the last count reuse it. */
  static final long FRESH_FOR_MS = 1_000;

  private final Pool pool;
  private final Clock domain;
  private final boolean relayConfigured;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong struggling = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong overdue = new AtomicLong();
  private volatile JsonObject last;
  private volatile long lastAtMs;
  private long timer = -1;
  private Vertx vertx;

  /** @param domain the domain clock, which the schedule's times are in */
  public DeliveryHealth(Pool pool, Clock domain, boolean relayConfigured) {
    this.pool = pool;
    this.domain = domain;
    this.relayConfigured = relayConfigured;
  }

  /** The gauges read the last counts, refreshed in the background: a scrape never waits on the database. */
  public void start(Vertx vertx, MeterRegistry registry) {
    Gauge.builder("duban.outbox.pending", pending, AtomicLong::get).description("SMS waiting for the relay").register(registry);
    Gauge.builder("duban.outbox.struggling", struggling, AtomicLong::get)
        .description("SMS the relay refused at least " + STRUGGLING_ATTEMPTS + " times").register(registry);
    Gauge.builder("duban.outbox.failed", failed, AtomicLong::get).description("SMS given up on").register(registry);
    Gauge.builder("duban.reminders.overdue", overdue, AtomicLong::get)
        .description("planned messages more than a minute past their time, not fired").register(registry);
    this.vertx = vertx;
    timer = vertx.setPeriodic(0, REFRESH_EVERY_MS, id -> count().onFailure(e -> LOG.warn("could not count the deliveries: {}", e.getMessage())));
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  /** The counts and what is wrong (a 503 answer lists the reasons), at most a second old. */
  public Future<JsonObject> check() {
    JsonObject known = last;
    return known != null && System.currentTimeMillis() - lastAtMs < FRESH_FOR_MS ? Future.succeededFuture(known) : count();
  }

  private Future<JsonObject> count() {
    return pool.preparedQuery(COUNTS).execute(Tuple.of(Rows.utc(domain.instant().minus(OVERDUE)), STRUGGLING_ATTEMPTS))
        .map(rows -> {
          JsonObject report = report(rows.iterator().next());
          last = report;
          lastAtMs = System.currentTimeMillis();
          return report;
        });
  }

  private JsonObject report(Row row) {
    pending.set(row.getLong("pending"));
    struggling.set(row.getLong("struggling"));
    failed.set(row.getLong("failed"));
    overdue.set(row.getLong("overdue"));
    long failedRecently = row.getLong("failed_recently");
    List<String> problems = new ArrayList<>();
    if (!relayConfigured && pending.get() > 0) problems.add("relay.smsUrl is not set, and " + pending.get() + " SMS wait to be sent");
    if (struggling.get() > 0) {
      problems.add(struggling.get() + " SMS were attempted " + STRUGGLING_ATTEMPTS + " times or more without the relay taking them");
    }
    if (failedRecently > 0) problems.add(failedRecently + " SMS were given up on in the last hour");
    if (overdue.get() > 0) problems.add(overdue.get() + " reminders are more than a minute past their time and not fired");
    return new JsonObject().put("status", problems.isEmpty() ? "UP" : "DOWN")
        .put("checks", new JsonObject().put("relayConfigured", relayConfigured).put("pending", pending.get())
            .put("struggling", struggling.get()).put("failed", failed.get()).put("failedLastHour", failedRecently)
            .put("overdueReminders", overdue.get())
            .put("problems", new JsonArray(problems)));
  }
}
