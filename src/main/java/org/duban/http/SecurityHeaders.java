package org.duban.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.handler.PlatformHandler;

/** Headers every answer carries: no content sniffing, no framing by other sites, no referrer leaks. */
final class SecurityHeaders {
  private SecurityHeaders() {
  }

  static final String NO_STORE = "no-store";

  static PlatformHandler handler() {
    return rc -> {
      putFixed(rc.response().headers());
      rc.next();
    };
  }

  static void putFixed(MultiMap headers) {
    headers.set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer");
  }
}
