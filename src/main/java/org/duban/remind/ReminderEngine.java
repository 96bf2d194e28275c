package org.duban.remind;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import org.duban.auth.SignInLinks;
import org.duban.db.Rows;
import org.duban.item.Command;
import org.duban.item.SystemCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The timer wheel (Netty's hashed wheel) over the durable schedule. Every second it loads the planned
 * messages due within the next minute into the wheel; when one comes due, it is claimed in the
 * database (so whichever node claims first sends it, and only it), its outgoing SMS are written to the
 * outbox in the same transaction, and the relay is woken. A message found already overdue, after a
 * restart say, fires at once and is marked late. Drill clock changes reload the wheel.
 */
public final class ReminderEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ReminderEngine.class);
  static final Duration LOOKAHEAD = Duration.ofSeconds(60);
  static final long SCAN_EVERY_MS = 1_000;
  static final int SCAN_LIMIT = 50_000;
  static final int CLAIM_BATCH = 1_000;
  static final int CLAIMS_IN_FLIGHT = 2;

  private final Vertx vertx;
  private final Clock clock;
  private final String node;
  private final FiringRepository firing;
  private final Pool pool;
  private final Runnable onFired;
  private final SystemCommands items;
  private final HashedWheelTimer wheel = new HashedWheelTimer(ReminderEngine::wheelThread, 10, TimeUnit.MILLISECONDS, 2048);
  private final Map<String, Timeout> scheduled = new ConcurrentHashMap<>();
  private final Queue<Fired> due = new ConcurrentLinkedQueue<>();
  // the context's alone: keys come due by item, and the items a batch in flight holds
  private final Map<Long, ArrayDeque<Fired>> waiting = new LinkedHashMap<>();
  private final Set<Long> busyItems = new HashSet<>();
  private final Policies policies;
  private final SignInLinks links;
  private Context context;
  private long scanTimer = -1;
  private boolean scanning;
  private int inFlight;
  private volatile boolean stopped;

  /**
   * @param items what an escalation does to its item goes through here (R16, R18), in the claiming transaction
   * @param links mints each SMS's link to its item, in the claiming transaction
   * @param onFired told after each batch is claimed and written, to hand the outbox to the channels
   */
  public ReminderEngine(Vertx vertx, Pool pool, Clock clock, String node, SystemCommands items, SignInLinks links, Runnable onFired) {
    this.items = items;
    this.links = links;
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.node = node;
    this.firing = new FiringRepository(pool);
    this.policies = new Policies(pool);
    this.onFired = onFired;
  }

  public void start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      if (stopped) return;
      scanTimer = vertx.setPeriodic(SCAN_EVERY_MS, id -> scan());
      scan();
    });
  }

  public void stop() {
    stopped = true;
    if (scanTimer >= 0) vertx.cancelTimer(scanTimer);
    wheel.stop();
  }

  /** A daemon: the wheel must never keep a stopping process alive. */
  private static Thread wheelThread(Runnable work) {
    Thread thread = new Thread(work, "duban-timer-wheel");
    thread.setDaemon(true);
    return thread;
  }

  /** The drill clock jumped: every delay in the wheel is wrong, so it is emptied and filled again. */
  public void timeChanged() {
    context.runOnContext(v -> {
      scheduled.values().forEach(Timeout::cancel);
      scheduled.clear();
      scanning = false;
      scan();
    });
  }

  private void scan() {
    if (scanning || stopped) return;
    scanning = true;
    firing.due(clock.instant().plus(LOOKAHEAD), SCAN_LIMIT)
        .onSuccess(found -> {
          if (!stopped) found.forEach(d -> scheduled.computeIfAbsent(d.key(), key -> schedule(d)));
        })
        .onFailure(e -> LOG.warn("could not read the planned messages: {}", e.getMessage()))
        .onComplete(done -> scanning = false);
  }

  /** A message come due, with the timer that said so. */
  private record Fired(FiringRepository.Due due, Timeout timeout) {
  }

  private Timeout schedule(FiringRepository.Due d) {
    // rounded up: a timer a fraction of a millisecond early would fire a message before its time
    long delay = Math.max(0, (Duration.between(clock.instant(), d.sendAt()).toNanos() + 999_999) / 1_000_000);
    return wheel.newTimeout(timeout -> {
      due.add(new Fired(d, timeout));
      context.runOnContext(v -> claimDue());
    }, delay, TimeUnit.MILLISECONDS);
  }

  /**
   * Claims what has come due, in batches, up to {@link #CLAIMS_IN_FLIGHT} at once. Two batches never
   * share an item: each would lock it, and the second would skip it and leave its keys to the next scan.
   */
  private void claimDue() {
    drainDue();
    while (inFlight < CLAIMS_IN_FLIGHT && !stopped) {
      Map<Long, List<Fired>> batch = nextBatch();
      if (batch.isEmpty()) return;
      inFlight++;
      busyItems.addAll(batch.keySet());
      List<Fired> fired = batch.values().stream().flatMap(List::stream).toList();
      List<String> keys = fired.stream().map(f -> f.due().key()).toList();
      claim(keys)
          .onSuccess(count -> {
            if (count > 0) onFired.run();
          })
          .onFailure(e -> LOG.warn("claiming {} due messages failed, they stay planned: {}", keys.size(), e.getMessage()))
          .onComplete(done -> {
            // only the timer that fired: after a clock change the key may already have a new one
            fired.forEach(f -> scheduled.remove(f.due().key(), f.timeout()));
            busyItems.removeAll(batch.keySet());
            inFlight--;
            claimDue();
          });
    }
  }

  /** The wheel's thread hands keys over through a queue; from here on they are the context's alone. */
  private void drainDue() {
    Fired f;
    while ((f = due.poll()) != null) waiting.computeIfAbsent(f.due().itemId(), item -> new ArrayDeque<>()).add(f);
  }

  /** Up to {@link #CLAIM_BATCH} keys of items no batch in flight holds, earliest arrivals first. */
  private Map<Long, List<Fired>> nextBatch() {
    Map<Long, List<Fired>> batch = new LinkedHashMap<>();
    int size = 0;
    Iterator<Map.Entry<Long, ArrayDeque<Fired>>> items = waiting.entrySet().iterator();
    while (size < CLAIM_BATCH && items.hasNext()) {
      Map.Entry<Long, ArrayDeque<Fired>> item = items.next();
      if (busyItems.contains(item.getKey())) continue;
      List<Fired> keys = batch.computeIfAbsent(item.getKey(), id -> new ArrayList<>());
      while (size < CLAIM_BATCH && !item.getValue().isEmpty()) {
        keys.add(item.getValue().poll());
        size++;
      }
      if (item.getValue().isEmpty()) items.remove();
    }
    return batch;
  }

  /**
   * One batch in one transaction: claim, decide what a late claim changes (LateFiring), apply the
   * escalation effects, write the outbox. Answers how many messages go out.
   */
  private Future<Integer> claim(List<String> keys) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> firing.claim(tx, keys, now, node).compose(claimed -> claimed.isEmpty()
        ? Future.succeededFuture(0)
        : policies(tx, claimed).compose(byVersion -> firing.context(tx, claimed.stream().map(FiringRepository.Claimed::itemId).distinct().toList())
            .compose(context -> {
              LateFiring.Outcome outcome = LateFiring.sort(claimed, now,
                  version -> byVersion.get(version).quietHours(), (item, unit) -> deadline(context, item, unit));
              List<FiringRepository.Claimed> sent = outcome.send().stream().map(LateFiring.Send::message).toList();
              // the quiet hours hold the SMS, not what the message does to the item: that happens when it is due
              List<FiringRepository.Claimed> acting = new ArrayList<>(sent);
              claimed.stream().filter(c -> outcome.hold().containsKey(c.key())).forEach(acting::add);
              return firing.hold(tx, outcome.hold())
                  .compose(v -> firing.skip(tx, outcome.skip()))
                  .compose(v -> firing.carried(tx, outcome.send()))
                  .compose(v -> effects(tx, acting, now))
                  .compose(v -> outgoing(tx, sent, context))
                  .compose(sms -> firing.outbox(tx, sms, now))
                  .map(sent.size());
            }))));
  }

  /** The policy versions a batch was planned under (each read once: a stored version never changes). */
  private Future<Map<Integer, ReminderPolicy>> policies(SqlClient tx, List<FiringRepository.Claimed> claimed) {
    Map<Integer, ReminderPolicy> byVersion = new HashMap<>();
    Future<Void> loaded = Future.succeededFuture();
    for (int version : claimed.stream().map(FiringRepository.Claimed::policyVersion).distinct().toList()) {
      loaded = loaded.compose(v -> policies.version(tx, version).map(p -> {
        byVersion.put(version, p);
        return null;
      }));
    }
    return loaded.map(v -> byVersion);
  }

  private static Optional<Instant> deadline(FiringRepository.Context context, long itemId, Long unitId) {
    Row unit = unitId == null ? null : context.units().getOrDefault(itemId, Map.of()).get(unitId);
    return Optional.ofNullable(unit == null ? null : Rows.instant(unit, "deadline"));
  }

  /**
   * The SMS of a batch, each with its own sign-in link; a message with nobody to send it to is fired all
   * the same, and said so.
   */
  private Future<List<FiringRepository.Outgoing>> outgoing(SqlClient tx, List<FiringRepository.Claimed> claimed,
                                                           FiringRepository.Context context) {
    List<Messages.Sms> sms = new ArrayList<>();
    for (FiringRepository.Claimed c : claimed) {
      List<Messages.Sms> of = Messages.of(c, context);
      if (of.isEmpty()) LOG.warn("reminder {} fired with no phone to send it to (item {}, {})", c.key(), c.itemId(), c.recipient());
      sms.addAll(of);
    }
    List<SignInLinks.Wanted> wanted = sms.stream().map(m -> new SignInLinks.Wanted(m.message().itemId(), m.unitId(), m.phone())).toList();
    return links.mint(tx, wanted).map(minted -> {
      List<FiringRepository.Outgoing> out = new ArrayList<>(sms.size());
      for (int i = 0; i < sms.size(); i++) {
        Optional<SignInLinks.Link> link = minted.get(i);
        out.add(sms.get(i).outgoing(link.map(SignInLinks.Link::url), link.map(SignInLinks.Link::code)));
      }
      return out;
    });
  }

  /**
   * R16, R18: a key supervision or hand-off message also puts the item under key supervision: a system
   * command of the item package, in this transaction, all of the batch's in one call (so one notification).
   */
  private Future<Void> effects(SqlClient tx, List<FiringRepository.Claimed> claimed, Instant now) {
    List<SystemCommands.Order> orders = new ArrayList<>();
    for (FiringRepository.Claimed c : claimed) {
      boolean escalates = c.kinds().contains(Planned.KEY_SUPERVISION) || c.kinds().contains(Planned.MONTHLY_HAND_OFF);
      if (escalates) {
        String rule = c.kinds().contains(Planned.KEY_SUPERVISION) ? "R16" : "R18";
        orders.add(new SystemCommands.Order(c.itemId(), new Command.EnterKeySupervision(rule, c.key())));
      }
    }
    return orders.isEmpty() ? Future.succeededFuture() : items.apply(tx, orders, now).mapEmpty();
  }
}
