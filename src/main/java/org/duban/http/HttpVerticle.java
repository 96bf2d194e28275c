package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One HTTP server instance; the server deploys one per core and Vert.x spreads connections across
 * them. Stopping it stops accepting, lets in-flight requests finish within the grace period, then closes.
 */
public final class HttpVerticle extends VerticleBase {
  private final Supplier<Future<Router>> routerFactory;
  private final String host;
  private final int port;
  private final Duration grace;
  private HttpServer server;

  public HttpVerticle(Supplier<Future<Router>> routerFactory, String host, int port, Duration grace) {
    this.routerFactory = routerFactory;
    this.host = host;
    this.port = port;
    this.grace = grace;
  }

  @Override
  public Future<?> start() {
    return routerFactory.get().compose(router -> vertx
        // No request decompression: a small gzip bomb would be inflated on the event loop. An idle
        // connection (a half-sent request included) is closed after two minutes.
        .createHttpServer(new HttpServerOptions().setCompressionSupported(true).setIdleTimeout(120))
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(s -> server = s));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
