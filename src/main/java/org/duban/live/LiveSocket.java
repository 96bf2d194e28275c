package org.duban.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import org.duban.auth.Principal;
import org.duban.item.ItemChange;
import org.duban.live.LiveHub.Seen;
import org.duban.live.LiveSockets.Close;
import org.duban.remind.Upcoming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One {@code /live} socket. Everything it does runs on the event loop that accepted it: what the client sends,
 * what the hub hands on (moved onto that loop), the countdown timer and the session re-check. It only ever
 * reads: no message can change data.
 *
 * <p>What the phone shows is opened, and renewed after a resync, by one read at a time: a snapshot of the
 * person's items, or, for a phone that resumes, the changes it missed replayed from the hub. While one is read
 * the hub's changes are held, and sent after it.
 */
final class LiveSocket implements LiveHub.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
  /** Changes heard while a snapshot is read are held, at most this many, then sent after it. */
  private static final int HELD_CHANGES = 256;
  /** Messages a client may have waiting for an answer that needs the database (auth); past this it floods. */
  static final int WAITING_MESSAGES = 16;
  /** At most this many changes are replayed to a phone that resumes; more, and a snapshot is the shorter answer. */
  static final int REPLAY_LIMIT = 100;

  /** A read that opens or renews what the phone shows. */
  private sealed interface Read permits Snapshot, Resume {
  }

  /** Everything afresh; {@code reason} as the snapshot says it. */
  private record Snapshot(String reason) implements Read {
  }

  /** What came after the change that carried event {@code after}, or a snapshot when that cannot be told. */
  private record Resume(long after) implements Read {
  }

  /** The person's first page of items, as a snapshot shows them, each with its countdown. */
  private record Page(List<JsonObject> rows, Map<Long, Countdown> countdowns, boolean complete) {
  }

  private final LiveSockets node;
  private final ServerWebSocket ws;
  private final Context context;
  private Future<Void> inbound = Future.succeededFuture();
  private int waiting;
  private boolean reading;
  /** The read asked for while another was read; null when none was. */
  private Read pending;
  private volatile UUID sessionId;
  private Principal principal;
  private Instant tokenExpiry;
  private LiveHub.Subscription subscription;
  private boolean closed;
  private long authTimer = -1;
  private long phaseTimer = -1;
  private boolean rereading;
  /** Each item this socket has shown, with its countdown and the phase it last said. */
  private final Map<Long, Countdown> countdowns = new HashMap<>();
  private final Map<Long, String> phases = new HashMap<>();
  private List<Seen> held;
  private boolean heldOverflow;

  LiveSocket(LiveSockets node, ServerWebSocket ws, Context context) {
    this.node = node;
    this.ws = ws;
    this.context = context;
  }

  UUID sessionId() {
    return sessionId;
  }

  /** @param offer what the upgrade offered: a token there authenticates the socket before any message */
  void start(ProtocolOffer offer) {
    ws.setWriteQueueMaxSize(node.settings.writeQueueBytes());
    ws.textMessageHandler(text -> {
      if (closed) return;
      if (++waiting > WAITING_MESSAGES) {
        close(Close.FLOOD, "at most " + WAITING_MESSAGES + " messages may wait for an answer");
        return;
      }
      then(() -> received(text)).onComplete(done -> waiting--);
    });
    ws.binaryMessageHandler(binary -> close(Close.MALFORMED, "messages are JSON text"));
    ws.exceptionHandler(e -> LOG.debug("live socket failed: {}", e.toString()));
    ws.closeHandler(v -> ended());
    if (offer.token().isPresent()) {
      // a message sent meanwhile waits behind it, as behind an auth message
      then(() -> authenticate(offer.token().get(), offer.lastEventId()));
      return;
    }
    authTimer = node.vertx.setTimer(node.settings.authTimeout().toMillis(), id -> {
      authTimer = -1;
      if (principal == null) close(Close.SIGN_IN_AGAIN, "no auth message in time; sign in again");
    });
  }

  /** One thing after another, as the client sent them; a failure (the database, say) ends the socket. */
  private Future<Void> then(Supplier<Future<Void>> next) {
    inbound = inbound.compose(v -> closed ? Future.succeededFuture() : next.get())
        .recover(e -> {
          LOG.warn("a live message failed: {}", e.toString());
          close(Close.SIGN_IN_AGAIN, "the server could not check the session; sign in again");
          return Future.succeededFuture();
        });
    return inbound;
  }

  private Future<Void> received(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > LiveSockets.MAX_MESSAGE_BYTES) {
      close(Close.TOO_BIG, "a message may be at most " + LiveSockets.MAX_MESSAGE_BYTES + " bytes");
      return Future.succeededFuture();
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      close(Close.MALFORMED, "a message must be a JSON object");
      return Future.succeededFuture();
    }
    Object type = message.getValue("type");
    if (!(type instanceof String)) {
      close(Close.MALFORMED, "a message must have a string type");
      return Future.succeededFuture();
    }
    switch ((String) type) {
      case "auth":
        if (!(message.getValue("token") instanceof String token) || token.isEmpty()) {
          close(Close.SIGN_IN_AGAIN, "auth needs a token");
          return Future.succeededFuture();
        }
        return withEventId(message, after -> authenticate(token, after));
      case "resume":
      case "ping":
        if (principal == null) {
          close(Close.SIGN_IN_AGAIN, "the first message must be auth");
          return Future.succeededFuture();
        }
        if ("ping".equals(type)) {
          send(new JsonObject().put("type", "pong"));
          return Future.succeededFuture();
        }
        return withEventId(message, after -> {
          request(after.<Read>map(Resume::new).orElse(new Snapshot("resume")));
          return Future.succeededFuture();
        });
      default:
        close(Close.UNKNOWN_TYPE, "unknown message type");
        return Future.succeededFuture();
    }
  }

  /** The message's {@code lastEventId}, absent or a non-negative whole number; anything else is malformed. */
  private Future<Void> withEventId(JsonObject message, Function<Optional<Long>, Future<Void>> then) {
    Object value = message.getValue("lastEventId");
    if (value == null) return then.apply(Optional.empty());
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
      return then.apply(Optional.of(((Number) value).longValue()));
    }
    close(Close.MALFORMED, "lastEventId must be an event id");
    return Future.succeededFuture();
  }

  /**
   * The token checked as the API checks it: signature and expiry, then the session and the person's role now.
   * The first one opens what the phone shows: from {@code resumeAfter} when it gave one, else a snapshot.
   */
  private Future<Void> authenticate(String token, Optional<Long> resumeAfter) {
    return node.tokens.authenticate(new TokenCredentials(token))
        .map(Optional::of).otherwise(Optional.<User>empty())
        .compose(user -> {
          Optional<UUID> sid = user.flatMap(LiveSocket::sessionOf);
          if (sid.isEmpty()) return Future.succeededFuture(Optional.<Principal>empty());
          return node.auth.principal(sid.get());
        })
        .compose(found -> {
          if (closed) return Future.succeededFuture();
          if (found.isEmpty()) {
            close(Close.SIGN_IN_AGAIN, "the token is not valid or the session has ended; sign in again");
            return Future.succeededFuture();
          }
          Principal who = found.get();
          if (principal != null && principal.personId() != who.personId()) {
            close(Close.SIGN_IN_AGAIN, "a socket stays with the person who opened it");
            return Future.succeededFuture();
          }
          if (!node.admit(this, who.personId())) {
            close(Close.TOO_MANY, "at most " + node.settings.socketsPerPerson() + " live sockets per person");
            return Future.succeededFuture();
          }
          if (authTimer >= 0) {
            node.vertx.cancelTimer(authTimer);
            authTimer = -1;
          }
          tokenExpiry = expiryOf(token);
          sessionId = who.sessionId();
          boolean same = who.equals(principal);
          boolean first = principal == null;
          principal = who;
          send(new JsonObject().put("type", "authenticated").put("personId", who.personId()).put("role", who.role().wire())
              .put("tokenExpiresAt", tokenExpiry == null ? null : tokenExpiry.toString()));
          if (same) return Future.succeededFuture();
          // a first auth, or the same person whose access changed: what they may see is read afresh
          if (subscription != null) subscription.close();
          // what was held for the access they had is not theirs to see now; the read that follows holds afresh
          if (held != null) held = new ArrayList<>();
          heldOverflow = false;
          subscription = node.hub.subscribe(who, this);
          request(first && resumeAfter.isPresent() ? new Resume(resumeAfter.get()) : new Snapshot("auth"));
          return Future.succeededFuture();
        });
  }

  /**
   * One read at a time: one asked for while another is read follows it. A snapshot asked for meanwhile answers
   * any resume asked for too, and any number of snapshots are answered by one.
   */
  private void request(Read read) {
    if (closed) return;
    if (reading) {
      if (!(pending instanceof Snapshot)) pending = read;
      return;
    }
    reading = true;
    // from here every change the hub hands on waits for the read, so none is lost between what it reads and what follows
    if (held == null) held = new ArrayList<>();
    cancelPhaseTimer();
    Future<Void> done = read instanceof Snapshot s ? snapshot(s.reason()) : resume(((Resume) read).after());
    done.onComplete(result -> {
      reading = false;
      if (result.failed()) {
        LOG.warn("a live read failed: {}", result.cause().toString());
        close(Close.SERVER_ERROR, "the server could not read your items; reconnect");
        return;
      }
      Read next = pending;
      pending = null;
      if (next != null) request(next);
    });
  }

  /**
   * The person's items as {@code GET /items} shows them, the first page, each with its countdown; and the last
   * event the hub had handed on before the read, from which a phone may later resume.
   */
  private Future<Void> snapshot(String why) {
    Principal who = principal;
    Long upTo = node.hub.lastEventId();
    return page(who).map(page -> {
      if (closed || who != principal) return null;
      Instant now = node.clock.clock().instant();
      showing(page, now);
      JsonArray shown = new JsonArray();
      for (JsonObject row : page.rows()) {
        shown.add(row.copy().put("countdown", page.countdowns().get(row.getLong("id")).toJson(now)));
      }
      send(new JsonObject().put("type", "snapshot").put("reason", why).put("items", shown)
          .put("limit", LiveSockets.SNAPSHOT_LIMIT).put("complete", page.complete()).put("lastEventId", upTo));
      sendHeld(Map.of());
      return null;
    }).mapEmpty();
  }

  /**
   * What the phone missed since the change that carried {@code after}, if the hub still has it all and it is
   * short: each change as an {@code item} message, then {@code resumed} with every item's countdown now (the
   * clock may have moved their phases meanwhile). Otherwise a snapshot.
   */
  private Future<Void> resume(long after) {
    Principal who = principal;
    return onThisLoop(node.hub.since(who, after, REPLAY_LIMIT)).compose(found -> {
      if (closed || who != principal) return Future.succeededFuture();
      if (found.isEmpty()) return snapshot("resume");
      LiveHub.Replay replay = found.get();
      return page(who).map(page -> {
        if (closed || who != principal) return null;
        Instant now = node.clock.clock().instant();
        Map<Long, Long> replayed = new HashMap<>();
        for (Seen seen : replay.changes()) {
          sendItem(seen.change(), Countdown.ofItem(seen.change().item(), seen.nextReminder()), now);
          replayed.put(seen.change().itemId(), seen.change().lastEventId());
        }
        // the page is read after what it replays: its countdowns are the ones that stand
        showing(page, now);
        JsonArray shown = new JsonArray();
        page.countdowns().forEach((id, countdown) -> shown.add(new JsonObject().put("itemId", id).put("countdown", countdown.toJson(now))));
        send(new JsonObject().put("type", "resumed").put("replayed", replay.changes().size()).put("lastEventId", replay.upTo())
            .put("countdowns", shown));
        sendHeld(replayed);
        return null;
      }).mapEmpty();
    });
  }

  /** The first page of the person's items and, in one more query, the next reminder of each they may see. */
  private Future<Page> page(Principal who) {
    return node.items.listAll(who, LiveSockets.SNAPSHOT_LIMIT).compose(page -> {
      List<JsonObject> rows = page.getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
      return node.reminders.of(rows.stream().map(r -> r.getLong("id")).toList()).map(next -> {
        Map<Long, Countdown> countdowns = new HashMap<>();
        for (JsonObject row : rows) {
          long id = row.getLong("id");
          countdowns.put(id, Countdown.ofRow(row, Upcoming.firstSeenBy(who, next.getOrDefault(id, List.of()))));
        }
        return new Page(rows, countdowns, !page.containsKey("nextCursor"));
      });
    });
  }

  /** What the phone now shows: these countdowns, each in the phase it was just told. */
  private void showing(Page page, Instant now) {
    countdowns.clear();
    phases.clear();
    page.countdowns().forEach((id, countdown) -> {
      countdowns.put(id, countdown);
      phases.put(id, countdown.phaseAt(now));
    });
  }

  /**
   * The changes held while reading, less the events already sent ({@code sent}, the last event id per item):
   * one item's event ids rise in commit order, so anything at or below it went out in the replay.
   */
  private void sendHeld(Map<Long, Long> sent) {
    if (closed) return;
    List<Seen> waiting = held;
    boolean overflow = heldOverflow;
    held = null;
    heldOverflow = false;
    if (overflow) {
      pending = new Snapshot("resync");
      return;
    }
    for (Seen seen : waiting) {
      seen.change().after(sent.getOrDefault(seen.change().itemId(), 0L)).ifPresent(change -> deliver(change, seen.nextReminder()));
    }
    schedulePhases();
  }

  /** Only from a hub that reads no reminders; the hub this socket is given tells {@link #changed(ItemChange, Optional)}. */
  @Override
  public void changed(ItemChange change) {
    changed(change, Optional.empty());
  }

  @Override
  public void changed(ItemChange change, Optional<Upcoming> nextReminder) {
    context.runOnContext(v -> {
      if (closed || principal == null) return;
      if (held != null) {
        if (held.size() < HELD_CHANGES) held.add(new Seen(change, nextReminder));
        else heldOverflow = true;
        return;
      }
      deliver(change, nextReminder);
      schedulePhases();
    });
  }

  @Override
  public void resync() {
    context.runOnContext(v -> {
      if (!closed && principal != null) request(new Snapshot("resync"));
    });
  }

  private void deliver(ItemChange change, Optional<Upcoming> nextReminder) {
    Instant now = node.clock.clock().instant();
    Countdown countdown = Countdown.ofItem(change.item(), nextReminder);
    countdowns.put(change.itemId(), countdown);
    phases.put(change.itemId(), countdown.phaseAt(now));
    sendItem(change, countdown, now);
  }

  private void sendItem(ItemChange change, Countdown countdown, Instant now) {
    send(new JsonObject().put("type", "item").put("item", change.item()).put("countdown", countdown.toJson(now))
        .put("events", new JsonArray(new ArrayList<>(change.events()))));
  }

  /** A drill moved the clock: countdowns are looked at now, and the timer set again. */
  void timeChanged() {
    context.runOnContext(v -> {
      if (!closed && principal != null) schedulePhases();
    });
  }

  /**
   * Says every phase that changed by the clock, reads what follows each reminder whose time has come, then waits
   * for the next moment either happens to this socket's items. Not while a read is under way: it sets them anew.
   */
  private void schedulePhases() {
    cancelPhaseTimer();
    if (closed || held != null) return;
    Instant now = node.clock.clock().instant();
    Instant next = null;
    List<Long> remindersDue = new ArrayList<>();
    for (Map.Entry<Long, Countdown> e : countdowns.entrySet()) {
      Countdown countdown = e.getValue();
      if (countdown.reminderDue(now)) remindersDue.add(e.getKey());
      else if (!countdown.phaseAt(now).equals(phases.get(e.getKey()))) sayCountdown(e.getKey(), countdown, now);
      if (closed) return;
      Optional<Instant> boundary = countdown.nextBoundary(now);
      if (boundary.isPresent() && (next == null || boundary.get().isBefore(next))) next = boundary.get();
    }
    if (!remindersDue.isEmpty()) rereadReminders(remindersDue);
    if (next == null) return;
    long delay = Math.max(1, Duration.between(now, next).toMillis());
    phaseTimer = node.vertx.setTimer(delay, id -> {
      phaseTimer = -1;
      schedulePhases();
    });
  }

  /**
   * The reminders that follow those whose time has come, in one query for all of them, each said with its
   * countdown. An item whose countdown changed meanwhile (a change came) keeps the newer one.
   */
  private void rereadReminders(List<Long> itemIds) {
    if (rereading) return;
    rereading = true;
    Principal who = principal;
    Map<Long, Countdown> before = new HashMap<>();
    itemIds.forEach(id -> before.put(id, countdowns.get(id)));
    node.reminders.of(itemIds).onComplete(read -> {
      rereading = false;
      // a read under way sets every countdown anew
      if (closed || who != principal || held != null) return;
      if (read.failed()) LOG.warn("could not read the next reminders of {} items: {}", itemIds.size(), read.cause().toString());
      Instant now = node.clock.clock().instant();
      before.forEach((id, was) -> {
        if (countdowns.get(id) != was) return;
        // unreadable: shown as none rather than read again at once
        Optional<Upcoming> next = read.failed() ? Optional.empty() : Upcoming.firstSeenBy(who, read.result().getOrDefault(id, List.of()));
        Countdown updated = was.withNextReminder(next);
        countdowns.put(id, updated);
        if (!next.equals(was.nextReminder()) || !updated.phaseAt(now).equals(phases.get(id))) sayCountdown(id, updated, now);
      });
      schedulePhases();
    });
  }

  /** A {@code phase} message: the clock alone moved the item's countdown, its phase or its next reminder. */
  private void sayCountdown(long itemId, Countdown countdown, Instant now) {
    phases.put(itemId, countdown.phaseAt(now));
    send(new JsonObject().put("type", "phase").put("itemId", itemId).put("countdown", countdown.toJson(now)));
  }

  private void cancelPhaseTimer() {
    if (phaseTimer >= 0) node.vertx.cancelTimer(phaseTimer);
    phaseTimer = -1;
  }

  /** The session re-check of the node: {@code open} is the session as the database says now, null when it ended. */
  void checked(Principal open) {
    context.runOnContext(v -> {
      if (closed || principal == null) return;
      if (open == null) {
        close(Close.SIGN_IN_AGAIN, "the session has ended; sign in again");
      } else if (!open.equals(principal)) {
        close(Close.SIGN_IN_AGAIN, "the person's access changed; sign in again");
      } else if (tokenExpiry != null && !node.wall.instant().isBefore(tokenExpiry)) {
        close(Close.SIGN_IN_AGAIN, "the access token expired; send a refreshed one in time");
      }
    });
  }

  /** A future of the hub's context, completed on this socket's loop, where all of the socket's state lives. */
  private <T> Future<T> onThisLoop(Future<T> elsewhere) {
    Promise<T> here = Promise.promise();
    elsewhere.onComplete(result -> context.runOnContext(v -> here.handle(result)));
    return here.future();
  }

  /**
   * Every message carries the one clock's time, a simulated one included, so the phone corrects its own. A
   * phone that does not read is closed rather than buffered for: at most the write queue's limit and one message
   * wait for it.
   */
  private void send(JsonObject message) {
    if (closed) return;
    if (ws.writeQueueFull()) {
      close(Close.TOO_SLOW, "the phone is not reading fast enough; reconnect and resume");
      return;
    }
    message.put("serverTime", node.clock.clock().instant().toString());
    ws.writeTextMessage(message.encode());
  }

  void close(Close code, String reason) {
    if (closed) return;
    closed = true;
    ended();
    ws.close(code.code, reason).onFailure(e -> LOG.debug("closing a live socket failed: {}", e.toString()));
  }

  private void ended() {
    closed = true;
    if (subscription != null) subscription.close();
    subscription = null;
    held = null;
    cancelPhaseTimer();
    if (authTimer >= 0) node.vertx.cancelTimer(authTimer);
    authTimer = -1;
    node.closed(this, principal == null ? null : principal.personId());
  }

  private static Optional<UUID> sessionOf(User user) {
    try {
      return Optional.of(UUID.fromString(user.principal().getString("sid")));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** The token's {@code exp}, already checked as a signed claim. */
  private static Instant expiryOf(String token) {
    try {
      String[] parts = token.split("\\.");
      JsonObject claims = new JsonObject(Buffer.buffer(java.util.Base64.getUrlDecoder().decode(parts[1])));
      Long exp = claims.getLong("exp");
      return exp == null ? null : Instant.ofEpochSecond(exp);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
