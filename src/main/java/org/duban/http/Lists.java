package org.duban.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;

/** Collections go out as {@code {"items": [...]}} so that paging fields can join them without a break. */
public final class Lists {
  private Lists() {
  }

  public static <T> JsonObject of(List<T> items, Function<T, JsonObject> toJson) {
    return new JsonObject().put("items", new JsonArray(items.stream().map(toJson).toList()));
  }
}
