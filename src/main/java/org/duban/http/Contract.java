package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;

/**
 * Loads {@code openapi/duban.yaml} for the router. The file says, truthfully, that errors are
 * {@code application/problem+json}; Vert.x's contract reader refuses response media types it cannot
 * validate, and it never validates responses here, so the router's in-memory copy lists those error
 * bodies as {@code application/json}. The file served at {@code /openapi.yaml} is untouched.
 */
public final class Contract {
  public static final String PATH = "openapi/duban.yaml";
  private static final String PROBLEM = "application/problem+json";

  private Contract() {
  }

  public static Future<JsonObject> read(Vertx vertx) {
    return Utils.readYamlOrJson(vertx, PATH).map(Contract::forRouter);
  }

  public static Future<OpenAPIContract> parse(Vertx vertx, JsonObject document) {
    return OpenAPIContract.from(vertx, document.copy());
  }

  static JsonObject forRouter(JsonObject document) {
    JsonObject copy = document.copy();
    renameProblemMediaType(copy);
    return copy;
  }

  private static void renameProblemMediaType(Object node) {
    if (node instanceof JsonObject object) {
      if (object.containsKey(PROBLEM)) object.put("application/json", object.remove(PROBLEM));
      object.forEach(entry -> renameProblemMediaType(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(Contract::renameProblemMediaType);
    }
  }
}
