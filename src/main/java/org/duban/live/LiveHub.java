package org.duban.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.duban.auth.Principal;
import org.duban.db.Notifications;
import org.duban.item.ItemChange;
import org.duban.item.ItemChanges;
import org.duban.item.ItemService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
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
 * (each item's state and its new events, {@link ItemService#changes}) and hands each subscriber what the person
 * it acts for may see of it, exactly as the API would show them ({@link ItemChange#seenBy}), with that person's
 * own unread count on the item, read for every subscriber of a notification in one query ({@link ItemService#withUnread}).
 *
 * <p>Notifications are handled one at a time, in the order they arrive, on the hub's own context, and so are
 * the listeners called: a listener must not block (a socket queues its write and returns). The hub keeps,
 * per item, the last event it handed on, so an event read back twice (a notification naming many items reads
 * a whole range, which may hold another transaction's events) goes out once. If the listening connection drops,
 * notifications sent meanwhile are lost: every listener is then told to {@link Listener#resync}.
 *
 * <p>The hub depends on the item package; the item and reminder packages know nothing of it.
 */
public final class LiveHub {
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  /** Items whose last delivered event is remembered; past this the least recently changed are forgotten. */
  static final int REMEMBERED_ITEMS = 100_000;

  /** What a subscriber is told. Called on the hub's context; it must not block. */
  public interface Listener {
    /** An item its person may see changed: the item as they may see it and the new events they may see, in order. */
    void changed(ItemChange change);

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

  private final ItemService items;
  private final Context context;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  // the hub's context alone
  private final Map<Long, Long> lastDelivered = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
      return size() > REMEMBERED_ITEMS;
    }
  };
  private Future<Void> queue = Future.succeededFuture();
  private boolean subscribedOnce;

  public LiveHub(Vertx vertx, ItemService items) {
    this.items = items;
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

  private void resubscribed() {
    // the first subscription is the start: nothing can have been missed before it
    if (!subscribedOnce) {
      subscribedOnce = true;
      return;
    }
    LOG.info("listening for item changes again; {} subscribers are told to read afresh", subscribers.size());
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
        .compose(this::deliver)
        .recover(e -> {
          LOG.warn("could not read back the item changes {}..{}; subscribers are told to read afresh: {}",
              heard.firstEvent(), heard.lastEvent(), e.getMessage());
          subscribers.forEach(s -> s.tell(Listener::resync));
          return Future.succeededFuture();
        });
  }

  private Future<Void> deliver(List<ItemChange> changes) {
    List<Subscriber> to = new ArrayList<>();
    List<ItemChange> seen = new ArrayList<>();
    for (ItemChange read : changes) {
      Optional<ItemChange> fresh = read.after(lastDelivered.getOrDefault(read.itemId(), 0L));
      if (fresh.isEmpty()) continue;
      ItemChange change = fresh.get();
      lastDelivered.put(change.itemId(), change.lastEventId());
      for (Subscriber s : subscribers) {
        change.seenBy(s.who).ifPresent(c -> {
          to.add(s);
          seen.add(c);
        });
      }
    }
    return withUnread(to, seen);
  }

  /** Each subscriber's change carries their own unread count on the item, read for all of them at once, then goes out in order. */
  private Future<Void> withUnread(List<Subscriber> to, List<ItemChange> seen) {
    if (seen.isEmpty()) return Future.succeededFuture();
    return items.withUnread(seen, to.stream().map(s -> s.who).toList()).map(counted -> {
      for (int i = 0; i < counted.size(); i++) {
        ItemChange change = counted.get(i);
        to.get(i).tell(l -> l.changed(change));
      }
      return null;
    });
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
