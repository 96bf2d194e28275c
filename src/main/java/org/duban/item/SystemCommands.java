package org.duban.item;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.List;

/**
 * The item package's door for a transaction another package holds: the system's commands (R16 and R18's
 * key supervision, as the reminder engine fires an escalation) go through the lifecycle like any other,
 * within the caller's transaction, so that they commit or roll back with it. The items stay written by the
 * item package alone, and what changed is published once, as part of that transaction.
 */
@FunctionalInterface
public interface SystemCommands {
  /** One command for one item. */
  record Order(long itemId, Command command) {
  }

  /**
   * Applies each order as {@link Actor#SYSTEM} at {@code now}, in order, within {@code tx}, each under its
   * item's row lock (which the caller may already hold). An order the lifecycle refuses (the item closed,
   * already under key supervision) is left, and the others go on: a refusal is the rules speaking, not a
   * failure of the caller's work. Call it once per transaction: its changes are published as one notification.
   *
   * @return how many orders changed their item
   */
  Future<Integer> apply(SqlClient tx, List<Order> orders, Instant now);
}
