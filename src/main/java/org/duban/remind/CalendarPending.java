package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.duban.auth.Principal;
import org.duban.item.Deadlines;
import org.duban.item.Item;
import org.duban.item.ItemService;
import org.duban.time.CalendarService;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * R12: the active items that wait on a year's notice, because a deadline or a waiting message of theirs
 * falls in that year or was counted across it; what an import of the year will re-plan, and which of
 * those deadlines a sponsor should look at once the notice is in.
 */
final class CalendarPending {
  /** Wider than any roll or deadline reminder reaches, so that a date depending on the year is not missed. */
  static final Duration MARGIN = Duration.ofDays(45);
  private final Pool pool;
  private final ItemService items;
  private final CalendarService calendars;
  private final PlanRepository plans = new PlanRepository();

  CalendarPending(Pool pool, ItemService items, CalendarService calendars) {
    this.pool = pool;
    this.items = items;
    this.calendars = calendars;
  }

  Future<JsonObject> forYear(Principal who, int year) {
    WorkCalendar calendar = calendars.calendar();
    JsonObject answer = new JsonObject().put("year", year).put("status", calendar.covers(year) ? "known" : "missing");
    if (calendar.covers(year)) return Future.succeededFuture(answer.put("items", new JsonArray()));
    Instant from = LocalDate.of(year, 1, 1).atStartOfDay(Zones.SHANGHAI).toInstant().minus(MARGIN);
    Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(Zones.SHANGHAI).toInstant().plus(MARGIN);
    // candidates only: the marking rule itself (Deadlines.mark, MessageMarks) decides who is listed
    return Future.all(items.activeDueBetween(from, to), plans.itemsWaitingBetween(pool, from, to))
        .compose(found -> {
          Set<Long> candidates = new TreeSet<>(found.<List<Long>>resultAt(0));
          candidates.addAll(found.<List<Long>>resultAt(1));
          return items.activeTitles(List.copyOf(candidates));
        })
        .compose(titles -> {
          Future<List<JsonObject>> listed = Future.succeededFuture(new ArrayList<>());
          for (Map.Entry<Long, String> candidate : titles.entrySet()) {
            long id = candidate.getKey();
            listed = listed.compose(list -> items.state(who, id)
                .compose(item -> plans.ofItem(pool, id, to.plus(Replanner.HORIZON)).map(messages -> {
                  JsonObject entry = entry(calendar, year, item, candidate.getValue(), messages);
                  if (entry != null) list.add(entry);
                  return list;
                })));
          }
          return listed;
        })
        .map(list -> answer.put("items", new JsonArray(list)));
  }

  /** The item as listed, or null when none of its dates depends on the year after all. */
  private static JsonObject entry(WorkCalendar calendar, int year, Item item, String title, List<JsonObject> messages) {
    JsonArray deadlines = new JsonArray();
    item.units().values().forEach(u -> u.deadline()
        .filter(d -> Deadlines.mark(calendar, item, d).dependsOn(year))
        .ifPresent(d -> deadlines.add(new JsonObject().put("unitId", u.unitId()).put("deadline", d.toString()))));
    List<JsonObject> waiting = messages.stream().filter(m -> "planned".equals(m.getString("state")))
        .filter(m -> MessageMarks.ofStored(calendar, item, m).dependsOn(year))
        .toList();
    if (deadlines.isEmpty() && waiting.isEmpty()) return null;
    return new JsonObject().put("id", item.id()).put("number", item.number()).put("title", title)
        .put("deadlines", deadlines).put("messages", waiting.size())
        .put("firstMessageAt", waiting.isEmpty() ? null : waiting.get(0).getString("sendAt"));
  }
}
