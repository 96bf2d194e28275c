package org.duban.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.duban.config.DbTarget;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The one reactive pool the server shares across its verticles. */
public final class Pools {
  private Pools() {
  }

  /**
   * @param statementTimeout the longest a statement may run; set below the HTTP request deadline so a
   *     request answered 503 cannot still commit afterwards
   */
  public static Pool create(Vertx vertx, DbTarget target, int size, Duration statementTimeout) {
    PgConnectOptions connect = connectOptions(target, statementTimeout);
    // A request must never wait forever for a connection: after this it fails and the funnel answers 503.
    PoolOptions pool = new PoolOptions()
        .setMaxSize(size)
        .setShared(false)
        .setConnectionTimeout(5)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS)
        .setMaxWaitQueueSize(1_000);
    return PgBuilder.pool()
        .with(pool)
        .with(new NetClientOptions().setConnectTimeout(5_000))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  /** How every connection of the server is opened: the pool's, and the one that listens for changes. */
  public static PgConnectOptions connectOptions(DbTarget target, Duration statementTimeout) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(target.host())
        .setPort(target.port())
        .setDatabase(target.database())
        .setUser(target.user())
        .setCachePreparedStatements(true)
        .setReconnectAttempts(0)
        .addProperty("statement_timeout", Long.toString(statementTimeout.toMillis()))
        .addProperty("lock_timeout", Long.toString(statementTimeout.toMillis() / 2))
        // short indexed statements only: compiling one costs more than running it (5-8 ms a scan over 10M
        // planned messages, and some 300 ms the first time on a connection)
        .addProperty("jit", "off")
        .addProperty("application_name", "duban");
    target.password().ifPresent(connect::setPassword);
    return connect;
  }
}
