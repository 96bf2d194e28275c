package org.duban.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import org.duban.auth.Principal;
import org.duban.auth.SessionGuard;

import java.util.Optional;

/** Reads what the contract already validated; handlers never parse raw input themselves. */
public final class Requests {
  static final String PRINCIPAL = SessionGuard.PRINCIPAL_KEY;

  private Requests() {
  }

  public static JsonObject body(RoutingContext rc) {
    RequestParameter body = validated(rc).getBody();
    return body == null || body.isNull() ? new JsonObject() : body.getJsonObject();
  }

  public static long pathLong(RoutingContext rc, String name) {
    return validated(rc).getPathParameters().get(name).getLong();
  }

  public static String path(RoutingContext rc, String name) {
    return validated(rc).getPathParameters().get(name).getString();
  }

  public static Optional<RequestParameter> query(RoutingContext rc, String name) {
    return Optional.ofNullable(validated(rc).getQuery().get(name)).filter(p -> !p.isNull());
  }

  public static Principal principal(RoutingContext rc) {
    Principal principal = rc.get(PRINCIPAL);
    if (principal == null) throw Problem.unauthorized("this operation needs a signed-in person");
    return principal;
  }

  private static ValidatedRequest validated(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }
}
