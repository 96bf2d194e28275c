package org.duban.live;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.auth.jwt.JWTAuth;
import org.duban.auth.AuthService;
import org.duban.auth.Principal;
import org.duban.item.ItemService;
import org.duban.remind.NextReminders;
import org.duban.time.ClockService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One node's {@code /live} WebSockets ({@code openapi/live.asyncapi.yaml}), shared by every HTTP server instance:
 * the upgrade, the limit of sockets per person, and the periodic re-check of every socket's session. Each socket
 * is a {@link LiveSocket} on the event loop that accepted it.
 *
 * <p>A client authenticates with its first message or, before any, with its token among the protocols it offers
 * ({@link ProtocolOffer}); the server speaks {@link #PROTOCOLS} and answers with that alone.
 *
 * <p>The re-check reads every open session of the node's sockets in one query per {@link #CHECK_BATCH} sessions
 * every {@code live.sessionCheck}: a socket whose session ended, whose person was deactivated, whose role or unit
 * changed, or whose access token expired without a refreshed one, is closed with 4401 within about that long.
 */
public final class LiveSockets implements Handler<ServerWebSocketHandshake> {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSockets.class);
  public static final String PATH = "/live";
  /** The sub-protocols the HTTP server may select: the answer never echoes a token the client offered. */
  public static final List<String> PROTOCOLS = List.of(ProtocolOffer.V1);
  /** The largest message a client may send; anything above is closed with {@link Close#TOO_BIG}. */
  static final int MAX_MESSAGE_BYTES = 4096;
  /** How many of a person's items a snapshot holds at most: the first page of {@code GET /items}. */
  static final int SNAPSHOT_LIMIT = 100;
  static final int CHECK_BATCH = 1000;

  /** The close codes, as the AsyncAPI document names them. */
  enum Close {
    SIGN_IN_AGAIN(4401), MALFORMED(4400), UNKNOWN_TYPE(4422), TOO_BIG(4413), TOO_MANY(4429), TOO_SLOW(4408), FLOOD(4420),
    SERVER_ERROR(1011);
    final short code;

    Close(int code) {
      this.code = (short) code;
    }
  }

  public record Settings(Duration authTimeout, Duration sessionCheck, int socketsPerPerson, int writeQueueBytes) {
  }

  final Vertx vertx;
  final JWTAuth tokens;
  final AuthService auth;
  final ItemService items;
  final NextReminders reminders;
  final LiveHub hub;
  final ClockService clock;
  /** Token lifetimes run on the wall clock, as the API checks them ({@code Tokens}). */
  final Clock wall;
  final Settings settings;
  private final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
  private final Map<Long, Set<LiveSocket>> byPerson = new ConcurrentHashMap<>();
  private boolean checking;

  public LiveSockets(Vertx vertx, JWTAuth tokens, AuthService auth, ItemService items, NextReminders reminders, LiveHub hub,
                     ClockService clock, Clock wall, Settings settings) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.auth = auth;
    this.items = items;
    this.reminders = reminders;
    this.hub = hub;
    this.clock = clock;
    this.wall = wall;
    this.settings = settings;
    // a drill's jump in time may cross deadlines: every socket looks at its phases again
    clock.onChange(() -> sockets.forEach(LiveSocket::timeChanged));
    vertx.setPeriodic(settings.sessionCheck().toMillis(), id -> recheck());
  }

  @Override
  public void handle(ServerWebSocketHandshake handshake) {
    if (!PATH.equals(handshake.path())) {
      handshake.reject(404);
      return;
    }
    Optional<ProtocolOffer> offer = ProtocolOffer.parse(handshake.headers().getAll("Sec-WebSocket-Protocol"));
    if (offer.isEmpty()) {
      handshake.reject(400);
      return;
    }
    handshake.accept().onSuccess(ws -> {
      LiveSocket socket = new LiveSocket(this, ws, vertx.getOrCreateContext());
      sockets.add(socket);
      socket.start(offer.get());
    });
  }

  /** How many sockets are open on this node, authenticated or not. */
  public int open() {
    return sockets.size();
  }

  /** Counts a socket against its person's limit; false when they already hold as many as allowed. */
  boolean admit(LiveSocket socket, long personId) {
    boolean[] admitted = {false};
    byPerson.compute(personId, (id, held) -> {
      Set<LiveSocket> set = held == null ? ConcurrentHashMap.newKeySet() : held;
      if (set.contains(socket) || set.size() < settings.socketsPerPerson()) {
        set.add(socket);
        admitted[0] = true;
      }
      return set;
    });
    return admitted[0];
  }

  void closed(LiveSocket socket, Long personId) {
    sockets.remove(socket);
    if (personId != null) byPerson.computeIfPresent(personId, (id, held) -> {
      held.remove(socket);
      return held.isEmpty() ? null : held;
    });
  }

  /** One query per {@link #CHECK_BATCH} sessions, for all of this node's sockets. */
  private void recheck() {
    if (checking) return;
    List<LiveSocket> authenticated = sockets.stream().filter(s -> s.sessionId() != null).toList();
    if (authenticated.isEmpty()) return;
    checking = true;
    List<UUID> sessions = new ArrayList<>(authenticated.stream().map(LiveSocket::sessionId).collect(Collectors.toSet()));
    List<io.vertx.core.Future<Map<UUID, Principal>>> reads = new ArrayList<>();
    for (int from = 0; from < sessions.size(); from += CHECK_BATCH) {
      reads.add(auth.principals(sessions.subList(from, Math.min(sessions.size(), from + CHECK_BATCH))));
    }
    io.vertx.core.Future.all(reads)
        .onSuccess(all -> {
          Map<UUID, Principal> open = new java.util.HashMap<>();
          reads.forEach(r -> open.putAll(r.result()));
          authenticated.forEach(s -> s.checked(open.get(s.sessionId())));
        })
        .onFailure(e -> LOG.warn("could not re-check the sessions of {} live sockets: {}", authenticated.size(), e.getMessage()))
        .onComplete(done -> checking = false);
  }
}
