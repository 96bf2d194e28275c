package org.duban.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's LISTEN/NOTIFY on one dedicated connection: what one node changes that others keep in
 * memory (the calendar) reaches them when it commits. A notification can be missed while the
 * connection is down, so a handler also runs on every (re)subscription, and whoever listens keeps a
 * slower periodic reload besides.
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final long RECONNECT_EVERY_MS = 2_000;

  private final Vertx vertx;
  private final PgSubscriber subscriber;
  private volatile boolean stopping;

  public Notifications(Vertx vertx, PgConnectOptions connect) {
    this.vertx = vertx;
    this.subscriber = PgSubscriber.subscriber(vertx, connect)
        .reconnectPolicy(retries -> {
          if (stopping) return -1L;
          if (retries == 0) LOG.warn("the notification connection to PostgreSQL dropped; reconnecting every {} ms", RECONNECT_EVERY_MS);
          return RECONNECT_EVERY_MS;
        });
  }

  /** Runs {@code handler} on each notification on {@code channel}, and each time the channel is (re)subscribed. */
  public Notifications on(String channel, Runnable handler) {
    subscriber.channel(channel)
        .subscribeHandler(v -> handler.run())
        .handler(payload -> handler.run());
    return this;
  }

  public Future<Void> start() {
    return subscriber.connect();
  }

  /** Stops listening; does not wait long for the connection to say it closed, as a shutdown must not hang on it. */
  public Future<Void> stop() {
    stopping = true;
    // closed from a Vert.x context: called from another thread, the close can go unanswered
    Promise<Void> closed = Promise.promise();
    vertx.runOnContext(v -> subscriber.close().onComplete(closed));
    return closed.future().timeout(1, TimeUnit.SECONDS).otherwiseEmpty();
  }
}
