package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
  /** Of the Swagger UI WebJar, only the two files the API page uses, not its own sample pages. */
  private static final Set<String> API_PAGE_FILES = Set.of("swagger-ui-bundle.js", "swagger-ui.css");
  /** The AsyncAPI document of {@code /live}. */
  public static final String LIVE_DOCUMENT = "openapi/live.asyncapi.yaml";
  /** The phone app's page: its inline import map is the one inline script the page policy allows. */
  static final String APP_SHELL = "webroot/index.html";
  /** Lit and the packages it imports, as the app's import map names them. */
  static final java.util.List<String> APP_MODULES = java.util.List.of("lit", "lit-html", "lit-element", "lit__reactive-element");

  private ApiRouter() {
  }

  /** @param fileLimitBytes the larger limit for file uploads ({@code application/octet-stream} bodies) */
  public record Settings(long bodyLimitBytes, long fileLimitBytes, long requestTimeoutMs) {
  }

  /** @param tokens the provider that signs bearer tokens: what {@code bearer} checks, and what an upload must carry */
  public static Future<Router> build(Vertx vertx, JsonObject contractDocument, Settings settings, JWTAuth tokens,
                                     Guard guard,
                                     Consumer<Api> features) {
    Future<String> pagePolicy = StaticFiles.text(vertx, APP_SHELL)
        .map(html -> SecurityHeaders.pagePolicy(SecurityHeaders.scriptHashes(html)));
    return pagePolicy.compose(policy -> Contract.parse(vertx, contractDocument).map(contract -> {
      RouterBuilder builder = RouterBuilder.create(vertx, contract, QueryOnce.extractor());
      builder.rootHandler(RequestIds.handler());
      builder.rootHandler(TimeoutHandler.create(settings.requestTimeoutMs(), 503));
      builder.rootHandler(SecurityHeaders.handler(policy));
      builder.rootHandler(QueryOnce.wellFormed());
      builder.rootHandler(new Bodies(contract, settings, token -> isGenuine(tokens, token)));
      builder.rootHandler(new JsonText());
      builder.security("bearer").httpHandler(JWTAuthHandler.create(tokens));
      features.accept(new Api(builder, guard));
      Router router = builder.createRouter();
      headOfOperations(router, contract);
      mountDocuments(router);
      ErrorFunnel funnel = new ErrorFunnel(settings.bodyLimitBytes(), settings.fileLimitBytes(),
          ValidationProblems.formsOf(contractDocument));
      router.route().failureHandler(funnel);
      router.errorHandler(404, rc -> ErrorFunnel.send(rc, ErrorFunnel.fromStatus(404, null)));
      router.errorHandler(405, rc -> ErrorFunnel.send(rc, ErrorFunnel.fromStatus(405, null)));
      // the router answers these itself when no route can even be matched: a path it cannot decode
      // (400), or a failure while matching (500); without a handler it logs a stack trace for each
      router.errorHandler(400, ErrorFunnel::unroutable);
      router.errorHandler(500, funnel);
      return router;
    }));
  }

  /**
   * The contract itself, its readable page, the start page and their files; none of these is an API
   * operation. GET and HEAD alike; see {@link StaticFiles} for how long each may be cached.
   */
  /**
   * HEAD on an operation's path would otherwise fall through to the static files and answer 404, as if
   * the resource did not exist. Operations are not answered without their body (each read may be costly
   * and personal), so HEAD is refused as a method, naming the ones the path takes.
   */
  private static void headOfOperations(Router router, OpenAPIContract contract) {
    router.route().method(HttpMethod.HEAD).handler(rc -> {
      List<String> allowed = Stream.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
          .filter(m -> contract.findOperation(rc.normalizedPath(), m) != null).map(HttpMethod::name).toList();
      if (allowed.isEmpty()) {
        rc.next();
        return;
      }
      rc.response().putHeader("Allow", String.join(", ", allowed));
      rc.fail(405);
    });
  }

  private static void mountDocuments(Router router) {
    router.route("/openapi.yaml").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticFiles.single(Contract.PATH, StaticFiles.REVALIDATE));
    // the messages of the /live WebSocket, cached like the contract beside it
    router.route("/live.asyncapi.yaml").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticFiles.single(LIVE_DOCUMENT, StaticFiles.REVALIDATE));
    String swagger = WebJars.path("org.webjars", "swagger-ui");
    router.route(swagger + "/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(rc -> {
          String file = rc.normalizedPath().length() > swagger.length() ? rc.normalizedPath().substring(swagger.length() + 1) : "";
          if (API_PAGE_FILES.contains(file)) rc.next();
          else rc.fail(404);
        })
        .handler(WebJars.serve("org.webjars", "swagger-ui"));
    // a page of an older build, still in a browser, asks for the files without a version
    router.route("/webjars/swagger-ui/:file").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> {
      if (API_PAGE_FILES.contains(rc.pathParam("file"))) rc.redirect(swagger + "/" + rc.pathParam("file"));
      else rc.fail(404);
    });
    for (String name : APP_MODULES) {
      router.route(WebJars.path("org.webjars.npm", name) + "/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(WebJars.serveModules("org.webjars.npm", name));
    }
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        // /m is the shell too: an SMS links there, its code after the # (SignInLinks)
        .handler(StaticFiles.under("", "webroot", StaticFiles.REVALIDATE, Map.of("/", "/index.html", "/m", "/index.html",
            "/docs", "/docs.html")));
  }

  /** An HS256 token is checked in the calling thread, so its future is already complete: a pending one counts as not genuine. */
  private static boolean isGenuine(JWTAuth tokens, String token) {
    Future<User> checked = tokens.authenticate(new TokenCredentials(token));
    return checked.isComplete() && checked.succeeded();
  }
}
