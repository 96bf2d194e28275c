package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How features attach handlers to the contract's operations. Every secured operation gets the role
 * guard its {@code x-roles} declares before its handler runs, so no feature can forget it.
 */
public final class Api {
  private final RouterBuilder builder;
  private final Guard guard;

  public Api(RouterBuilder builder, Guard guard) {
    this.builder = builder;
    this.guard = guard;
  }

  /** A JSON operation: the handler's future becomes the response or goes to the error funnel. */
  public Api on(String operationId, Function<RoutingContext, Future<Reply>> handler) {
    return attach(operationId, rc -> call(handler, rc).onSuccess(reply -> write(rc, reply)).onFailure(rc::fail), true);
  }

  /** An operation that writes its own response (metrics text, files). */
  public Api raw(String operationId, Handler<RoutingContext> handler) {
    return attach(operationId, handler, true);
  }

  /**
   * An operation whose handler checks its own input against the contract. Only for what the
   * validator would mangle: it decodes string parameters as JSON, so a file name such as
   * {@code 1.5} or {@code a\b.jpg} could not arrive intact.
   */
  public Api unvalidated(String operationId, Function<RoutingContext, Future<Reply>> handler) {
    return attach(operationId, rc -> call(handler, rc).onSuccess(reply -> write(rc, reply)).onFailure(rc::fail), false);
  }

  private Api attach(String operationId, Handler<RoutingContext> handler, boolean validated) {
    OpenAPIRoute route = Objects.requireNonNull(builder.getRoute(operationId), "not in the contract: " + operationId);
    route.setDoValidation(validated);
    if (isSecured(route.getOperation())) route.addHandler(guard.requiring(rolesOf(route.getOperation()), ruleOf(route.getOperation())));
    route.addHandler(handler);
    return this;
  }

  /**
   * Whether an operation needs someone signed in. One whose alternatives include the empty one
   * ({@code security: [{}, {bearer: []}]}) takes a token but does not need it: no guard, and the handler
   * sees who is signed in, if anyone.
   */
  static boolean isSecured(Operation operation) {
    var requirements = operation.getSecurityRequirements();
    return requirements != null && !requirements.isEmpty() && requirements.stream().noneMatch(r -> r.isEmpty());
  }

  /** The roles an operation admits, from its {@code x-roles} extension in the contract. */
  public static Set<String> rolesOf(Operation operation) {
    Object declared = operation.getExtensions().get("x-roles");
    List<?> names = declared instanceof JsonArray array ? array.getList() : List.of();
    return names.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
  }

  /** The rule an operation rests on, from its {@code x-rule} extension, for refusals to name. */
  static Optional<String> ruleOf(Operation operation) {
    return Optional.ofNullable(operation.getExtensions().get("x-rule")).map(String::valueOf);
  }

  private static Future<Reply> call(Function<RoutingContext, Future<Reply>> handler, RoutingContext rc) {
    try {
      return handler.apply(rc);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void write(RoutingContext rc, Reply reply) {
    // the request deadline may have answered already (503); the late result has nowhere to go
    if (rc.response().headWritten()) return;
    HttpServerResponse response = rc.response().setStatusCode(reply.status());
    reply.headers().forEach(response::putHeader);
    if (reply.body() == null) {
      response.end();
      return;
    }
    response.putHeader("Content-Type", "application/json; charset=utf-8");
    response.end(Json.encode(reply.body()));
  }
}
