package org.duban.http;

import io.vertx.core.json.JsonObject;

/** One reason a request was refused: the field (a JSON pointer into the request) and why. */
public record Violation(String field, String reason) {
  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("reason", reason);
  }
}
