package org.duban.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's LISTEN/NOTIFY on one dedicated connection: what one node changes that others keep in
 * memory (the calendar) reaches them when it commits. A notification can be missed while the
 * connection is down, so a handler also runs on every (re)subscription, and whoever listens keeps a
 * slower periodic reload besides.
 *
 * <p>{@link #publish} is the sending side: issued inside a transaction, PostgreSQL delivers it when that
 * transaction commits and drops it when it rolls back.
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final long RECONNECT_EVERY_MS = 2_000;
  private static final String NOTIFY = "SELECT pg_notify($1, $2)";

  /** Hears one channel: each notification with its payload, and each (re)subscription, after which some may have been missed. */
  public interface Listener {
    void subscribed();

    /** @param payload as sent, possibly empty */
    void notified(String payload);
  }

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
    return on(channel, new Listener() {
      @Override
      public void subscribed() {
        handler.run();
      }

      @Override
      public void notified(String payload) {
        handler.run();
      }
    });
  }

  /** Hands {@code listener} each notification on {@code channel} with its payload, and each (re)subscription. */
  public Notifications on(String channel, Listener listener) {
    subscriber.channel(channel)
        .subscribeHandler(v -> listener.subscribed())
        .handler(listener::notified);
    return this;
  }

  /**
   * Notifies {@code channel} as part of {@code tx}: heard by every listener once the transaction commits,
   * never if it rolls back. PostgreSQL limits a payload to 8,000 bytes; name what changed, not the data.
   */
  public static Future<Void> publish(SqlClient tx, String channel, String payload) {
    return tx.preparedQuery(NOTIFY).execute(Tuple.of(channel, payload)).mapEmpty();
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
