package org.duban.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.Optional;

/** Reads what the contract already validated; handlers never parse raw input themselves. */
public final class Requests {
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


  private static ValidatedRequest validated(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }
}
