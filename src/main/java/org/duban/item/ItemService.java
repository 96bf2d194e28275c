package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import org.duban.Digests;
import org.duban.auth.LeaderRank;
import org.duban.auth.Principal;
import org.duban.auth.Role;
import org.duban.fault.Refusal;
import org.duban.fault.Refusal.Kind;
import org.duban.fault.FieldError;
import org.duban.time.CalendarService;
import org.duban.time.WorkCalendar;
import org.duban.time.Zones;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Runs lifecycle commands against stored items. Each command takes the item's row lock
 * ({@code SELECT … FOR UPDATE}) for its transaction, so concurrent commands on one item are applied one
 * after the other and none is lost; the lifecycle then decides on the state as it is.
 */
public final class ItemService implements SystemCommands {
  private static final Logger LOG = LoggerFactory.getLogger(ItemService.class);
  /** R06: shown to whoever registers an item. */
  public static final String CONFIDENTIALITY_NOTICE =
      "涉密事项严禁录入本系统。Classified matters must never be entered: registration is recorded in the audit trail.";

  private final Pool pool;
  private final Clock clock;
  private final CalendarService calendars;
  private final Deadlines.Policy policy;
  private final ItemRepository items = new ItemRepository();
  private final ItemQueries queries;
  private final ReportRepository reports;
  private final ReadMarks marks;

  private final ItemWatcher watcher;
  private final ItemChanges.Publisher publisher;

  public ItemService(Pool pool, Clock clock, CalendarService calendars, Deadlines.Policy policy, ItemWatcher watcher) {
    this(pool, clock, calendars, policy, watcher, ItemChanges.Publisher.NOTIFY);
  }

  /** @param publisher how each transaction's changes are published ({@link ItemChanges}): silent only to measure the cost */
  public ItemService(Pool pool, Clock clock, CalendarService calendars, Deadlines.Policy policy, ItemWatcher watcher,
                     ItemChanges.Publisher publisher) {
    this.watcher = watcher;
    this.publisher = publisher;
    this.pool = pool;
    this.clock = clock;
    this.calendars = calendars;
    this.policy = policy;
    this.queries = new ItemQueries(pool);
    this.reports = new ReportRepository(pool);
    this.marks = new ReadMarks(pool);
  }

  Lifecycle lifecycle() {
    return new Lifecycle(calendars.calendar(), policy);
  }

  public Future<JsonObject> register(Principal who, Registration registration) {
    Instant now = clock.instant();
    Actor actor = actorOf(who);
    Decision decision = lifecycle().register(registration, actor, now);
    if (decision instanceof Decision.Refused refused) return Future.failedFuture(refusalOf(refused, null));
    Decision.Accepted accepted = (Decision.Accepted) decision;
    int year = now.atZone(Zones.SHANGHAI).getYear();
    return inTransaction((tx, changes) -> unitsExist(tx, registration)
            .compose(v -> items.nextNumber(tx, accepted.item().sponsorUnitId(), year))
            .compose(number -> items.insert(tx, accepted.item(), registration, number, who.personId(), now))
            .compose(id -> items.append(tx, changes, id, accepted.events(), actor, now).map(id)))
        .compose(id -> view(who, id))
        .map(view -> view.put("notice", CONFIDENTIALITY_NOTICE));
  }

  /** Names the field of a unit that does not exist, rather than a foreign key. */
  private Future<Void> unitsExist(SqlClient tx, Registration r) {
    List<Long> wanted = new ArrayList<>(List.of(r.leadUnitId()));
    wanted.addAll(r.cooperatingUnitIds());
    return items.knownUnits(tx, wanted).compose(known -> {
      if (!known.contains(r.leadUnitId())) return Future.failedFuture(Refusal.unprocessable("/leadUnitId", "no such unit"));
      for (int i = 0; i < r.cooperatingUnitIds().size(); i++) {
        if (!known.contains(r.cooperatingUnitIds().get(i))) {
          return Future.failedFuture(Refusal.unprocessable("/cooperatingUnitIds/" + i, "no such unit"));
        }
      }
      return Future.succeededFuture();
    });
  }

