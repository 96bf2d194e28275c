package org.duban.org;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;

/**
 * A unit (单位) in the tree: province, city, county, department or office. Each has a first
 * responsible person (its head) and a specific responsible person (its office director), who are
 * the ones messages go to (R03). A sponsor office's {@code code} starts its item numbers (R04).
 */
public record Unit(long id, Optional<Long> parentId, String name, String kind, Optional<String> code, Responsible first,
                   Responsible specific, Instant createdAt, Instant updatedAt, int version) {

  public record Responsible(String name, String phone) {
    static Responsible fromJson(JsonObject json) {
      return json == null ? new Responsible(null, null) : new Responsible(json.getString("name"), json.getString("phone"));
    }

    JsonObject toJson() {
      return new JsonObject().put("name", name).put("phone", phone);
    }
  }

  /** A unit not yet stored, from a creation request. */
  static Unit fromRequest(JsonObject body) {
    return new Unit(0, Optional.ofNullable(body.getLong("parentId")), body.getString("name"), body.getString("kind"),
        Optional.ofNullable(body.getString("code")),
        Responsible.fromJson(body.getJsonObject("firstResponsible")),
        Responsible.fromJson(body.getJsonObject("specificResponsible")), null, null, 0);
  }

  /** This unit with the fields a PATCH request names replaced (a present null clears parentId). */
  Unit patchedWith(JsonObject patch) {
    return new Unit(id,
        patch.containsKey("parentId") ? Optional.ofNullable(patch.getLong("parentId")) : parentId,
        patch.getString("name", name),
        patch.getString("kind", kind),
        patch.containsKey("code") ? Optional.ofNullable(patch.getString("code")) : code,
        patch.containsKey("firstResponsible") ? Responsible.fromJson(patch.getJsonObject("firstResponsible")) : first,
        patch.containsKey("specificResponsible") ? Responsible.fromJson(patch.getJsonObject("specificResponsible")) : specific,
        createdAt, updatedAt, version);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("parentId", parentId.orElse(null))
        .put("name", name)
        .put("kind", kind)
        .put("code", code.orElse(null))
        .put("firstResponsible", first.toJson())
        .put("specificResponsible", specific.toJson())
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("version", version);
  }
}
