package org.duban.org;

import io.vertx.core.json.JsonObject;
import org.duban.auth.LeaderRank;
import org.duban.auth.Role;

import java.time.Instant;
import java.util.Optional;

/** A person who signs in: their role, and for liaisons and sponsor staff the unit they act for. */
public record Person(long id, String login, String displayName, String phone, Role role, Optional<Long> unitId,
                     Optional<LeaderRank> rank, boolean active, Instant createdAt, Instant updatedAt, int version) {

  static Person fromRequest(JsonObject body) {
    return new Person(0, body.getString("login"), body.getString("displayName"), body.getString("phone"),
        Role.fromWire(body.getString("role")), Optional.ofNullable(body.getLong("unitId")),
        Optional.ofNullable(body.getString("rank")).map(LeaderRank::fromWire), true, null, null, 0);
  }

  Person patchedWith(JsonObject patch) {
    return new Person(id, login,
        patch.getString("displayName", displayName),
        patch.containsKey("phone") ? patch.getString("phone") : phone,
        patch.containsKey("role") ? Role.fromWire(patch.getString("role")) : role,
        patch.containsKey("unitId") ? Optional.ofNullable(patch.getLong("unitId")) : unitId,
        patch.containsKey("rank") ? Optional.ofNullable(patch.getString("rank")).map(LeaderRank::fromWire) : rank,
        patch.getBoolean("active", active),
        createdAt, updatedAt, version);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("login", login)
        .put("displayName", displayName)
        .put("phone", phone)
        .put("role", role.wire())
        .put("unitId", unitId.orElse(null))
        .put("rank", rank.map(LeaderRank::wire).orElse(null))
        .put("active", active)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("version", version);
  }
}