  /** One lifecycle command on one item, in one transaction holding the item's lock. */
  public Future<JsonObject> command(Principal who, long itemId, Command command) {
    Instant now = clock.instant();
    Actor actor = actorOf(who);
    return inTransaction((tx, changes) -> lockVisible(tx, who, itemId)
            .compose(item -> apply(tx, changes, item, lifecycle().decide(item, command, actor, now), actor, now)
                .compose(next -> afterReview(tx, itemId, command))))
        .compose(v -> view(who, itemId));
  }

  /**
   * R22 and the idempotent report: a retried submission with the same key finds the first one and
   * answers it again; the item's lock makes concurrent retries wait for each other.
   */
  public Future<Submitted> submitReport(Principal who, long itemId, String text, boolean completion, List<UUID> attachments,
                                        String idempotencyKey) {
    Instant now = clock.instant();
    Actor actor = actorOf(who);
    long unitId = who.unitId().orElseThrow(() -> Refusal.forbidden("only a unit's liaison reports"));
    byte[] fingerprint = fingerprint(text, completion, attachments);
    return inTransaction((tx, changes) -> lockVisible(tx, who, itemId)
        .compose(item -> reports.byKey(tx, itemId, unitId, idempotencyKey).compose(existing -> existing.isPresent()
            ? replay(existing.get(), fingerprint)
            : newReport(tx, changes, item, actor, unitId, text, completion, attachments, idempotencyKey, fingerprint, now))));
  }

  /** The same key must carry the same report: anything else is a client mistake, not a retry. */
  private static Future<Submitted> replay(ReportRepository.Stored stored, byte[] fingerprint) {
    if (stored.requestHash() != null && !Arrays.equals(stored.requestHash().getBytes(), fingerprint)) {
      return Future.failedFuture(new Refusal(Kind.UNPROCESSABLE, "idempotency-key-reused", "Idempotency-Key used for another report",
          "this key already stands for a different report; send a new key for a new report",
          List.of(new FieldError("Idempotency-Key", "was used for a different report")), null));
    }
    return Future.succeededFuture(new Submitted(ReportRepository.toJson(stored), true));
  }

  static byte[] fingerprint(String text, boolean completion, List<UUID> attachments) {
    return Digests.sha256(text + "\n" + completion + "\n" + attachments.stream().map(UUID::toString).sorted().toList());
  }

  public record Submitted(JsonObject report, boolean replayed) {
  }

  private Future<Submitted> newReport(SqlClient tx, ItemChanges changes, Item item, Actor actor, long unitId, String text, boolean completion,
                                      List<UUID> attachments, String key, byte[] fingerprint, Instant now) {
    return reports.insert(tx, item.id(), unitId, actor.personId(), completion, text, now, key, fingerprint)
        .map(id -> id.orElseThrow(() -> Refusal.conflict("a report with this Idempotency-Key is being stored; retry")))
        .compose(reportId -> {
          Decision decision = lifecycle().decide(item, new Command.SubmitReport(unitId, reportId, completion), actor, now);
          return apply(tx, changes, item, decision, actor, now)
              .compose(next -> reports.setOnTime(tx, reportId, onTime(decision)))
              .compose(v -> linkAll(tx, reportId, attachments, actor.personId()))
              .compose(v -> reports.byKey(tx, item.id(), unitId, key))
              .map(stored -> new Submitted(ReportRepository.toJson(stored.orElseThrow()), false));
        });
  }

  private Future<Void> linkAll(SqlClient tx, long reportId, List<UUID> attachments, long uploader) {
    return reports.link(tx, reportId, attachments, uploader).compose(linked -> linked == attachments.size()
        ? Future.succeededFuture()
        : Future.failedFuture(Refusal.unprocessable("/attachmentIds", "every attachment must be one you uploaded and not yet used")));
  }

  /**
   * The item a registration would become once approved at {@code assignAt}, without storing
   * anything: what a sponsor previews before registering.
   */
  public Item approvedDraft(Principal who, Registration registration, Instant assignAt) {
    Lifecycle lifecycle = lifecycle();
    Decision registered = lifecycle.register(registration, actorOf(who), assignAt);
    if (registered instanceof Decision.Refused refused) throw refusalOf(refused, null);
    Item draft = ((Decision.Accepted) registered).item();
    Actor approver = new Actor(0, Role.LEADER, Optional.empty(), Optional.of(LeaderRank.OFFICE_LEADER));
    Decision approved = lifecycle.decide(draft, new Command.Approve(), approver, assignAt);
    if (approved instanceof Decision.Refused refused) throw refusalOf(refused, draft);
    return ((Decision.Accepted) approved).item();
  }

