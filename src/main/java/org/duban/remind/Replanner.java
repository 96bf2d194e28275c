package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import org.duban.item.Item;
import org.duban.item.ItemWatcher;
import org.duban.time.CalendarService;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each item's planned messages true to its state (R14 and every re-plan): in the transaction of
 * each change, the messages not yet fired are replaced by the plan from the item as it now is. Planning
 * starts from the earliest message still unfired, so one that is late (the server was down) but still
 * valid keeps its key and fires, while one the change made stale simply is not planned again.
 */
public final class Replanner implements ItemWatcher {
  /** How far ahead messages are kept in the database; the engine extends it as time passes. */
  static final Duration HORIZON = Duration.ofDays(400);

  private final PlanRepository plans = new PlanRepository();
  private final CalendarService calendars;
  private final Policies policies;

  /** @param policies the versions, of which the one in force is read in each plan's transaction */
  public Replanner(CalendarService calendars, Policies policies) {
    this.calendars = calendars;
    this.policies = policies;
  }

  @Override
  public Future<Void> changed(SqlClient tx, Item item, Map<Long, List<Instant>> reportTimes, Instant now) {
    return policies.inForce(tx).compose(policy -> plans.unfired(tx, item.id()).compose(before -> {
      // a message held over the quiet hours counts from when it was first due, so the plan still holds it
      Instant from = before.values().stream().map(m -> Instant.parse(m.getString("heldFrom", m.getString("sendAt"))))
          .filter(at -> at.isBefore(now)).min(Instant::compareTo).orElse(now);
      List<Planned> fresh = new Planner(policy, calendars.calendar()).plan(item, reportTimes, from, now.plus(HORIZON));
      List<Planned> kept = keepable(fresh, before.keySet(), now);
      return plans.deleteUnfiredExcept(tx, item.id(), kept)
          .compose(v -> plans.insert(tx, kept, now))
          .compose(v -> recordDifference(tx, item.id(), before, kept, now));
    }));
  }

  /**
   * A message whose time has passed stays only if it was already waiting under the same key: one the
   * engine had not reached yet (a restart, a burst). A key new in the past would fire at once a message
   * that was already sent under another grouping, or one the change made stale.
   */
  static List<Planned> keepable(List<Planned> fresh, Set<String> waiting, Instant now) {
    return fresh.stream().filter(p -> !p.sendAt().isBefore(now) || waiting.contains(p.key())).toList();
  }

  /** The messages the change dropped and those it added, kept for the item's "what changed" view. */
  private Future<Void> recordDifference(SqlClient tx, long itemId, Map<String, JsonObject> before, List<Planned> after, Instant now) {
    Set<String> afterKeys = after.stream().map(Planned::key).collect(Collectors.toSet());
    JsonArray removed = new JsonArray(before.values().stream().filter(m -> !afterKeys.contains(m.getString("key"))).toList());
    JsonArray added = new JsonArray(after.stream().filter(p -> !before.containsKey(p.key()))
        .map(p -> PlanRepository.change(p.key(), p.unitId().orElse(null), p.kinds(), p.sendAt())).toList());
    return removed.isEmpty() && added.isEmpty() ? Future.succeededFuture() : plans.recordChange(tx, itemId, now, removed, added);
  }
}
