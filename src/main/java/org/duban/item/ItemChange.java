package org.duban.item;

import io.vertx.core.json.JsonObject;
import org.duban.auth.Principal;

import java.util.List;
import java.util.Optional;

/**
 * One item as a committed transaction left it, read back once for every reader: the item as
 * {@code GET /items/{id}} answers it, and the new events of its timeline, in order, as
 * {@code GET /items/{id}/events} has them. {@link #seenBy} cuts it to what one person may see.
 */
public record ItemChange(long itemId, JsonObject item, List<JsonObject> events) {
  public ItemChange {
    events = List.copyOf(events);
  }

  /** The id of the last event, which a reader keeps to tell a new event from one it has had. */
  public long lastEventId() {
    return events.get(events.size() - 1).getLong("id");
  }

  /** Only the events after {@code eventId}; empty when none is left. */
  public Optional<ItemChange> after(long eventId) {
    List<JsonObject> newer = events.stream().filter(e -> e.getLong("id") > eventId).toList();
    return newer.isEmpty() ? Optional.empty() : Optional.of(new ItemChange(itemId, item, newer));
  }

  /** The change with the reader's unread count on its item ({@link ItemService#withUnread}); the item is copied, as readers share it. */
  ItemChange withUnread(int unread) {
    return new ItemChange(itemId, item.copy().put("unread", unread), events);
  }

  /**
   * The change as {@code who} may see it, exactly as the API shows it to them: nothing of an item they may
   * not see, and for a liaison another unit's report state and events left out (R03, {@link PerUnitState}).
   * Empty when they may see nothing of it: not the item, or an item whose new events are all another unit's.
   */
  public Optional<ItemChange> seenBy(Principal who) {
    if (!ItemService.canSee(who, item)) return Optional.empty();
    List<JsonObject> shown = events.stream().filter(e -> PerUnitState.showsEvent(who, e)).toList();
    if (shown.isEmpty()) return Optional.empty();
    return Optional.of(new ItemChange(itemId, PerUnitState.item(who, item), shown));
  }
}
