package org.duban.remind;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

  private final Vertx vertx;
  private final Clock clock;
  private final String node;
  private final FiringRepository firing;
  private final Pool pool;
  private final Runnable onFired;
  private final HashedWheelTimer wheel = new HashedWheelTimer(ReminderEngine::wheelThread, 10, TimeUnit.MILLISECONDS, 2048);
  private final Map<String, Timeout> scheduled = new ConcurrentHashMap<>();
  private final Queue<String> due = new ConcurrentLinkedQueue<>();
  private Context context;
  private long scanTimer = -1;
  private boolean scanning;
  private boolean claiming;
  private volatile boolean stopped;

  /** @param onFired told after each batch is claimed and written, to hand the outbox to the channels */
  public ReminderEngine(Vertx vertx, Pool pool, Clock clock, String node, Runnable onFired) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.node = node;
    this.firing = new FiringRepository(pool);
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
          if (!stopped) found.forEach(d -> scheduled.computeIfAbsent(d.key(), key -> schedule(key, d.sendAt())));
        })
        .onFailure(e -> LOG.warn("could not read the planned messages: {}", e.getMessage()))
        .onComplete(done -> scanning = false);
  }

  private Timeout schedule(String key, Instant sendAt) {
    // rounded up: a timer a fraction of a millisecond early would fire a message before its time
    long delay = Math.max(0, (Duration.between(clock.instant(), sendAt).toNanos() + 999_999) / 1_000_000);
    return wheel.newTimeout(timeout -> {
      due.add(key);
      context.runOnContext(v -> claimDue());
    }, delay, TimeUnit.MILLISECONDS);
  }

  /** Claims what has come due, a batch at a time, one batch in flight. */
  private void claimDue() {
    if (claiming || due.isEmpty()) return;
    claiming = true;
    List<String> batch = new ArrayList<>();
    String key;
    while (batch.size() < CLAIM_BATCH && (key = due.poll()) != null) batch.add(key);
    claim(batch)
        .onSuccess(count -> {
          if (count > 0) onFired.run();
        })
        .onFailure(e -> LOG.warn("claiming {} due messages failed, they stay planned: {}", batch.size(), e.getMessage()))
        .onComplete(done -> {
          batch.forEach(scheduled::remove);
          claiming = false;
          claimDue();
        });
  }

  private Future<Integer> claim(List<String> keys) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> firing.claim(tx, keys, now, node).compose(claimed -> claimed.isEmpty()
        ? Future.succeededFuture(0)
        : firing.context(tx, claimed.stream().map(FiringRepository.Claimed::itemId).distinct().toList())
            .compose(context -> effects(tx, claimed, now).compose(v -> firing.outbox(tx, outgoing(claimed, context), now)))
            .map(claimed.size())));
  }

  /** The SMS of a batch; a message with nobody to send it to is fired all the same, and said so. */
  private static List<FiringRepository.Outgoing> outgoing(List<FiringRepository.Claimed> claimed, FiringRepository.Context context) {
    List<FiringRepository.Outgoing> out = new ArrayList<>();
    for (FiringRepository.Claimed c : claimed) {
      List<FiringRepository.Outgoing> sms = Messages.of(c, context);
      if (sms.isEmpty()) LOG.warn("reminder {} fired with no phone to send it to (item {}, {})", c.key(), c.itemId(), c.recipient());
      out.addAll(sms);
    }
    return out;
  }

  /** R16, R18: a key supervision or hand-off message also puts the item under key supervision. */
  private Future<Void> effects(SqlClient tx, List<FiringRepository.Claimed> claimed, Instant now) {
    Future<Void> chain = Future.succeededFuture();
    for (FiringRepository.Claimed c : claimed) {
      boolean escalates = c.kinds().contains(Planned.KEY_SUPERVISION) || c.kinds().contains(Planned.MONTHLY_HAND_OFF);
      if (escalates) {
        String rule = c.kinds().contains(Planned.KEY_SUPERVISION) ? "R16" : "R18";
        chain = chain.compose(v -> firing.enterKeySupervision(tx, c.itemId(), rule, now));
      }
    }
    return chain;
  }
}