  /**
   * Hands every active item to the watcher again, one transaction each: after a calendar import, say,
   * when reminders that count working days (R19) may fall on other days.
   */
  public Future<Integer> rewatchActive() {
    return items.activeIds(pool).compose(ids -> {
      AtomicInteger failed = new AtomicInteger();
      Future<Void> chain = Future.succeededFuture();
      for (Long id : ids) {
        // one item at a time, each in its own transaction with the time read under its lock; one that fails
        // (a lock held too long) is logged and left for the next sweep, and the others go on
        chain = chain.compose(v -> pool.<Void>withTransaction(tx -> items.lock(tx, id).compose(found -> found
                .map(item -> reports.reportTimes(tx, id).compose(times -> watcher.changed(tx, item, times, clock.instant())))
                .orElseGet(Future::succeededFuture)))
            .recover(e -> {
              failed.incrementAndGet();
              LOG.warn("could not re-plan item {}: {}", id, e.getMessage());
              return Future.succeededFuture();
            }));
      }
      return chain.map(v -> ids.size() - failed.get());
    });
  }

  /**
   * R10, R12 after the notice of {@code year} is imported, on the node that imported it (the others only
   * reload): every active item, one transaction each under its row lock, has its node-derived deadlines
   * recounted on the new calendar ({@link Deadlines#recalendared}); each one that moves later goes through
   * the lifecycle as the system's {@link Command.Recalendar}, leaving a {@code deadline_moved} event. Then
   * the item's reminders are re-planned, moved or not, as {@link #rewatchActive} does. An item whose
   * deadlines stay writes nothing new of its own; one that fails is logged and left, the others go on.
   *
   * @return how many items were gone through without failing
   */
  public Future<Integer> recalendarActive(int year) {
    return items.activeIds(pool).compose(ids -> {
      AtomicInteger failed = new AtomicInteger();
      AtomicInteger moved = new AtomicInteger();
      Future<Void> chain = Future.succeededFuture();
      for (Long id : ids) {
        chain = chain.compose(v -> this.<Void>inTransaction((tx, changes) -> items.lock(tx, id).compose(found -> found
                .map(item -> recalendar(tx, changes, item, year).map(changed -> {
                  if (changed) moved.incrementAndGet();
                  return (Void) null;
                }))
                .orElseGet(Future::succeededFuture)))
            .recover(e -> {
              failed.incrementAndGet();
              LOG.warn("could not recount the deadlines of item {} on the {} calendar: {}", id, year, e.getMessage());
              return Future.succeededFuture();
            }));
      }
      return chain.map(v -> {
        LOG.info("the {} calendar moved the deadlines of {} of {} active items ({} failed)", year, moved.get(), ids.size(), failed.get());
        return ids.size() - failed.get();
      });
    });
  }

  /** One locked item: its deadlines moved where the calendar says (if anywhere), then its reminders re-planned. */
  private Future<Boolean> recalendar(SqlClient tx, ItemChanges changes, Item item, int year) {
    return items.deadlinesSetOtherwise(tx, item.id()).compose(setOtherwise -> {
      // one calendar for both the recount and the lifecycle's check of it, whatever a reload does meanwhile
      WorkCalendar calendar = calendar();
      Map<Long, Instant> moves = Deadlines.recalendared(item, setOtherwise, calendar, policy);
      if (moves.isEmpty()) {
        return reports.reportTimes(tx, item.id()).compose(times -> watcher.changed(tx, item, times, clock.instant())).map(false);
      }
      Lifecycle lifecycle = new Lifecycle(calendar, policy);
      Instant now = clock.instant();
      Item next = item;
      List<Event> events = new ArrayList<>();
      for (Map.Entry<Long, Instant> move : moves.entrySet()) {
        Decision decision = lifecycle.decide(next, new Command.Recalendar(move.getKey(), move.getValue(), year), Actor.SYSTEM, now);
        if (decision instanceof Decision.Refused refused) return Future.failedFuture(refusalOf(refused, item));
        next = ((Decision.Accepted) decision).item();
        events.addAll(((Decision.Accepted) decision).events());
      }
      return apply(tx, changes, item, new Decision.Accepted(next, events), Actor.SYSTEM, now).map(true);
    });
  }

