package org.duban.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP relay endpoint on loopback that records every message it is sent, as an SMS gateway would. */
public final class RelayReceiver implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresToAnswer = new AtomicInteger();
  private volatile long failingItem = -1;
  private volatile boolean holding;
  private final HttpServer server;

  public RelayReceiver() {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      boolean failing = body.toJsonObject().getLong("itemId", -2L) == failingItem;
      if (failing && failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        request.response().setStatusCode(503).end();
        return;
      }
      received.add(body.toJsonObject().put("idempotencyKey", request.getHeader("Idempotency-Key")));
      if (!holding) request.response().setStatusCode(202).end();
    })).listen(0, "127.0.0.1").await();
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/sms";
  }

  public List<JsonObject> received() {
    return List.copyOf(received);
  }

  /** The next {@code n} requests about one item get 503, as a gateway that is down would answer. */
  public void failNext(long itemId, int n) {
    failingItem = itemId;
    failuresToAnswer.set(n);
  }

  /** Takes messages but never answers, as a gateway that hangs would: the sender cannot tell they arrived. */
  public void hold(boolean on) {
    holding = on;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
