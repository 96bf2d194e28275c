package org.duban.http;

import io.vertx.ext.web.handler.PlatformHandler;

/** Headers every answer carries: no content sniffing, no framing by other sites, no referrer leaks. */
final class SecurityHeaders {
  private SecurityHeaders() {
  }

  static PlatformHandler handler() {
    return rc -> {
      rc.response()
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("X-Frame-Options", "DENY")
          .putHeader("Referrer-Policy", "no-referrer");
      rc.next();
    };
  }
}
