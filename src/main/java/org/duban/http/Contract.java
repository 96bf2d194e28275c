package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.impl.Utils;

import java.util.Map;

/**
 * Loads {@code openapi/duban.yaml} for the router. The file says, truthfully, what each response is
 * ({@code application/problem+json}, {@code text/csv}, a spreadsheet); Vert.x's contract reader
 * refuses response media types it cannot validate, and responses are not validated here, so the
 * router's in-memory copy relabels those responses with a type it accepts. The file served at
 * {@code /openapi.yaml} is untouched, and requests are validated as the file says.
 */
public final class Contract {
  public static final String PATH = "openapi/duban.yaml";
  private static final Map<String, String> RESPONSE_TYPES_FOR_ROUTER = Map.of(
      "application/problem+json", "application/json",
      "text/csv", "text/plain",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream");

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
    relabelResponses(copy);
    return copy;
  }

  private static void relabelResponses(Object node) {
    if (node instanceof JsonObject object) {
      RESPONSE_TYPES_FOR_ROUTER.forEach((type, accepted) -> {
        if (object.containsKey(type)) object.put(accepted, object.remove(type));
      });
      object.forEach(entry -> relabelResponses(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(Contract::relabelResponses);
    }
  }
}
