package org.duban.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling {@link SocketBenchmark} holds Duban's {@code /live} to: a Vert.x WebSocket server that does nothing
 * but accept sockets on {@code /bare} and, on {@code POST /fanout?bytes=N&seq=K}, write one text message of N
 * bytes to every one of them, each event loop to the sockets it accepted (a {@code POST} with the trigger's time,
 * its own {@link System#nanoTime}, in the answer). No authentication, no per-person
 * filtering, no JSON per socket: the message is made once. Same Vert.x, same JVM options, same number of HTTP
 * event loops as a Duban node in the run. {@code GET /count} answers how many sockets it holds.
 *
 * <p>Arguments: the port and the number of server instances (event loops).
 */
public final class BareFanoutServer {
  static final List<Loop> LOOPS = new CopyOnWriteArrayList<>();

  static final class Loop extends VerticleBase {
    final int port;
    final Set<ServerWebSocket> sockets = new HashSet<>();
    final AtomicInteger count = new AtomicInteger();
    Context loop;

    Loop(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      loop = context;
      LOOPS.add(this);
      return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
          .webSocketHandshakeHandler(handshake -> {
            if (!"/bare".equals(handshake.path())) {
              handshake.reject(404);
              return;
            }
            handshake.accept().onSuccess(ws -> {
              sockets.add(ws);
              count.incrementAndGet();
              ws.closeHandler(v -> {
                sockets.remove(ws);
                count.decrementAndGet();
              });
              ws.exceptionHandler(e -> {
              });
            });
          })
          .requestHandler(request -> {
            if ("/fanout".equals(request.path())) {
              long t0 = System.nanoTime();
              int bytes = Integer.parseInt(request.getParam("bytes"));
              long seq = Long.parseLong(request.getParam("seq"));
              String text = message(seq, bytes);
              int[] total = {0};
              for (Loop l : LOOPS) total[0] += l.size();
              for (Loop l : LOOPS) l.loop.runOnContext(v -> l.sockets.forEach(ws -> ws.writeTextMessage(text)));
              request.response().end(new JsonObject().put("t0", t0).put("sockets", total[0]).encode());
            } else if ("/count".equals(request.path())) {
              int total = 0;
              for (Loop l : LOOPS) total += l.size();
              request.response().end(new JsonObject().put("sockets", total).encode());
            } else {
              request.response().setStatusCode(404).end();
            }
          })
          .listen();
    }

    /** Read from any loop: the set itself is only touched on its own. */
    int size() {
      return count.get();
    }
  }

  /**
   * {@code {"type":"bare","seq":K,"pad":"督督…x"}}, exactly {@code bytes} long in UTF-8 (at least its frame): padded
   * with Chinese as Duban's messages are, so that turning the text into UTF-8 costs each socket's write alike.
   */
  static String message(long seq, int bytes) {
    String head = "{\"type\":\"bare\",\"seq\":" + seq + ",\"pad\":\"";
    String tail = "\"}";
    int room = Math.max(0, bytes - head.length() - tail.length());
    return head + "督".repeat(room / 3) + "x".repeat(room % 3) + tail;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new Loop(port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> {
          System.out.println("@@ " + new JsonObject().put("ready", true).put("port", port).encode());
          System.out.flush();
        })
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}
