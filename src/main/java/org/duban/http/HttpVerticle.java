package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One HTTP server instance; the server deploys one per core and Vert.x spreads connections across
 * them. Stopping it stops accepting, lets in-flight requests finish within the grace period, then closes.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  static final int MAX_REQUEST_LINE = 4096;
  static final int MAX_HEADERS = 8192;
  private final Supplier<Future<Router>> routerFactory;
  private final String host;
  private final int port;
  private final Duration grace;
  private final Handler<ServerWebSocketHandshake> sockets;
  private final List<String> subProtocols;
  private HttpServer server;

  /**
   * @param sockets what a WebSocket upgrade goes to (it refuses a path it does not serve)
   * @param subProtocols the only WebSocket sub-protocols the answer to an upgrade may name
   */
  public HttpVerticle(Supplier<Future<Router>> routerFactory, Handler<ServerWebSocketHandshake> sockets, List<String> subProtocols,
                      String host, int port, Duration grace) {
    this.routerFactory = routerFactory;
    this.sockets = sockets;
    this.subProtocols = List.copyOf(subProtocols);
    this.host = host;
    this.port = port;
    this.grace = grace;
  }

  @Override
  public Future<?> start() {
    return routerFactory.get().compose(router -> vertx
        .createHttpServer(options().setWebSocketSubProtocols(subProtocols))
        .requestHandler(router)
        .webSocketHandshakeHandler(sockets)
        // a request line or headers over the limits, or a head that is not HTTP: a problem, not the codec's bare answer
        .invalidRequestHandler(ErrorFunnel.invalidRequests(MAX_REQUEST_LINE, MAX_HEADERS))
        // a connection a client broke (a reset, rubbish where a request should be) is no fault of ours
        .exceptionHandler(e -> LOG.debug("connection failed: {}", e.toString()))
        .listen(port, host)
        .onSuccess(s -> server = s));
  }

  /**
   * No request decompression: a small gzip bomb would be inflated on the event loop. An idle
   * connection (a half-sent request included) is closed after two minutes. The limits of the
   * request line and the headers are Vert.x's own, stated here because problems quote them.
   */
  private static HttpServerOptions options() {
    return new HttpServerOptions().setCompressionSupported(true).setIdleTimeout(120)
        .setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADERS);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
