package org.duban.item;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Told of every change to an item inside the transaction that makes it, so that what follows from
 * the item's state (its planned reminders) commits or rolls back with the change itself.
 */
@FunctionalInterface
public interface ItemWatcher {
  ItemWatcher NONE = (tx, item, reportTimes, now) -> Future.succeededFuture();

  /** @param reportTimes when each unit reported on the item, the change included */
  Future<Void> changed(SqlClient tx, Item item, Map<Long, List<Instant>> reportTimes, Instant now);
}