  /** The active items with a unit due in {@code [from, to)} (R12's pending list). */
  public Future<List<Long>> activeDueBetween(Instant from, Instant to) {
    return items.activeDueBetween(pool, from, to);
  }

  /** The titles of those of {@code ids} still active, in number order. */
  public Future<Map<Long, String>> activeTitles(List<Long> ids) {
    return items.activeTitles(pool, ids);
  }

  /** The lifecycle state of an item the caller may see: what reminders are planned from. */
  public Future<Item> state(Principal who, long itemId) {
    return items.read(pool, itemId).map(found -> found
        .filter(item -> canSee(who, item))
        .orElseThrow(() -> Refusal.notFound("item " + itemId)));
  }

  public Future<Map<Long, List<Instant>>> reportTimes(long itemId) {
    return reports.reportTimes(itemId);
  }

  public Future<JsonObject> get(Principal who, long itemId) {
    return view(who, itemId);
  }

  /** The item's timeline without another unit's reports, returns and requests for a liaison (R03, {@link PerUnitState}). */
  public Future<JsonArray> events(Principal who, long itemId) {
    return visible(who, itemId).compose(v -> queries.events(itemId))
        .map(all -> new JsonArray(all.stream().map(e -> (JsonObject) e).filter(e -> PerUnitState.showsEvent(who, e)).toList()));
  }

  /**
   * What a change notification names ({@link ItemChanges}), read back as it stands now that its transaction
   * has committed: each item with events in the range, its state and those events, for every reader at once
   * ({@link ItemChange#seenBy} cuts it to one). An item since gone is left out.
   */
  public Future<List<ItemChange>> changes(ItemChanges.Heard heard) {
    Instant now = clock.instant();
    WorkCalendar calendar = calendar();
    return queries.eventsInRange(heard.firstEvent(), heard.lastEvent(), heard.items()).compose(byItem -> {
      List<Future<Optional<ItemChange>>> read = byItem.entrySet().stream()
          .map(e -> queries.item(e.getKey(), now, calendar).map(item -> item.map(view -> new ItemChange(e.getKey(), view, e.getValue()))))
          .toList();
      return Future.all(read).map(all -> read.stream().map(Future::result).flatMap(Optional::stream).toList());
    });
  }

  /** A liaison reads only their own unit's reports on the item ({@link PerUnitState}). */
  public Future<JsonArray> reports(Principal who, long itemId) {
    return visible(who, itemId).compose(v -> reports.forItem(itemId, PerUnitState.onlyUnit(who)));
  }

  /** A page of the items {@code who} may see, each row with their {@code unread} count, counted for the page at once. */
  public Future<JsonObject> list(Principal who, ItemQueries.Filter filter, Optional<ItemQueries.Cursor> after, int limit) {
    Instant now = clock.instant();
    return queries.list(scoped(who, filter), now, after, limit + 1).map(rows -> Paging.page(rows, limit, now, calendar()))
        .compose(page -> withUnread(who, page.getJsonArray("items").stream().map(JsonObject.class::cast).toList()).map(page));
  }

  /** Each of the item views gets the reader's unread count, in one query. */
  private Future<Void> withUnread(Principal who, List<JsonObject> views) {
    return marks.unread(views.stream().map(v -> new ReadMarks.Reading(v.getLong("id"), who)).toList()).map(counts -> {
      for (int i = 0; i < views.size(); i++) views.get(i).put("unread", counts.get(i));
      return null;
    });
  }

  /**
   * Moves the reader's mark on the item forward to {@code eventId} (a mark already further stays) and answers the
   * mark and what is left unread. The event must be one of this item's that they may see ({@link PerUnitState});
   * an item they may not see is not found, as reading it is.
   */
  public Future<JsonObject> markRead(Principal who, long itemId, long eventId) {
    return visible(who, itemId)
        .compose(item -> marks.event(itemId, eventId))
        .compose(event -> event.filter(e -> PerUnitState.showsEvent(who, e)).isPresent()
            ? marks.move(who.personId(), itemId, eventId, clock.instant())
            : Future.failedFuture(Refusal.unprocessable("/eventId", "is not an event of this item that you can see")))
        .compose(mark -> marks.unread(List.of(new ReadMarks.Reading(itemId, who)))
            .map(counts -> new JsonObject().put("itemId", itemId).put("eventId", mark).put("unread", counts.get(0))));
  }

