package org.duban.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request, written on the request's context so it carries the request id.
 * The line is short whatever the client sent: the path is cut and control characters are replaced,
 * so the access log cannot be used to fill the disk or to forge lines.
 */
final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("duban.access");
  static final int PATH_LIMIT = 200;

  private AccessLog() {
  }

  static void attach(RoutingContext rc) {
    long started = System.nanoTime();
    rc.addBodyEndHandler(v -> LOG.info("{} {} {} {}ms", Excerpts.forLog(rc.request().method().name(), 20), path(rc.request()),
        rc.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000));
  }

  /** A request the codec could not read: no method or path worth repeating, only what it was answered. */
  static void unreadable(String requestId, int status) {
    LOG.info("- - {} unreadable request, answered as {}", status, requestId);
  }

  /** The path as a log line may show it. */
  static String path(HttpServerRequest request) {
    return Excerpts.forLog(request.path(), PATH_LIMIT);
  }
}
