package org.duban.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A phone's socket to {@code /live} for tests: a real Vert.x WebSocket client that keeps every message it got, in order. */
final class LiveClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  private final WebSocketClient client;
  final WebSocket ws;
  private volatile Short closeCode;
  private volatile String closeReason;
  private volatile int mark;

  private LiveClient(WebSocketClient client, ClientWebSocket ws) {
    this.client = client;
    this.ws = ws;
    // set before connecting: a server that authenticates from the upgrade speaks first
    ws.textMessageHandler(text -> messages.add(new JsonObject(text)));
    ws.closeHandler(v -> {
      closeReason = ws.closeReason();
      closeCode = ws.closeStatusCode();
    });
  }

  static LiveClient connect(Vertx vertx, int port) {
    return connect(vertx, port, List.of());
  }

  /** Offering {@code protocols} in {@code Sec-WebSocket-Protocol}. */
  static LiveClient connect(Vertx vertx, int port, List<String> protocols) {
    return connect(vertx, port, protocols, options());
  }

  static LiveClient connect(Vertx vertx, int port, List<String> protocols, WebSocketClientOptions options) {
    WebSocketClient client = vertx.createWebSocketClient(options);
    try {
      LiveClient live = new LiveClient(client, client.webSocket());
      ((ClientWebSocket) live.ws).connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI("/live")
          .setSubProtocols(protocols)).await();
      return live;
    } catch (RuntimeException refused) {
      client.close().await();
      throw refused;
    }
  }

  static WebSocketClientOptions options() {
    return new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22);
  }

  /** Authenticated by the token among the offered protocols, before any message, and past the first snapshot. */
  static LiveClient byProtocol(Vertx vertx, int port, String token) {
    LiveClient live = connect(vertx, port, List.of("duban.v1", "duban.bearer." + token));
    live.await("snapshot");
    live.mark();
    return live;
  }

  /** Connected, authenticated and past the first snapshot. */
  static LiveClient signedIn(Vertx vertx, int port, String token) {
    LiveClient live = connect(vertx, port);
    live.auth(token);
    live.await("snapshot");
    live.mark();
    return live;
  }

  void auth(String token) {
    send(new JsonObject().put("type", "auth").put("token", token));
  }

  /** Where a phone resumes from, as the app keeps it: the last event id of the last message that names one. */
  Long resumePoint() {
    Long point = null;
    for (JsonObject m : messages) {
      String type = m.getString("type");
      if ("item".equals(type)) {
        var events = m.getJsonArray("events");
        point = events.getJsonObject(events.size() - 1).getLong("id");
      } else if (("snapshot".equals(type) || "resumed".equals(type)) && m.getLong("lastEventId") != null) {
        point = m.getLong("lastEventId");
      }
    }
    return point;
  }

  void send(JsonObject message) {
    ws.writeTextMessage(message.encode()).await();
  }

  void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  /** Only what comes after this is looked at from now on. */
  void mark() {
    mark = messages.size();
  }

  List<JsonObject> since() {
    return messages.subList(mark, messages.size());
  }

  List<JsonObject> ofType(String type) {
    return since().stream().filter(m -> type.equals(m.getString("type"))).toList();
  }

  JsonObject await(String type) {
    Await.until("a live " + type + " message", () -> !ofType(type).isEmpty(), WAIT);
    return ofType(type).get(0);
  }

  /** The first item message about {@code itemId} carrying an event of {@code eventType}. */
  JsonObject awaitEvent(long itemId, String eventType) {
    Await.until("a live " + eventType + " of item " + itemId, () -> event(itemId, eventType) != null, WAIT);
    return event(itemId, eventType);
  }

  JsonObject event(long itemId, String eventType) {
    return ofType("item").stream().filter(m -> m.getJsonObject("item").getLong("id") == itemId)
        .filter(m -> m.getJsonArray("events").stream().anyMatch(e -> eventType.equals(((JsonObject) e).getString("type"))))
        .findFirst().orElse(null);
  }

  List<String> eventTypes(long itemId) {
    return ofType("item").stream().filter(m -> m.getJsonObject("item").getLong("id") == itemId)
        .flatMap(m -> m.getJsonArray("events").stream()).map(e -> ((JsonObject) e).getString("type")).toList();
  }

  /** Waits for the server to close the socket and answers its code. */
  short awaitClosed() {
    Await.until("the socket to close", () -> closeCode != null, WAIT);
    return closeCode;
  }

  String closeReason() {
    return closeReason;
  }

  boolean isOpen() {
    return closeCode == null && !ws.isClosed();
  }

  /** A round trip: the socket is open and answered. */
  void ping() {
    int before = ofType("pong").size();
    send(new JsonObject().put("type", "ping"));
    Await.until("a pong", () -> ofType("pong").size() > before, WAIT);
  }

  @Override
  public void close() {
    try {
      if (!ws.isClosed()) ws.close().await();
    } catch (RuntimeException ignored) {
      // already going
    }
    client.close().await();
  }
}