  /**
   * Each change as the reader beside it sees it ({@link ItemChange#seenBy}, {@code seen.get(i)} for
   * {@code readers.get(i)}), its item with that reader's {@code unread} count as {@code GET /items/{id}} has it:
   * what a live socket sends each person. One query for them all.
   */
  public Future<List<ItemChange>> withUnread(List<ItemChange> seen, List<Principal> readers) {
    List<ReadMarks.Reading> readings = new ArrayList<>(seen.size());
    for (int i = 0; i < seen.size(); i++) readings.add(new ReadMarks.Reading(seen.get(i).itemId(), readers.get(i)));
    return marks.unreadOfMany(readings).map(counts -> {
      // readers who see the same cut of a change (the hub shares one per view) with the same count share one copy
      Map<ItemChange, Map<Integer, ItemChange>> copies = new IdentityHashMap<>();
      List<ItemChange> counted = new ArrayList<>(seen.size());
      for (int i = 0; i < seen.size(); i++) {
        ItemChange change = seen.get(i);
        counted.add(copies.computeIfAbsent(change, c -> new HashMap<>()).computeIfAbsent(counts.get(i), change::withUnread));
      }
      return counted;
    });
  }

  /** The first {@code limit} items {@code who} may see, most urgent first: {@code GET /items} without filters. */
  public Future<JsonObject> listAll(Principal who, int limit) {
    return list(who, new ItemQueries.Filter(null, null, null, null, null, null, null, null, null, null, false), Optional.empty(), limit);
  }

  ItemQueries queries() {
    return queries;
  }

  ReportRepository reportRepository() {
    return reports;
  }

  Instant now() {
    return clock.instant();
  }

  /** The work calendar as loaded now: what deadlines are counted, and marked, with (R12). */
  public WorkCalendar calendar() {
    return calendars.calendar();
  }

  /**
   * Liaisons see the items their unit is on, and in each row only their own unit's report state
   * ({@link PerUnitState}); sponsor staff the items of their office; others all.
   */
  static ItemQueries.Filter scoped(Principal who, ItemQueries.Filter f) {
    return new ItemQueries.Filter(f.board(), f.status(), f.unitId(), f.sponsorUnitId(), f.source(), f.node(),
        f.keySupervision(), f.overdue(), PerUnitState.onlyUnit(who).orElse(null), sponsorScope(who), f.boardTwoKinds());
  }

  /** The office a sponsor's reading is limited to; null for roles that read every office. */
  static Long sponsorScope(Principal who) {
    return who.is(Role.SPONSOR) ? who.unitId().orElse(-1L) : null;
  }

  /** The item as the caller may see it, with their unread count: every read and every command's answer. */
  private Future<JsonObject> view(Principal who, long itemId) {
    return visible(who, itemId).compose(item -> withUnread(who, List.of(item)).map(item));
  }

  /** The item as the caller may see it ({@link PerUnitState}), or not found. */
  private Future<JsonObject> visible(Principal who, long itemId) {
    return queries.item(itemId, clock.instant(), calendar()).map(found -> found
        .filter(item -> canSee(who, item))
        .map(item -> PerUnitState.item(who, item))
        .orElseThrow(() -> Refusal.notFound("item " + itemId)));
  }

  private Future<Item> lockVisible(SqlClient tx, Principal who, long itemId) {
    return items.lock(tx, itemId).map(found -> found
        .filter(item -> canSee(who, item))
        .orElseThrow(() -> Refusal.notFound("item " + itemId)));
  }

  /**
   * A transaction that changes items: what it appended is published as it ends, inside it ({@link ItemChanges}),
   * so a listener hears of it only once it commits; a failure anywhere rolls the notification back with the rest.
   */
  private <T> Future<T> inTransaction(BiFunction<SqlClient, ItemChanges, Future<T>> work) {
    return pool.withTransaction(tx -> {
      ItemChanges changes = new ItemChanges();
      return work.apply(tx, changes).compose(result -> changes.publish(tx, publisher).map(result));
    });
  }

