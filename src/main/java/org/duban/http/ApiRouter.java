package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the HTTP router from the contract: request ids, a deadline per request, the headers every
 * answer carries, the body (only of a type the operation takes, within its limit, its strings
 * storable) and bearer-token checks come first; the contract validates every request before a
 * handler sees it; every failure ends in the {@link ErrorFunnel}. Features attach their handlers
 * through {@link Api}.
 */
public final class ApiRouter {
  private static final Set<String> API_PAGE_FILES =
      Set.of("/webjars/swagger-ui/swagger-ui-bundle.js", "/webjars/swagger-ui/swagger-ui.css");

  private ApiRouter() {
  }

  /** @param fileLimitBytes the larger limit for file uploads ({@code application/octet-stream} bodies) */
  public record Settings(long bodyLimitBytes, long fileLimitBytes, long requestTimeoutMs) {
  }

  public static Future<Router> build(Vertx vertx, JsonObject contractDocument, Settings settings, JWTAuthHandler bearer,
                                     Guard guard,
                                     Consumer<Api> features) {
    return Contract.parse(vertx, contractDocument).map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, QueryOnce.extractor());
      builder.rootHandler(RequestIds.handler());
      builder.rootHandler(TimeoutHandler.create(settings.requestTimeoutMs(), 503));
      builder.rootHandler(SecurityHeaders.handler());
      builder.rootHandler(new Bodies(contract, settings));
      builder.rootHandler(new JsonText());
      builder.security("bearer").httpHandler(bearer);
      features.accept(new Api(builder, guard));
      Router router = builder.createRouter();
      mountDocuments(router);
      ErrorFunnel funnel = new ErrorFunnel(settings.bodyLimitBytes(), settings.fileLimitBytes());
      router.route().failureHandler(funnel);
      router.errorHandler(404, rc -> ErrorFunnel.send(rc, ErrorFunnel.fromStatus(404, null)));
      router.errorHandler(405, rc -> ErrorFunnel.send(rc, ErrorFunnel.fromStatus(405, null)));
      // the router answers these itself when no route can even be matched: a path it cannot decode
      // (400), or a failure while matching (500); without a handler it logs a stack trace for each
      router.errorHandler(400, ErrorFunnel::unroutable);
      router.errorHandler(500, funnel);
      return router;
    });
  }

  /** The contract itself, its readable page, and the web app; none of these is an API operation. */
  private static void mountDocuments(Router router) {
    router.get("/openapi.yaml").handler(rc -> rc.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .sendFile(Contract.PATH));
    router.get("/docs").handler(rc -> rc.reroute("/docs.html"));
    // only the two files the API page uses, not the WebJar's own sample pages
    router.get("/webjars/swagger-ui/*")
        .handler(rc -> {
          if (API_PAGE_FILES.contains(rc.normalizedPath())) rc.next();
          else rc.fail(404);
        })
        .handler(WebJars.serve("org.webjars", "swagger-ui"));
    router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
  }
}
