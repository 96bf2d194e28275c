package org.duban.item;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * Something that happened to an item, as the lifecycle decided it: appended, never changed. The
 * service adds who and when; {@code data} holds what a reader of the timeline needs.
 */
public record Event(String type, Optional<Long> unitId, Optional<String> rule, Optional<String> reason, JsonObject data) {

  static Event of(String type, String rule) {
    return new Event(type, Optional.empty(), Optional.ofNullable(rule), Optional.empty(), new JsonObject());
  }

  Event forUnit(long unit) {
    return new Event(type, Optional.of(unit), rule, reason, data);
  }

  Event because(String why) {
    return new Event(type, unitId, rule, Optional.ofNullable(why), data);
  }

  Event with(String key, Object value) {
    return new Event(type, unitId, rule, reason, data.copy().put(key, value));
  }
}