  /** R16, R18 and any later system command, inside the caller's transaction ({@link SystemCommands}). */
  @Override
  public Future<Integer> apply(SqlClient tx, List<SystemCommands.Order> orders, Instant now) {
    ItemChanges changes = new ItemChanges();
    Lifecycle lifecycle = lifecycle();
    AtomicInteger applied = new AtomicInteger();
    Future<Void> chain = Future.succeededFuture();
    for (SystemCommands.Order order : orders) {
      chain = chain.compose(v -> items.lock(tx, order.itemId()).compose(found -> {
        if (found.isEmpty()) return Future.succeededFuture();
        Decision decision = lifecycle.decide(found.get(), order.command(), Actor.SYSTEM, now);
        if (decision instanceof Decision.Refused refused) {
          LOG.debug("item {} left as it is: {} ({})", order.itemId(), refused.reason(), refused.rule());
          return Future.succeededFuture();
        }
        applied.incrementAndGet();
        return apply(tx, changes, found.get(), decision, Actor.SYSTEM, now).mapEmpty();
      }));
    }
    return chain.compose(v -> changes.publish(tx, publisher)).map(v -> applied.get());
  }

  private Future<Item> apply(SqlClient tx, ItemChanges changes, Item item, Decision decision, Actor actor, Instant now) {
    if (decision instanceof Decision.Refused refused) return Future.failedFuture(refusalOf(refused, item));
    Decision.Accepted accepted = (Decision.Accepted) decision;
    return items.save(tx, item, accepted.item(), now)
        .compose(v -> items.append(tx, changes, item.id(), accepted.events(), actor, now))
        .compose(v -> reports.reportTimes(tx, item.id()))
        // the time after the lock was granted: the engine may have fired messages while this waited
        .compose(times -> watcher.changed(tx, accepted.item(), times, clock.instant()))
        .map(accepted.item());
  }

  /** A return or an acceptance also marks the report it was about. */
  private Future<Void> afterReview(SqlClient tx, long itemId, Command command) {
    if (command instanceof Command.ReturnReport r) return reports.reviewLatest(tx, itemId, r.unitId(), "returned");
    if (command instanceof Command.AcceptReport a) return reports.reviewLatest(tx, itemId, a.unitId(), "accepted");
    return Future.succeededFuture();
  }

  private static boolean onTime(Decision decision) {
    return decision instanceof Decision.Accepted a && a.events().get(0).data().getBoolean("onTime", true);
  }

  static boolean canSee(Principal who, Item item) {
    return canSee(who, item.sponsorUnitId(), item.units().keySet());
  }

  static boolean canSee(Principal who, JsonObject view) {
    return canSee(who, view.getLong("sponsorUnitId"),
        view.getJsonArray("units").stream().map(u -> ((JsonObject) u).getLong("unitId")).toList());
  }

  private static boolean canSee(Principal who, long sponsorUnitId, Collection<Long> unitIds) {
    return switch (who.role()) {
      case LIAISON -> who.unitId().filter(unitIds::contains).isPresent();
      case SPONSOR -> who.unitId().filter(u -> u == sponsorUnitId).isPresent();
      default -> true;
    };
  }

  static Actor actorOf(Principal who) {
    return new Actor(who.personId(), who.role(), who.unitId(), who.rank());
  }

  /** Refusals answer 403 naming the rule, 409 with the current state, or 422 naming the field. */
  static Refusal refusalOf(Decision.Refused refused, Item item) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    if (refused.rule() != null) extensions.put("rule", refused.rule());
    if (item != null) extensions.put("state", Vocabulary.wire(item.status()));
    String rule = refused.rule() == null ? "" : " (" + refused.rule() + ")";
    return switch (refused.kind()) {
      case FORBIDDEN -> new Refusal(Kind.FORBIDDEN, "forbidden", "Not allowed for your role", refused.reason() + rule, List.of(), extensions);
      case CONFLICT -> new Refusal(Kind.CONFLICT, "conflict", "Conflicts with the item's state", refused.reason() + rule, List.of(), extensions);
      case INVALID -> new Refusal(Kind.UNPROCESSABLE, "unprocessable", "Breaks a rule", refused.reason() + rule,
          List.of(new FieldError(refused.field(), refused.reason())), extensions);
    };
  }
}
