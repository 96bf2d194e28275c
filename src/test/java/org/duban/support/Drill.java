package org.duban.support;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.duban.support.Items4Test.ok;

/**
 * A reminder drill: the server on a simulated clock starting Monday 2026-03-02 09:00 Shanghai, its
 * SMS going to a real relay on loopback, and the administrator who moves the clock.
 */
public final class Drill implements AutoCloseable {
  public final RelayReceiver relay;
  public final TestServer server;
  public final Items4Test flow;
  private final String admin;

  private Drill(RelayReceiver relay, TestServer server) {
    this.relay = relay;
    this.server = server;
    this.flow = new Items4Test(server);
    this.admin = server.tokenOf("admin");
  }

  public static Drill start(Class<?> owner, Map<String, String> extra) {
    RelayReceiver relay = new RelayReceiver();
    Map<String, String> config = new HashMap<>(settings(relay));
    config.putAll(extra);
    return new Drill(relay, TestServer.start(owner, config));
  }

  /**
   * A drill on a server started elsewhere (a browser test's, on the simulated clock, its SMS to
   * {@code relay}); closing the server and the relay stays with whoever started them.
   */
  public static Drill on(TestServer server, RelayReceiver relay) {
    return new Drill(relay, server);
  }

  /** The settings a server needs to be a drill's: a simulated clock from the drill's Monday, SMS to the relay. */
  public static Map<String, String> settings(RelayReceiver relay) {
    return Map.of("clock.simulated", "true", "clock.start", "2026-03-02T01:00:00Z", "relay.smsUrl", relay.url());
  }

  public void clockTo(String instant) {
    ok(server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", instant)), 200);
  }

  /** What the relay got about one item, in the order it arrived. */
  public List<JsonObject> receivedFor(long itemId) {
    return relay.received().stream().filter(m -> m.getLong("itemId") == itemId).toList();
  }

  @Override
  public void close() {
    server.close();
    relay.close();
  }
}
