package org.duban.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.Locale;

/**
 * Headers every answer carries, whatever handler wrote it: no content sniffing, no framing by other
 * sites, no referrer leaks; a strict Content-Security-Policy on every page; and the caching rule,
 * decided as the head goes out, so that no handler can forget it.
 */
final class SecurityHeaders {
  /**
   * For every HTML answer. Scripts, styles, fonts and fetches only from this origin and only from
   * files: no inline script or style, no eval, no plugins, no {@code <base>}, forms post here only,
   * no framing. Images may also be {@code data:} URLs, which Swagger UI's stylesheet draws its icons
   * with. The web app to come lives under the same policy.
   */
  static final String PAGE_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");
  static final String NO_STORE = "no-store";

  private SecurityHeaders() {
  }

  static PlatformHandler handler() {
    return rc -> {
      putFixed(rc.response().headers());
      HttpServerRequest request = rc.request();
      rc.addHeadersEndHandler(v -> decide(request, rc.response().headers()));
      rc.next();
    };
  }

  static void putFixed(MultiMap headers) {
    headers.set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer");
  }

  /**
   * Caching: an answer says {@code no-store} (kept by no browser or proxy) unless the handler that
   * wrote it chose otherwise, and always when the request carried credentials. So every API answer,
   * every problem and every download is {@code no-store}: they hold personal data or answer for one
   * person. Health is {@code no-store} too: a cached "UP" would be a lie, and there is nothing worth
   * revalidating. Only the static files and the contract choose their own ({@link StaticFiles},
   * {@link WebJars}), and only while nobody signs in with the request.
   */
  private static void decide(HttpServerRequest request, MultiMap headers) {
    if (isPage(headers.get(HttpHeaders.CONTENT_TYPE))) headers.set("Content-Security-Policy", PAGE_POLICY);
    if (hasCredentials(request) || !headers.contains(HttpHeaders.CACHE_CONTROL)) headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }

  private static boolean isPage(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html");
  }

  static boolean hasCredentials(HttpServerRequest request) {
    return request.headers().contains(HttpHeaders.AUTHORIZATION) || request.headers().contains(HttpHeaders.COOKIE);
  }
}
