package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads, for many items at once, each one's next waiting message about each of its units (and about none): one
 * query however many items, so that a live snapshot of a hundred items costs one more read, not a hundred.
 * Who may see which is {@link Upcoming#firstSeenBy}'s to say.
 */
public interface NextReminders {
  /**
   * For each item that has any, its next message per unit still to be sent after the domain clock's now (one come
   * due and not yet claimed is no longer next); an item with none is left out.
   */
  Future<Map<Long, List<Upcoming>>> of(Collection<Long> itemIds);

  /** Reads nothing: for a hub that only measures how changes travel (the benchmarks). */
  NextReminders NONE = itemIds -> Future.succeededFuture(Map.of());

  static NextReminders from(Pool pool, Clock clock) {
    PlanRepository plans = new PlanRepository();
    return itemIds -> itemIds.isEmpty() ? Future.succeededFuture(Map.of()) : plans.next(pool, itemIds, clock.instant());
  }
}
