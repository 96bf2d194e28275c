package org.duban.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane) and keeps it on the
 * request's Vert.x context, so every log line written while serving it, across asynchronous steps,
 * carries it. Thread-locals (MDC) would not follow a request across the event loop.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  // Must be registered before any Vertx instance is built: Server touches this class first.
  static final ContextLocal<String> LOCAL = ContextLocal.registerLocal(String.class);
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {
  }

  /** Forces registration of the context local; call before building Vert.x. */
  public static void register() {
    // class initialisation did the work
  }

  /** A platform handler: Vert.x Web runs these before body, security and user handlers. */
  public static PlatformHandler handler() {
    return rc -> {
      String offered = rc.request().getHeader(HEADER);
      String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
      rc.vertx().getOrCreateContext().putLocal(LOCAL, id);
      rc.put(HEADER, id);
      rc.response().putHeader(HEADER, id);
      AccessLog.attach(rc);
      rc.next();
    };
  }

  /** The request's id, made now for a request refused before {@link #handler()} ran. */
  static String ensure(RoutingContext rc) {
    String id = rc.get(HEADER);
    if (id != null) return id;
    id = UUID.randomUUID().toString();
    rc.put(HEADER, id);
    rc.response().putHeader(HEADER, id);
    return id;
  }

  /** The id of the request being served on this thread, or "-" outside any request. */
  public static String current() {
    Context context = Vertx.currentContext();
    if (context == null) return "-";
    try {
      String id = context.getLocal(LOCAL);
      return id == null ? "-" : id;
    } catch (RuntimeException notRegisteredOnThisVertx) {
      return "-";
    }
  }
}
