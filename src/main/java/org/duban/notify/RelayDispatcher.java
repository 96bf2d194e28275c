package org.duban.notify;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
 * failure is retried with growing pauses (up to ten minutes apart) and recorded; after {@link #MAX_ATTEMPTS},
 * some two and a half hours of a relay that does not take it, a message is marked failed. Sending runs on the wall clock: it is transport, not the domain's (drill) time.
 */
public final class RelayDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RelayDispatcher.class);
  // no more in flight than the client has connections: a request queued for a connection would time out
  static final int BATCH = 32;
  static final int MAX_ATTEMPTS = 20;
  static final long POLL_EVERY_MS = 1_000;

  private final Vertx vertx;
  private final OutboxRepository outbox;
  private final Clock clock;
  private final Optional<String> url;
  private final Duration retryBase;
  private final Duration lease;
  private final WebClient client;
  private boolean running;
  private boolean again;
  private long timer = -1;

  /** @param retryBase the first pause after a failure; each next one doubles, up to ten minutes */
  public RelayDispatcher(Vertx vertx, Pool pool, Clock wall, Optional<String> url, Duration retryBase, Duration lease) {
    this.lease = lease;
    this.vertx = vertx;
    this.outbox = new OutboxRepository(pool);
    this.clock = wall;
    this.url = url;
    this.retryBase = retryBase;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setIdleTimeout(30),
        new PoolOptions().setHttp1MaxSize(BATCH));
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
      outbox.lease(now, now.plus(lease), BATCH)
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
        .transform(answered -> answered.succeeded() && answered.result().statusCode() / 100 == 2
            // delivered: if recording it fails, the lease runs out and the same id goes again, which the relay drops
            ? outbox.sent(m, clock.instant()).recover(e -> {
                LOG.warn("outbox {} was delivered but could not be recorded: {}", m.id(), e.getMessage());
                return Future.succeededFuture();
              })
            : outbox.retry(m, clock.instant().plus(backoff(m.attempts())), reason(answered), MAX_ATTEMPTS));
  }

  private static String reason(AsyncResult<HttpResponse<Buffer>> answered) {
    return answered.succeeded() ? "the relay answered " + answered.result().statusCode() : String.valueOf(answered.cause().getMessage());
  }

  /** The base pause, doubled for each attempt, capped at 10 minutes. */
  Duration backoff(int attempts) {
    Duration pause = retryBase.multipliedBy(1L << Math.min(attempts - 1, 20));
    return pause.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : pause;
  }
}
