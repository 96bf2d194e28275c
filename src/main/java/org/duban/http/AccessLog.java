package org.duban.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per answered request, written on the request's context so it carries the request id. */
final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("duban.access");

  private AccessLog() {
  }

  static void attach(RoutingContext rc) {
    long started = System.nanoTime();
    rc.addBodyEndHandler(v -> LOG.info("{} {} {} {}ms", rc.request().method(), rc.request().path(),
        rc.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000));
  }
}
