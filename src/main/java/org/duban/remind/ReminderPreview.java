package org.duban.remind;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.duban.auth.SessionGuard;
import org.duban.auth.Principal;
import org.duban.http.Api;
import org.duban.fault.Refusal;
import org.duban.http.Reply;
import org.duban.http.Requests;
import org.duban.item.Fields;
import org.duban.item.Item;
import org.duban.item.ItemService;
import org.duban.item.PerUnitState;
import org.duban.item.Registration;
import org.duban.time.CalendarService;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Shows every message an item will trigger, when, to whom and why (rule ID): for a stored item, the
 * schedule itself, which is what the engine fires from (what has gone, how, and what waits), and for
 * a registration before it is stored, the plan the policy in force would make. Also the policy
 * versions, and putting a new one in force.
 */
public final class ReminderPreview {
  private static final Logger LOG = LoggerFactory.getLogger(ReminderPreview.class);
  static final Duration DEFAULT_HORIZON = Duration.ofDays(92);
  static final Duration MAX_HORIZON = Duration.ofDays(366);

  private final ItemService items;
  private final CalendarService calendars;
  private final Clock clock;
  private final Policies policies;

  private final Pool pool;
  private final PlanRepository plans = new PlanRepository();
  private final CalendarPending pending;

  public ReminderPreview(ItemService items, CalendarService calendars, Clock clock, Policies policies, Pool pool) {
    this.pool = pool;
    this.items = items;
    this.calendars = calendars;
    this.clock = clock;
    this.policies = policies;
    this.pending = new CalendarPending(pool, items, calendars);
  }

  public static void mount(Api api, ReminderPreview preview) {
    api.on("listItemReminders", rc -> preview.forItem(SessionGuard.principal(rc), Requests.pathLong(rc, "itemId"),
        Requests.query(rc, "until").map(p -> Fields.instant("until", p.getString()))).map(Reply::ok));
    api.on("previewReminders", rc -> {
      JsonObject body = Requests.body(rc);
      Instant assignAt = body.containsKey("assignAt") ? Fields.instant("/assignAt", body.getString("assignAt")) : preview.clock.instant();
      return preview.forRegistration(SessionGuard.principal(rc), Registration.fromJson(body.getJsonObject("registration")), assignAt)
          .map(Reply::ok);
    });
    api.on("listReminderChanges", rc -> preview.changes(SessionGuard.principal(rc), Requests.pathLong(rc, "itemId"))
        .map(changes -> Reply.ok(new JsonObject().put("items", changes))));
    api.on("listCalendarPending", rc -> preview.pending.forYear(SessionGuard.principal(rc), (int) Requests.pathLong(rc, "year"))
        .map(Reply::ok));
    api.on("getReminderPolicy", rc -> preview.policies.inForce().map(p -> Reply.ok(p.toJson())));
    api.on("listReminderPolicies", rc -> preview.policies.list().map(list -> Reply.ok(new JsonObject().put("items", list))));
    api.on("getReminderPolicyVersion", rc -> preview.policies.version(Math.toIntExact(Requests.pathLong(rc, "version")))
        .map(p -> Reply.ok(p.toJson())));
    api.on("addReminderPolicy", rc -> preview.policies.add(Requests.body(rc), preview.clock.instant())
        .map(p -> Reply.created(p.toJson(), "/reminder-policies/" + p.version())));
    api.on("putReminderPolicyInForce", rc -> preview.putInForce(Requests.body(rc).getInteger("version"))
        .map(body -> new Reply(202, body, Map.of())));
  }

  /**
   * The new version plans from its commit on; every active item is then re-planned under it, each in its
   * own transaction, after the answer: with many items that takes longer than a request may.
   */
  Future<JsonObject> putInForce(int version) {
    return policies.putInForce(version).map(policy -> {
      items.rewatchActive()
          .onSuccess(count -> LOG.info("re-planned {} active items under reminder policy version {}", count, policy.version()))
          .onFailure(e -> LOG.warn("re-planning under reminder policy version {} stopped: {}", policy.version(), e.getMessage()));
      return new JsonObject().put("version", policy.version()).put("replanning", true);
    });
  }

  /** The item's messages as the schedule holds them, fired or waiting, up to {@code until}; a liaison sees their own unit's. */
  Future<JsonObject> forItem(Principal who, long itemId, Optional<Instant> until) {
    Instant now = clock.instant();
    Instant end = horizon(now, until.orElse(now.plus(DEFAULT_HORIZON)));
    return items.state(who, itemId).compose(item -> plans.ofItem(pool, itemId, end).map(all -> {
      List<JsonObject> visible = all.stream().filter(m -> PerUnitState.shows(who, m.getLong("unitId"))).toList();
      // by the calendar as loaded now, so an import clears the marks at once
      WorkCalendar calendar = calendars.calendar();
      visible.forEach(m -> m.put("calendar", MessageMarks.ofStored(calendar, item, m).toJson()));
      return new JsonObject().put("now", now.toString()).put("until", end.toString()).put("items", new JsonArray(visible));
    }));
  }

  /** What each re-plan of the item changed, newest first; a liaison sees their own unit's messages. */
  Future<JsonArray> changes(Principal who, long itemId) {
    return items.state(who, itemId).compose(item -> plans.changes(pool, itemId, PerUnitState.onlyUnit(who), 50));
  }

  Future<JsonObject> forRegistration(Principal who, Registration registration, Instant assignAt) {
    Item approved = items.approvedDraft(who, registration, assignAt);
    Instant end = assignAt.plus(DEFAULT_HORIZON);
    WorkCalendar calendar = calendars.calendar();
    return policies.inForce().map(policy -> messages(new Planner(policy, calendar).plan(approved, Map.of(), assignAt, end),
        who, assignAt, end, p -> json(p).put("calendar", MessageMarks.of(calendar, approved, p).toJson())));
  }

  /** A liaison sees the messages for their own unit only ({@link PerUnitState}). */
  private static JsonObject messages(List<Planned> planned, Principal who, Instant from, Instant until,
                                     Function<Planned, JsonObject> json) {
    List<Planned> visible = planned.stream().filter(p -> PerUnitState.shows(who, p.unitId().orElse(null))).toList();
    return new JsonObject().put("from", from.toString()).put("until", until.toString())
        .put("items", new JsonArray(visible.stream().map(json).toList()));
  }

  static JsonObject json(Planned p) {
    return new JsonObject()
        .put("dueAt", p.dueAt().toString())
        .put("sendAt", p.sendAt().toString())
        .put("localSendAt", p.sendAt().atZone(Zones.SHANGHAI).toOffsetDateTime().toString())
        .put("unitId", p.unitId().orElse(null))
        .put("recipient", p.recipient().name().toLowerCase(Locale.ROOT))
        .put("kinds", new JsonArray(p.kinds()))
        .put("rules", new JsonArray(p.rules()))
        .put("policyVersion", p.policyVersion())
        .put("key", p.key());
  }

  private static Instant horizon(Instant now, Instant until) {
    if (!until.isAfter(now)) throw Refusal.invalid("until", "must be later than now");
    if (until.isAfter(now.plus(MAX_HORIZON))) throw Refusal.invalid("until", "may be at most 366 days ahead");
    return until;
  }
}
