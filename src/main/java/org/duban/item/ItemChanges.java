package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import org.duban.db.Notifications;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one transaction did to items, said once as it ends: a PostgreSQL notification on {@link #CHANNEL},
 * issued inside the transaction, so that PostgreSQL delivers it to every node's listener only when the
 * transaction commits, and never when it rolls back. It names what changed, never the data: the items
 * (or, past {@link #NAMED_AT_MOST}, only how many) and the range of event ids the transaction appended, so
 * the 8,000-byte payload limit never matters and a listener reads back what it names.
 *
 * <p>Every change to an item appends at least one event, and every writer of an item's events holds the
 * item's row lock: one item's event ids therefore rise in the order their transactions commit, which is
 * what lets a listener tell a new event from one it has seen.
 */
public final class ItemChanges {
  /** The channel every node's live hub listens on. */
  public static final String CHANNEL = "duban_items";
  /** Beyond this many items a notification gives only their count and the event range (about 2 KB of ids at most). */
  static final int NAMED_AT_MOST = 200;

  /** How a transaction's notification is issued: {@link #NOTIFY} in production; {@link #SILENT} measures its cost. */
  @FunctionalInterface
  public interface Publisher {
    Future<Void> publish(SqlClient tx, String channel, String payload);

    Publisher NOTIFY = Notifications::publish;
    Publisher SILENT = (tx, channel, payload) -> Future.succeededFuture();
  }

  private final TreeSet<Long> items = new TreeSet<>();
  private long firstEvent = Long.MAX_VALUE;
  private long lastEvent = Long.MIN_VALUE;

  ItemChanges() {
  }

  /** The events the transaction appended to an item. */
  void appended(long itemId, List<Long> eventIds) {
    if (eventIds.isEmpty()) return;
    items.add(itemId);
    for (long id : eventIds) {
      firstEvent = Math.min(firstEvent, id);
      lastEvent = Math.max(lastEvent, id);
    }
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** The transaction's one notification; nothing when it changed no item. Must run inside the transaction. */
  Future<Void> publish(SqlClient tx, Publisher publisher) {
    return isEmpty() ? Future.succeededFuture() : publisher.publish(tx, CHANNEL, payload());
  }

  String payload() {
    JsonObject payload = new JsonObject().put("first", firstEvent).put("last", lastEvent);
    return (items.size() <= NAMED_AT_MOST ? payload.put("items", new JsonArray(List.copyOf(items))) : payload.put("many", items.size()))
        .encode();
  }

  /**
   * A notification as heard: the items it names (empty when it named too many to list, and then every
   * item with an event in the range is meant) and the range of event ids, both ends included.
   */
  public record Heard(Optional<List<Long>> items, long firstEvent, long lastEvent) {
    /** @throws IllegalArgumentException for a payload no transaction of ours writes */
    public static Heard parse(String payload) {
      try {
        JsonObject json = new JsonObject(payload);
        JsonArray named = json.getJsonArray("items");
        long first = json.getLong("first");
        long last = json.getLong("last");
        if (named == null && json.getInteger("many") == null || first > last) throw new IllegalArgumentException("not a change: " + payload);
        return new Heard(Optional.ofNullable(named).map(ids -> ids.stream().map(id -> ((Number) id).longValue()).toList()), first, last);
      } catch (RuntimeException e) {
        throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException("not a change: " + payload, e);
      }
    }
  }
}
