package org.duban.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One client process of {@link SocketBenchmark}: phones' sockets to Duban nodes ({@code /live}, authenticated
 * with the first message as the app does) and to the bare fan-out server, each bound to one of the loopback
 * addresses 127.0.0.1-8 so that the ephemeral ports of one address do not run out. It holds below 19,000
 * sockets, as a process here may hold 20,000 open files.
 *
 * <p>Commanded one JSON line at a time on stdin; each answer is one line on stdout starting {@code @@ }. A
 * message of the armed round is timed ({@link System#nanoTime}, the machine's monotonic clock, the same in
 * every process here) on arrival, before anything else is done with it; its delay from the moment the
 * benchmark names is recorded in an HdrHistogram sent back compressed.
 *
 * <p>The targets file holds one socket a line: {@code group localAddress token} (the token {@code -} for the bare
 * server). The {@code open} command names the port of the group's server, on 127.0.0.1.
 */
public final class SocketClient {
  private static final PrintStream OUT = System.out;
  private static final String ITEM = "{\"type\":\"item\"";
  private static final String GRANTED = "\"extension_granted\"";
  private static final String BARE = "{\"type\":\"bare\"";
  /** Groups whose names start so are never pinged: they show what the server does with a socket left quiet. */
  static final String QUIET = "Q";

  record Target(String group, String local, String token) {
    boolean duban() {
      return !"-".equals(token);
    }
  }

  /** One socket: held once connected and, for Duban, once its first snapshot came. */
  static final class Held {
    final Target target;
    volatile int port;
    volatile WebSocket ws;
    volatile boolean ready;
    volatile boolean closed;
    Promise<Void> readied = Promise.promise();

    Held(Target target) {
      this.target = target;
    }
  }

  /** The round being timed: which messages count, and when each arrived. */
  static final class Round {
    final boolean duban;
    final AtomicLongArray arrivals;
    final AtomicInteger count = new AtomicInteger();
    final AtomicInteger sized = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();

    Round(boolean duban, int capacity) {
      this.duban = duban;
      this.arrivals = new AtomicLongArray(capacity);
    }

    boolean counts(String text) {
      return duban ? text.startsWith(ITEM) && text.contains(GRANTED) : text.startsWith(BARE);
    }

    void arrived(long now, String text) {
      int i = count.getAndIncrement();
      if (i < arrivals.length()) arrivals.set(i, now);
      // the size of a few, not all: measuring every one would slow the ones behind it
      if (sized.getAndIncrement() < 32) bytes.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final Map<String, WebSocketClient> clients = new HashMap<>();
  private final Map<String, List<Held>> groups = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();
  private volatile Round armed;

  public static void main(String[] args) throws Exception {
    SocketClient client = new SocketClient();
    client.load(Path.of(args[0]));
    client.keepAlive();
    client.answer(new JsonObject().put("ready", true).put("sockets", client.groups.values().stream().mapToInt(List::size).sum()));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      JsonObject command = new JsonObject(line);
      try {
        JsonObject answer = client.handle(command);
        if (answer == null) break;
        client.answer(answer);
      } catch (RuntimeException e) {
        e.printStackTrace();
        client.answer(new JsonObject().put("error", e.toString()));
      }
    }
    client.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    System.exit(0);
  }

  private void answer(JsonObject answer) {
    synchronized (OUT) {
      OUT.println("@@ " + answer.encode());
      OUT.flush();
    }
  }

  private void load(Path file) throws Exception {
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) continue;
      String[] f = line.split(" ");
      Target t = new Target(f[0], f[1], f[2]);
      groups.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(new Held(t));
      clients.computeIfAbsent(t.local(), local -> vertx.createWebSocketClient(new WebSocketClientOptions()
          .setLocalAddress(local).setMaxConnections(100_000).setConnectTimeout(60_000)
          .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 23)));
    }
  }

  /**
   * A WebSocket ping frame to each socket once a minute, a sixtieth of them each second: a Duban node closes a
   * connection that has been idle for two minutes ({@code HttpServerOptions.setIdleTimeout(120)}), /live sockets
   * included, and the app sends nothing while nothing changes. The server answers each ping with a pong frame.
   * The quiet groups are left out.
   */
  private void keepAlive() {
    long[] tick = {0};
    vertx.setPeriodic(1_000, id -> {
      long t = tick[0]++ % 60;
      int i = 0;
      for (List<Held> group : groups.values()) {
        for (Held h : group) {
          if (i++ % 60 == t && h.ready && !h.closed && !h.target.group().startsWith(QUIET)) {
            h.ws.writePing(io.vertx.core.buffer.Buffer.buffer());
          }
        }
      }
    });
  }

  private JsonObject handle(JsonObject command) throws Exception {
    switch (command.getString("do")) {
      case "open":
        return open(command.getString("group"), command.getInteger("port"), command.getInteger("upTo"),
            command.getInteger("inFlight", 64), command.getLong("timeoutMs", 120_000L));
      case "close":
        return close(command.getString("group"), command.getInteger("keep"));
      case "arm":
        armed = new Round(command.getBoolean("duban"), 2 * groups.values().stream().mapToInt(List::size).sum() + 16);
        return new JsonObject().put("armed", true);
      case "count":
        Round r = armed;
        return new JsonObject().put("count", r == null ? 0 : r.count.get());
      case "collect":
        return collect(command.getLong("t0"));
      case "status":
        return status();
      case "exit":
        return null;
      default:
        throw new IllegalArgumentException("unknown command " + command);
    }
  }

  /** Opens the group's sockets up to {@code upTo} (those not open yet), {@code inFlight} at a time; answers when all are settled. */
  private JsonObject open(String group, int port, int upTo, int inFlight, long timeoutMs) throws Exception {
    List<Held> all = groups.getOrDefault(group, List.of());
    List<Held> todo = new ArrayList<>();
    for (int i = 0; i < Math.min(upTo, all.size()); i++) {
      Held h = all.get(i);
      if (h.ws == null || h.closed) {
        h.port = port;
        todo.add(h);
      }
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    Promise<Void> done = Promise.promise();
    AtomicInteger settled = new AtomicInteger();
    long t0 = System.nanoTime();
    if (todo.isEmpty()) done.complete();
    for (int i = 0; i < Math.min(inFlight, todo.size()); i++) {
      openNext(todo, next, ok, failures, settled, done, timeoutMs);
    }
    done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - t0) / 1e9;
    JsonObject failed = new JsonObject();
    failures.forEach((k, v) -> failed.put(k, v.get()));
    return new JsonObject().put("opened", ok.get()).put("tried", todo.size()).put("failures", failed).put("seconds", seconds)
        .put("held", held(group));
  }

  private void openNext(List<Held> todo, AtomicInteger next, AtomicInteger ok, Map<String, AtomicInteger> failures,
                        AtomicInteger settled, Promise<Void> done, long timeoutMs) {
    int n = next.getAndIncrement();
    if (n >= todo.size()) return;
    Held h = todo.get(n);
    connect(h).timeout(timeoutMs, TimeUnit.MILLISECONDS).onComplete(ar -> {
      if (ar.succeeded()) ok.incrementAndGet();
      else {
        String why = ar.cause().getClass().getSimpleName() + ": " + String.valueOf(ar.cause().getMessage());
        failures.computeIfAbsent(why.length() > 120 ? why.substring(0, 120) : why, k -> new AtomicInteger()).incrementAndGet();
        if (h.ws != null && !h.closed) h.ws.close();
      }
      if (settled.incrementAndGet() == todo.size()) done.tryComplete();
      else openNext(todo, next, ok, failures, settled, done, timeoutMs);
    });
  }

  private Future<Void> connect(Held h) {
    Target t = h.target;
    h.ready = false;
    h.closed = false;
    h.readied = Promise.promise();
    String uri = t.duban() ? "/live" : "/bare";
    return clients.get(t.local()).connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(h.port).setURI(uri))
        .compose(ws -> {
          h.ws = ws;
          ws.textMessageHandler(text -> {
            long now = System.nanoTime();
            if (!h.ready) {
              if (text.startsWith("{\"type\":\"snapshot\"")) {
                h.ready = true;
                h.readied.tryComplete();
              }
              return;
            }
            Round r = armed;
            if (r != null && r.duban == t.duban() && r.counts(text)) r.arrived(now, text);
          });
          ws.closeHandler(v -> {
            h.closed = true;
            h.ready = false;
            Short code = ws.closeStatusCode();
            String why = (t.duban() ? "duban " : "bare ") + (code == null ? "none" : code) + " " + String.valueOf(ws.closeReason());
            closes.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
            h.readied.tryFail("closed before it was ready: " + why);
          });
          ws.exceptionHandler(e -> {
          });
          if (!t.duban()) {
            h.ready = true;
            return Future.succeededFuture();
          }
          return ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", t.token()).encode())
              .compose(v -> h.readied.future());
        });
  }

  private JsonObject close(String group, int keep) throws Exception {
    List<Held> all = groups.getOrDefault(group, List.of());
    List<Future<Void>> closing = new ArrayList<>();
    for (int i = keep; i < all.size(); i++) {
      Held h = all.get(i);
      if (h.ws != null && !h.closed) {
        Promise<Void> gone = Promise.promise();
        h.ws.closeHandler(v -> {
          h.closed = true;
          h.ready = false;
          gone.tryComplete();
        });
        h.ws.close();
        closing.add(gone.future().timeout(30, TimeUnit.SECONDS).otherwiseEmpty());
      }
    }
    Future.join(closing).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    return new JsonObject().put("closed", closing.size()).put("held", held(group));
  }

  private int held(String group) {
    return (int) groups.getOrDefault(group, List.of()).stream().filter(h -> h.ready && !h.closed).count();
  }

  /** The armed round's delays from {@code t0} in microseconds, as a compressed HdrHistogram; disarms it. */
  private JsonObject collect(long t0) {
    Round r = armed;
    armed = null;
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    int n = r == null ? 0 : Math.min(r.count.get(), r.arrivals.length());
    int early = 0;
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      long micros = (r.arrivals.get(i) - t0) / 1_000;
      earliest = Math.min(earliest, micros);
      if (micros < 0) {
        early++;
        micros = 0;
      }
      histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return new JsonObject().put("count", n).put("early", early).put("earliestMicros", n == 0 ? 0 : earliest)
        .put("sized", r == null ? 0 : Math.min(r.sized.get(), 32)).put("bytes", r == null ? 0 : r.bytes.get())
        .put("histogram", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
  }

  private JsonObject status() {
    JsonObject held = new JsonObject();
    groups.keySet().forEach(g -> held.put(g, held(g)));
    JsonObject closed = new JsonObject();
    closes.forEach((k, v) -> closed.put(k, v.get()));
    String[] fds = new File("/proc/self/fd").list();
    return new JsonObject().put("held", held).put("closes", closed).put("fds", fds == null ? -1 : fds.length)
        .put("heapMiB", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }
}
