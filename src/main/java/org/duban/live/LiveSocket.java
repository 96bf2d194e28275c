package org.duban.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import org.duban.auth.Principal;
import org.duban.item.ItemChange;
import org.duban.live.LiveSockets.Close;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One {@code /live} socket. Everything it does runs on the event loop that accepted it: what the client sends,
 * what the hub hands on (moved onto that loop), the phase timer and the session re-check. It only ever reads:
 * no message can change data.
 */
final class LiveSocket implements LiveHub.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
  /** Changes heard while a snapshot is read are held, at most this many, then sent after it. */
  private static final int HELD_CHANGES = 256;
  /** Messages a client may have waiting for an answer that needs the database (auth); past this it floods. */
  static final int WAITING_MESSAGES = 16;

  private final LiveSockets node;
  private final ServerWebSocket ws;
  private final Context context;
  private Future<Void> inbound = Future.succeededFuture();
  private int waiting;
  private boolean snapshotRunning;
  /** Why another snapshot was asked for while one was read; null when none was. */
  private String snapshotAgain;
  private volatile UUID sessionId;
  private Principal principal;
  private Instant tokenExpiry;
  private LiveHub.Subscription subscription;
  private boolean closed;
  private long authTimer = -1;
  private long phaseTimer = -1;
  /** Each item this socket has shown, with its countdown and the phase it last said. */
  private final Map<Long, Countdown> countdowns = new HashMap<>();
  private final Map<Long, String> phases = new HashMap<>();
  private List<ItemChange> held;
  private boolean heldOverflow;

  LiveSocket(LiveSockets node, ServerWebSocket ws, Context context) {
    this.node = node;
    this.ws = ws;
    this.context = context;
  }

  UUID sessionId() {
    return sessionId;
  }

  void start() {
    ws.setWriteQueueMaxSize(node.settings.writeQueueBytes());
    ws.textMessageHandler(text -> {
      if (closed) return;
      if (++waiting > WAITING_MESSAGES) {
        close(Close.FLOOD, "at most " + WAITING_MESSAGES + " messages may wait for an answer");
        return;
      }
      inbound = inbound.compose(v -> closed ? Future.succeededFuture() : received(text))
        .onComplete(done -> waiting--)
        .recover(e -> {
          LOG.warn("a live message failed: {}", e.toString());
          close(Close.SIGN_IN_AGAIN, "the server could not check the session; sign in again");
          return Future.succeededFuture();
        });
    });
    ws.binaryMessageHandler(binary -> close(Close.MALFORMED, "messages are JSON text"));
    ws.exceptionHandler(e -> LOG.debug("live socket failed: {}", e.toString()));
    ws.closeHandler(v -> ended());
    authTimer = node.vertx.setTimer(node.settings.authTimeout().toMillis(), id -> {
      authTimer = -1;
      if (principal == null) close(Close.SIGN_IN_AGAIN, "no auth message in time; sign in again");
    });
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
        return authenticate(message.getValue("token"));
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
        // the hub keeps no history to replay a gap from: the phone gets the whole picture afresh
        requestSnapshot("resume");
        return Future.succeededFuture();
      default:
        close(Close.UNKNOWN_TYPE, "unknown message type");
        return Future.succeededFuture();
    }
  }

  /** The token checked as the API checks it: signature and expiry, then the session and the person's role now. */
  private Future<Void> authenticate(Object token) {
    if (!(token instanceof String) || ((String) token).isEmpty()) {
      close(Close.SIGN_IN_AGAIN, "auth needs a token");
      return Future.succeededFuture();
    }
    return node.tokens.authenticate(new TokenCredentials((String) token))
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
          tokenExpiry = expiryOf((String) token);
          sessionId = who.sessionId();
          boolean same = who.equals(principal);
          principal = who;
          send(new JsonObject().put("type", "authenticated").put("personId", who.personId()).put("role", who.role().wire())
              .put("tokenExpiresAt", tokenExpiry == null ? null : tokenExpiry.toString()));
          if (same) return Future.succeededFuture();
          // a first auth, or the same person whose access changed: what they may see is read afresh
          if (subscription != null) subscription.close();
          subscription = node.hub.subscribe(who, this);
          requestSnapshot("auth");
          return Future.succeededFuture();
        });
  }

  /**
   * One snapshot at a time: one asked for while another is read (a resume, a resync) follows it, and any
   * number asked for meanwhile are answered by that one.
   */
  private void requestSnapshot(String why) {
    if (closed) return;
    if (snapshotRunning) {
      snapshotAgain = why;
      return;
    }
    snapshotRunning = true;
    snapshot(why).onComplete(done -> {
      snapshotRunning = false;
      if (done.failed()) LOG.warn("a live snapshot could not be read: {}", done.cause().toString());
      String again = snapshotAgain;
      snapshotAgain = null;
      if (again != null) requestSnapshot(again);
    });
  }

  /** The person's items as {@code GET /items} shows them, the first page; changes heard meanwhile are held. */
  private Future<Void> snapshot(String why) {
    Principal who = principal;
    if (held == null) held = new ArrayList<>();
    return node.items.listAll(who, LiveSockets.SNAPSHOT_LIMIT).map(page -> {
      if (closed || who != principal) return null;
      Instant now = node.clock.clock().instant();
      countdowns.clear();
      phases.clear();
      JsonArray shown = new JsonArray();
      for (Object o : page.getJsonArray("items")) {
        JsonObject row = (JsonObject) o;
        Countdown countdown = Countdown.ofRow(row);
        long id = row.getLong("id");
        countdowns.put(id, countdown);
        phases.put(id, countdown.phaseAt(now));
        shown.add(row.copy().put("countdown", countdown.toJson(now)));
      }
      send(new JsonObject().put("type", "snapshot").put("reason", why).put("items", shown)
          .put("limit", LiveSockets.SNAPSHOT_LIMIT).put("complete", !page.containsKey("nextCursor")));
      List<ItemChange> waiting = held;
      boolean overflow = heldOverflow;
      held = null;
      heldOverflow = false;
      if (overflow) {
        snapshotAgain = "resync";
        return null;
      }
      waiting.forEach(this::deliver);
      schedulePhases();
      return null;
    }).mapEmpty();
  }

  @Override
  public void changed(ItemChange change) {
    context.runOnContext(v -> {
      if (closed || principal == null) return;
      if (held != null) {
        if (held.size() < HELD_CHANGES) held.add(change);
        else heldOverflow = true;
        return;
      }
      deliver(change);
      schedulePhases();
    });
  }

  @Override
  public void resync() {
    context.runOnContext(v -> {
      if (!closed && principal != null) requestSnapshot("resync");
    });
  }

  private void deliver(ItemChange change) {
    Instant now = node.clock.clock().instant();
    Countdown countdown = Countdown.ofItem(change.item());
    countdowns.put(change.itemId(), countdown);
    phases.put(change.itemId(), countdown.phaseAt(now));
    send(new JsonObject().put("type", "item").put("item", change.item()).put("countdown", countdown.toJson(now))
        .put("events", new JsonArray(new ArrayList<>(change.events()))));
  }

  /** A drill moved the clock: phases are looked at now, and the timer set again. */
  void timeChanged() {
    context.runOnContext(v -> {
      if (!closed && principal != null && held == null) schedulePhases();
    });
  }

  /** Says every phase that changed by the clock, then waits for the next boundary of this socket's items. */
  private void schedulePhases() {
    if (phaseTimer >= 0) node.vertx.cancelTimer(phaseTimer);
    phaseTimer = -1;
    Instant now = node.clock.clock().instant();
    Instant next = null;
    for (Map.Entry<Long, Countdown> e : countdowns.entrySet()) {
      String phase = e.getValue().phaseAt(now);
      if (!phase.equals(phases.put(e.getKey(), phase))) {
        send(new JsonObject().put("type", "phase").put("itemId", e.getKey()).put("countdown", e.getValue().toJson(now)));
        if (closed) return;
      }
      Optional<Instant> boundary = e.getValue().nextBoundary(now);
      if (boundary.isPresent() && (next == null || boundary.get().isBefore(next))) next = boundary.get();
    }
    if (next == null) return;
    long delay = Math.max(1, java.time.Duration.between(now, next).toMillis());
    phaseTimer = node.vertx.setTimer(delay, id -> {
      phaseTimer = -1;
      if (!closed) schedulePhases();
    });
  }

  /** The node's session re-check: {@code open} is the session as the database says now, null when it ended. */
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

  /** Every message carries the one clock's time, a simulated one included, so the phone corrects its own. */
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
    if (phaseTimer >= 0) node.vertx.cancelTimer(phaseTimer);
    if (authTimer >= 0) node.vertx.cancelTimer(authTimer);
    phaseTimer = authTimer = -1;
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
