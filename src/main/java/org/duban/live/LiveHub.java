package org.duban.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.duban.auth.Principal;
import org.duban.db.Notifications;
import org.duban.item.ItemChange;
import org.duban.item.ItemChanges;
import org.duban.item.ItemService;
import org.duban.remind.NextReminders;
import org.duban.remind.Upcoming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node's hub of live item changes. Every transaction that changes items notifies {@link ItemChanges#CHANNEL}
 * as it commits, on whichever node it ran; the hub hears each notification, reads back once what it names
 * (each item's state and its new events, {@link ItemService#changes}, and each item's next waiting messages,
 * {@link NextReminders}) and hands each subscriber what the person it acts for may see of it, exactly as the API
 * would show them ({@link ItemChange#seenBy}, {@link Upcoming#firstSeenBy}), with that person's own unread count
 * on the item, read for every subscriber of a notification in one query ({@link ItemService#withUnread}).
 *
 * <p>Notifications are handled one at a time, in the order they arrive, on the hub's own context, and so are
 * the listeners called: a listener must not block (a socket queues its write and returns). The hub keeps,
 * per item, the last event it handed on, so an event read back twice (a notification naming many items reads
 * a whole range, which may hold another transaction's events) goes out once. If the listening connection drops,
 * notifications sent meanwhile are lost: every listener is then told to {@link Listener#resync}.
 *
 * <p>The hub also keeps the last {@link #KEPT_CHANGES} changes it handed on (no more than {@link #KEPT_BYTES} of
 * them), in that order, so that a socket reconnecting after a drop can be told what it missed ({@link #since})
 * instead of everything afresh. PostgreSQL delivers notifications to every listener in commit order, so every
 * node keeps them in the same order, and a phone may resume on another node than the one it left. A gap (the
 * connection dropped, a read-back failed) empties what is kept: nothing across it can be replayed.
 *
 * <p>The hub depends on the item and reminder packages; they know nothing of it.
 */
public final class LiveHub {
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  /** Items whose last delivered event is remembered; past this the least recently changed are forgotten. */
  static final int REMEMBERED_ITEMS = 100_000;
  /** Changes kept to replay to a socket that resumes, at most; an item as the API shows it is a few KB. */
  static final int KEPT_CHANGES = 2_000;
  /**
   * And at most this much of them, as JSON: an item's body and plan may each hold 20,000 characters, and 2,000
   * such would be a quarter of a gigabyte. Past either bound the oldest go.
   */
  static final long KEPT_BYTES = 8L * 1024 * 1024;

  /** What a subscriber is told. Called on the hub's context; it must not block. */
  public interface Listener {
    /** An item its person may see changed: the item as they may see it and the new events they may see, in order. */
    void changed(ItemChange change);

    /**
     * The same, with the next reminder the person may see of the item as it stands after the change (empty when
     * none waits): what a countdown shows. A listener that shows none need not look at it.
     */
    default void changed(ItemChange change, Optional<Upcoming> nextReminder) {
      changed(change);
    }

    /** Changes may have been missed (the hub's connection to PostgreSQL dropped and came back): read afresh. */
    default void resync() {
    }
  }

  /** A subscriber's registration; closing it stops its deliveries. */
  public interface Subscription extends AutoCloseable {
    Principal principal();

    @Override
    void close();
  }

  /** One change as one person may see it, with the next reminder they may see of its item. */
  public record Seen(ItemChange change, Optional<Upcoming> nextReminder) {
  }

  /**
   * What a resuming socket missed: the changes its person may see, in the order they were handed on, and the
   * last event the hub had handed on when they were read (null when none), after which the socket's own
   * deliveries go on.
   */
  public record Replay(List<Seen> changes, Long upTo) {
  }

  /** A change as handed on, with its item's next messages per unit, at its place in the hub's order; its size as JSON. */
  private record Kept(long place, ItemChange change, List<Upcoming> upcoming, long bytes) {
  }

  private final ItemService items;
  private final NextReminders reminders;
  private final Context context;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  // the hub's context alone
  private final Map<Long, Long> lastDelivered = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
      return size() > REMEMBERED_ITEMS;
    }
  };
  private final ArrayDeque<Kept> kept = new ArrayDeque<>();
  /** Each kept event's change, by the event's id: where a resume starts. */
  private final Map<Long, Long> placeOfEvent = new HashMap<>();
  private long places;
  private long keptBytes;
  /** The last event id handed on, read by sockets on other threads; null before the first and after a gap. */
  private volatile Long lastEventId;
  private Future<Void> queue = Future.succeededFuture();
  private boolean subscribedOnce;

  /** A hub that reads no reminders: only how changes travel is measured (the benchmarks). */
  public LiveHub(Vertx vertx, ItemService items) {
    this(vertx, items, NextReminders.NONE);
  }

  public LiveHub(Vertx vertx, ItemService items, NextReminders reminders) {
    this.items = items;
    this.reminders = reminders;
    this.context = vertx.getOrCreateContext();
  }
  /** Listens for item changes on {@code notifications} (before it is started). */
  public LiveHub listen(Notifications notifications) {
    notifications.on(ItemChanges.CHANNEL, new Notifications.Listener() {
      @Override
      public void subscribed() {
        context.runOnContext(v -> resubscribed());
      }

      @Override
      public void notified(String payload) {
        context.runOnContext(v -> heard(payload));
      }
    });
    return this;
  }

  /** {@code listener} is told, from now on, of the changes {@code who} may see. */
  public Subscription subscribe(Principal who, Listener listener) {
    Subscriber subscriber = new Subscriber(Objects.requireNonNull(who), Objects.requireNonNull(listener));
    subscribers.add(subscriber);
    return subscriber;
  }

  /** How many subscriptions are open on this node. */
  public int subscriptions() {
    return subscribers.size();
  }

  /** The last event id handed on to subscribers, or null: a snapshot read after this shows everything up to it. */
  public Long lastEventId() {
    return lastEventId;
  }

  /**
   * What {@code who} may see of the changes handed on after the one that carried {@code eventId}, with the next
   * reminders read with each; empty when that change is no longer kept (or never was, here) or when more than
   * {@code atMost} of them would be told: a fresh snapshot is then shorter and as good.
   */
  public Future<Optional<Replay>> since(Principal who, long eventId, int atMost) {
    Promise<Optional<Replay>> answer = Promise.promise();
    context.runOnContext(v -> answer.complete(replay(who, eventId, atMost)));
    return answer.future().compose(found -> found.isEmpty() ? Future.succeededFuture(found) : withUnread(who, found.get()).map(Optional::of));
  }

  /** A replayed item carries the reader's unread count as it stands now, as a fresh read of it would. */
  private Future<Replay> withUnread(Principal who, Replay replay) {
    if (replay.changes().isEmpty()) return Future.succeededFuture(replay);
    List<ItemChange> changes = replay.changes().stream().map(Seen::change).toList();
    return items.withUnread(changes, java.util.Collections.nCopies(changes.size(), who)).map(counted -> {
      List<Seen> told = new ArrayList<>(counted.size());
      for (int i = 0; i < counted.size(); i++) told.add(new Seen(counted.get(i), replay.changes().get(i).nextReminder()));
      return new Replay(told, replay.upTo());
    });
  }

  private Optional<Replay> replay(Principal who, long eventId, int atMost) {
    Long from = placeOfEvent.get(eventId);
    if (from == null) return Optional.empty();
    List<Seen> told = new ArrayList<>();
    for (Kept k : kept) {
      if (k.place() <= from) continue;
      Optional<ItemChange> seen = k.change().seenBy(who);
      if (seen.isEmpty()) continue;
      if (told.size() == atMost) return Optional.empty();
      told.add(new Seen(seen.get(), Upcoming.firstSeenBy(who, k.upcoming())));
    }
    return Optional.of(new Replay(told, lastEventId));
  }

  private void resubscribed() {
    // the first subscription is the start: nothing can have been missed before it
    if (!subscribedOnce) {
      subscribedOnce = true;
      return;
    }
    LOG.info("listening for item changes again; {} subscribers are told to read afresh", subscribers.size());
    gap();
  }

  /** Notifications may have been lost: nothing kept can be resumed across this, and every subscriber reads afresh. */
  private void gap() {
    kept.clear();
    placeOfEvent.clear();
    keptBytes = 0;
    lastEventId = null;
    subscribers.forEach(s -> s.tell(Listener::resync));
  }

  private void heard(String payload) {
    ItemChanges.Heard heard;
    try {
      heard = ItemChanges.Heard.parse(payload);
    } catch (IllegalArgumentException e) {
      LOG.warn("ignored a notification on {}: {}", ItemChanges.CHANNEL, e.getMessage());
      return;
    }
    // one read-back after another, so listeners hear an item's changes in the order they committed
    queue = queue.compose(v -> items.changes(heard))
        // after the items: the transaction re-planned their messages, so what waits now is what follows the change
        .compose(changes -> reminders.of(changes.stream().map(ItemChange::itemId).toList())
            .compose(upcoming -> deliver(changes, upcoming)))
        .recover(e -> {
          LOG.warn("could not read back the item changes {}..{}; subscribers are told to read afresh: {}",
              heard.firstEvent(), heard.lastEvent(), e.getMessage());
          gap();
          return Future.succeededFuture();
        });
  }

  private Future<Void> deliver(List<ItemChange> changes, Map<Long, List<Upcoming>> upcoming) {
    List<Subscriber> to = new ArrayList<>();
    List<ItemChange> seen = new ArrayList<>();
    List<Optional<Upcoming>> nextSeen = new ArrayList<>();
    for (ItemChange read : changes) {
      Optional<ItemChange> fresh = read.after(lastDelivered.getOrDefault(read.itemId(), 0L));
      if (fresh.isEmpty()) continue;
      ItemChange change = fresh.get();
      List<Upcoming> next = upcoming.getOrDefault(change.itemId(), List.of());
      lastDelivered.put(change.itemId(), change.lastEventId());
      keep(change, next);
      // what a person may see of a change depends on their role and unit only: one cut per view, shared
      Map<List<Object>, Optional<ItemChange>> views = new HashMap<>();
      for (Subscriber s : subscribers) {
        views.computeIfAbsent(List.of(s.who.role(), s.who.unitId()), k -> change.seenBy(s.who)).ifPresent(c -> {
          to.add(s);
          seen.add(c);
          nextSeen.add(Upcoming.firstSeenBy(s.who, next));
        });
      }
    }
    return withUnread(to, seen, nextSeen);
  }

  /** Each subscriber's change carries their own unread count on the item, read for all of them at once, then goes out in order. */
  private Future<Void> withUnread(List<Subscriber> to, List<ItemChange> seen, List<Optional<Upcoming>> next) {
    if (seen.isEmpty()) return Future.succeededFuture();
    return items.withUnread(seen, to.stream().map(s -> s.who).toList()).map(counted -> {
      for (int i = 0; i < counted.size(); i++) {
        ItemChange change = counted.get(i);
        Optional<Upcoming> first = next.get(i);
        to.get(i).tell(l -> l.changed(change, first));
      }
      return null;
    });
  }

  /** Kept before any subscriber is told, so that a socket reading {@link #lastEventId} hears of every later one. */
  private void keep(ItemChange change, List<Upcoming> upcoming) {
    long bytes = change.item().encode().length() + change.events().stream().mapToLong(e -> e.encode().length()).sum();
    Kept k = new Kept(++places, change, upcoming, bytes);
    kept.addLast(k);
    keptBytes += bytes;
    change.events().forEach(e -> placeOfEvent.put(e.getLong("id"), k.place()));
    while (kept.size() > KEPT_CHANGES || (keptBytes > KEPT_BYTES && kept.size() > 1)) {
      Kept oldest = kept.removeFirst();
      keptBytes -= oldest.bytes();
      oldest.change().events().forEach(e -> placeOfEvent.remove(e.getLong("id")));
    }
    lastEventId = change.lastEventId();
  }

  private final class Subscriber implements Subscription {
    final Principal who;
    final Listener listener;

    Subscriber(Principal who, Listener listener) {
      this.who = who;
      this.listener = listener;
    }

    /** One listener that throws harms no other. */
    void tell(java.util.function.Consumer<Listener> what) {
      try {
        what.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("a live listener failed: {}", e.toString());
      }
    }

    @Override
    public Principal principal() {
      return who;
    }

    @Override
    public void close() {
      subscribers.remove(this);
    }
  }
}
