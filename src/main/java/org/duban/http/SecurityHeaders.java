package org.duban.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.PlatformHandler;

import org.duban.Digests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
   * with, and {@code blob:} URLs, which the app shows a photo with before it is sent. The one inline
   * script allowed is the app's import map, by the hash of its exact text ({@link #scriptHashes}).
   */
  static String pagePolicy(List<String> scriptHashes) {
    StringBuilder script = new StringBuilder("script-src 'self'");
    for (String hash : scriptHashes) script.append(" '").append(hash).append("'");
    return String.join("; ",
        "default-src 'self'",
        script.toString(),
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'");
  }

  private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

  /**
   * {@code sha256-…} of every inline import map in a page, over the exact characters between the tags,
   * as the browser hashes them. Computed from the file the server serves, so editing the map can never
   * leave a stale hash in the policy.
   */
  static List<String> scriptHashes(String html) {
    List<String> hashes = new ArrayList<>();
    Matcher m = IMPORT_MAP.matcher(html);
    while (m.find()) {
      hashes.add("sha256-" + Base64.getEncoder().encodeToString(Digests.sha256(m.group(1).getBytes(StandardCharsets.UTF_8))));
    }
    return hashes;
  }

  static final String NO_STORE = "no-store";

  private SecurityHeaders() {
  }

  static PlatformHandler handler(String pagePolicy) {
    return rc -> {
      putFixed(rc.response().headers());
      HttpServerRequest request = rc.request();
      rc.addHeadersEndHandler(v -> decide(request, rc.response().headers(), pagePolicy));
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
  private static void decide(HttpServerRequest request, MultiMap headers, String pagePolicy) {
    if (isPage(headers.get(HttpHeaders.CONTENT_TYPE))) headers.set("Content-Security-Policy", pagePolicy);
    if (hasCredentials(request) || !headers.contains(HttpHeaders.CACHE_CONTROL)) headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }

  private static boolean isPage(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html");
  }

  static boolean hasCredentials(HttpServerRequest request) {
    return request.headers().contains(HttpHeaders.AUTHORIZATION) || request.headers().contains(HttpHeaders.COOKIE);
  }
}
