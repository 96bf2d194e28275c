package org.duban.live;

import io.vertx.core.json.JsonObject;
import org.duban.auth.Principal;
import org.duban.auth.Role;
import org.duban.item.ItemChange;
import org.duban.support.Await;
import org.duban.support.TestDatabase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A live subscriber for tests: keeps every change it is told of, in order. */
final class Probe implements LiveHub.Listener {
  final List<ItemChange> changes = new CopyOnWriteArrayList<>();
  private volatile int mark;

  @Override
  public void changed(ItemChange change) {
    changes.add(change);
  }

  /** Only what comes after this is looked at from now on: the changes of a test's setting-up are left behind. */
  void mark() {
    mark = changes.size();
  }

  List<ItemChange> of(long itemId) {
    return changes.subList(mark, changes.size()).stream().filter(c -> c.itemId() == itemId).toList();
  }

  List<JsonObject> events(long itemId) {
    return of(itemId).stream().flatMap(c -> c.events().stream()).toList();
  }

  List<String> types(long itemId) {
    return events(itemId).stream().map(e -> e.getString("type")).toList();
  }

  /** Waits for the first event of {@code type} on the item and answers the change that carried it. */
  ItemChange await(long itemId, String type) {
    Await.until("a live " + type + " event of item " + itemId, () -> types(itemId).contains(type), Duration.ofSeconds(5));
    return of(itemId).stream().filter(c -> c.events().stream().anyMatch(e -> e.getString("type").equals(type))).findFirst().orElseThrow();
  }

  /** The person a demo login acts for, as the session guard would load them (leaders' ranks are not needed here). */
  static Principal principal(TestDatabase database, String login) {
    Map<String, Object> row = database.rows("SELECT id, role, unit_id FROM person WHERE login = '" + login + "'").get(0);
    Optional<Long> unit = Optional.ofNullable((Number) row.get("unit_id")).map(Number::longValue);
    return new Principal(((Number) row.get("id")).longValue(), UUID.randomUUID(), Role.fromWire((String) row.get("role")), unit,
        Optional.empty());
  }

  /** A liaison of a unit on none of the test's items. */
  static Principal liaisonOf(long unitId) {
    return new Principal(999_999, UUID.randomUUID(), Role.LIAISON, Optional.of(unitId), Optional.empty());
  }
}
