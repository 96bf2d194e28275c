package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;

import java.util.function.Consumer;

/**
 * Builds the HTTP router from the contract: request ids, a body limit, a deadline per request and
 * bearer-token checks come first; the contract validates every request before a handler sees it;
 * every failure ends in the {@link ErrorFunnel}. Features attach their handlers through {@link Api}.
 */
public final class ApiRouter {
  private ApiRouter() {
  }

  /** @param fileLimitBytes the larger limit for file uploads ({@code application/octet-stream} bodies) */
  public record Settings(long bodyLimitBytes, long fileLimitBytes, long requestTimeoutMs) {
  }

  public static Future<Router> build(Vertx vertx, JsonObject contractDocument, Settings settings, JWTAuthHandler bearer,
                                     Guard guard,
                                     Consumer<Api> features) {
    return Contract.parse(vertx, contractDocument).map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      builder.rootHandler(RequestIds.handler());
      builder.rootHandler(TimeoutHandler.create(settings.requestTimeoutMs(), 503));
      builder.rootHandler(BodyHandler.create(false).setBodyLimit(Math.max(settings.bodyLimitBytes(), settings.fileLimitBytes())));
      builder.rootHandler(rc -> limitNonFileBodies(rc, settings.bodyLimitBytes()));
      builder.security("bearer").httpHandler(bearer);
      features.accept(new Api(builder, guard));
      Router router = builder.createRouter();
      mountDocuments(router);
      router.route().failureHandler(new ErrorFunnel());
      router.errorHandler(404, rc -> ErrorFunnel.send(rc, ErrorFunnel.fromStatus(404, null)));
      router.errorHandler(405, rc -> ErrorFunnel.send(rc, ErrorFunnel.fromStatus(405, null)));
      return router;
    });
  }

  /** Only file uploads may use the larger limit the body handler enforces for every request. */
  private static void limitNonFileBodies(RoutingContext rc, long limit) {
    String type = String.valueOf(rc.request().getHeader("Content-Type"));
    if (!type.startsWith("application/octet-stream") && rc.body().length() > limit) rc.fail(413);
    else rc.next();
  }

  /** The contract itself, its readable page, and the web app; none of these is an API operation. */
  private static void mountDocuments(Router router) {
    router.get("/openapi.yaml").handler(rc -> rc.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .sendFile(Contract.PATH));
    router.get("/docs").handler(rc -> rc.reroute("/docs.html"));
    router.get("/webjars/swagger-ui/*").handler(WebJars.serve("org.webjars", "swagger-ui"));
    router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
  }
}
