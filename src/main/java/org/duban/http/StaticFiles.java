package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import org.duban.Digests;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files shipped with the server (the pages, the contract, WebJars), answered from memory for GET and
 * HEAD alike. Each carries a strong ETag made from its bytes, the same on every node and after every
 * restart, so {@code If-None-Match} answers 304 until an upgrade changes the file.
 *
 * <p>How long a browser may keep a file depends on its URL: a URL that changes with the content (a
 * WebJar under its version) may be kept a year without asking ({@link #IMMUTABLE}); any other must be
 * revalidated on every use ({@link #REVALIDATE}), so the day after an upgrade nobody sees the old page.
 */
final class StaticFiles implements Handler<RoutingContext> {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";
  // plain names only: no hidden files, no "..", nothing a path could climb out with
  private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("png", "image/png"),
      Map.entry("json", "application/json"),
      Map.entry("webmanifest", "application/manifest+json"),
      Map.entry("yaml", "application/yaml; charset=utf-8"));
  // the files never change while the process runs; only files that exist are kept, so the map is bounded
  private static final Map<String, File> LOADED = new ConcurrentHashMap<>();

  private final String mount;
  private final String root;
  private final String cacheControl;
  private final Map<String, String> aliases;

  private record File(Buffer content, String etag, String type) {
  }

  /**
   * @param mount   the URL path the files are under ("" for the root)
   * @param root    the directory or classpath folder holding them
   * @param aliases URL paths (below the mount) answered with another file, such as "/" with "/index.html"
   */
  private StaticFiles(String mount, String root, String cacheControl, Map<String, String> aliases) {
    this.mount = mount;
    this.root = root;
    this.cacheControl = cacheControl;
    this.aliases = aliases;
  }

  static StaticFiles under(String mount, String root, String cacheControl, Map<String, String> aliases) {
    return new StaticFiles(mount, root, cacheControl, aliases);
  }

  /** One file at the route's own path, such as the contract. */
  static Handler<RoutingContext> single(String file, String cacheControl) {
    return rc -> load(rc.vertx(), file).onSuccess(f -> send(rc, f, cacheControl)).onFailure(missing -> rc.next());
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    String relative = path.startsWith(mount) ? path.substring(mount.length()) : "";
    String name = aliases.getOrDefault(relative, relative);
    if (!SAFE.matcher(name).matches()) {
      rc.next();
      return;
    }
    load(rc.vertx(), root + name).onSuccess(file -> send(rc, file, cacheControl)).onFailure(missing -> rc.next());
  }

  /** The text of a shipped file, as it is served (the shell's policy hashes its inline import map). */
  static Future<String> text(Vertx vertx, String file) {
    return load(vertx, file).map(f -> f.content().toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Read once (two requests racing for the first read both read it, which is harmless). */
  private static Future<File> load(Vertx vertx, String file) {
    File known = LOADED.get(file);
    if (known != null) return Future.succeededFuture(known);
    return vertx.fileSystem().readFile(file).map(bytes -> {
      File read = new File(bytes, etag(bytes), type(file));
      LOADED.put(file, read);
      return read;
    });
  }

  private static void send(RoutingContext rc, File file, String cacheControl) {
    HttpServerResponse response = rc.response()
        .putHeader(HttpHeaders.ETAG, file.etag())
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
    if (matches(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH), file.etag())) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, file.type())
        .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(file.content().length()));
    if (rc.request().method() == HttpMethod.HEAD) response.end();
    else response.end(file.content());
  }

  /** {@code If-None-Match}: a list of tags, compared weakly as RFC 9110 asks, or "*". */
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) return false;
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.startsWith("W/") && t.substring(2).equals(etag)) return true;
    }
    return false;
  }

  /** 128 bits of the file's SHA-256. */
  private static String etag(Buffer bytes) {
    return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(Digests.sha256(bytes.getBytes()), 16)) + "\"";
  }

  private static String type(String file) {
    String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
