package org.duban.remind;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.auth.Principal;
import org.duban.item.PerUnitState;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An item's next waiting message about one unit, or about no unit (one to the sponsor or supervision office
 * about the whole item), as the schedule holds it: what a countdown shows as the next reminder.
 *
 * @param unitId the unit it is about; null for a message about the whole item
 * @param key the message's key in the schedule, as {@code GET /items/{id}/reminders} lists it
 */
public record Upcoming(long itemId, Long unitId, String recipient, List<String> kinds, List<String> rules, Instant dueAt,
                       Instant sendAt, String key) {
  /** The order {@code GET /items/{id}/reminders} lists them in. */
  private static final Comparator<Upcoming> FIRST = Comparator.comparing(Upcoming::sendAt).thenComparing(Upcoming::key);

  public Upcoming {
    kinds = List.copyOf(kinds);
    rules = List.copyOf(rules);
  }

  /**
   * The first of an item's next messages that {@code who} may see, under the rule {@code GET /items/{id}/reminders}
   * follows ({@link PerUnitState#shows}): a liaison only their own unit's, everyone else any.
   */
  public static Optional<Upcoming> firstSeenBy(Principal who, Collection<Upcoming> next) {
    return next.stream().filter(u -> PerUnitState.shows(who, u.unitId)).min(FIRST);
  }

  /** As {@code GET /items/{id}/reminders} names the same message's fields. */
  public JsonObject toJson() {
    return new JsonObject().put("sendAt", sendAt.toString()).put("dueAt", dueAt.toString()).put("unitId", unitId)
        .put("recipient", recipient).put("kinds", new JsonArray(kinds)).put("rules", new JsonArray(rules)).put("key", key);
  }
}
