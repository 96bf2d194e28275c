package org.duban.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends the outbox's SMS through the deploying organisation's relay endpoint (R61): one POST per
 * message, JSON, with the outbox id as {@code Idempotency-Key} so the relay can drop a repeat. A
 * failure is retried with growing pauses and recorded; after {@link #MAX_ATTEMPTS} it is marked failed.
 */
public final class RelayDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RelayDispatcher.class);
  static final int BATCH = 200;
  static final int MAX_ATTEMPTS = 8;
  static final Duration LEASE = Duration.ofSeconds(60);
  static final long POLL_EVERY_MS = 1_000;

  private final Vertx vertx;
  private final OutboxRepository outbox;
  private final Clock clock;
  private final Optional<String> url;
  private final WebClient client;
  private boolean running;
  private boolean again;
  private long timer = -1;

  public RelayDispatcher(Vertx vertx, Pool pool, Clock clock, Optional<String> url) {
    this.vertx = vertx;
    this.outbox = new OutboxRepository(pool);
    this.clock = clock;
    this.url = url;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setIdleTimeout(30));
  }

  public void start() {
    if (url.isEmpty()) {
      LOG.warn("relay.smsUrl is not set: reminders are planned and fired into the outbox, but no SMS leaves");
      return;
    }
    vertx.runOnContext(v -> timer = vertx.setPeriodic(POLL_EVERY_MS, id -> kick()));
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
    client.close();
  }

  /** Sends what is pending now; called after messages fire and every second. */
  public void kick() {
    if (url.isEmpty()) return;
    vertx.runOnContext(v -> {
      if (running) {
        again = true;
        return;
      }
      running = true;
      Instant now = clock.instant();
      outbox.lease(now, now.plus(LEASE), BATCH)
          .compose(messages -> Future.join(messages.stream().map(this::send).toList()).map(messages.size()))
          .onFailure(e -> LOG.warn("the outbox could not be read: {}", e.getMessage()))
          .onComplete(done -> {
            running = false;
            boolean more = again || (done.succeeded() && done.result() == BATCH);
            again = false;
            if (more) kick();
          });
    });
  }

  private Future<Void> send(OutboxRepository.Message m) {
    JsonObject body = new JsonObject().put("id", m.id()).put("channel", "sms").put("to", m.phone()).put("text", m.body())
        .put("itemId", m.itemId()).put("rules", new JsonArray(m.rules())).put("key", m.plannedKey());
    return client.postAbs(url.get()).putHeader("Idempotency-Key", "duban-outbox-" + m.id()).timeout(10_000).sendJsonObject(body)
        .compose(response -> response.statusCode() / 100 == 2
            ? outbox.sent(m.id(), clock.instant())
            : Future.failedFuture("the relay answered " + response.statusCode()))
        .recover(e -> outbox.retry(m.id(), clock.instant().plus(backoff(m.attempts())), String.valueOf(e.getMessage()), MAX_ATTEMPTS));
  }

  /** 5 s, 10 s, 20 s … capped at 10 minutes. */
  static Duration backoff(int attempts) {
    long seconds = Math.min(600, 5L << Math.min(attempts - 1, 10));
    return Duration.ofSeconds(seconds);
  }
}
