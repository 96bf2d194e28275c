package org.duban.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.duban.demo.DemoData;
import org.duban.item.ItemChange;
import org.duban.support.Await;
import org.duban.support.Items4Test;
import org.duban.support.TestDatabase;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on one database: node A in this JVM with a hub subscriber, node B an operating-system
 * process of its own. A report and a return made through node B reach the subscriber on node A, because the
 * transaction's notification goes through PostgreSQL, not through anything the two processes share.
 */
class LiveAcrossNodesTest {

  @Test
  void aReportAndAReturnMadeOnNodeBReachASubscriberOnNodeA_R22_R30() throws Exception {
    try (TestDatabase database = TestDatabase.fresh("live_nodes")) {
      TestServer a = TestServer.startOn(database, Map.of());
      Process b = null;
      Vertx vertx = Vertx.vertx();
      WebClient client = WebClient.create(vertx);
      try {
        Items4Test onA = new Items4Test(a);
        Probe liaisonOnA = new Probe();
        a.server().live().subscribe(Probe.principal(database, "fgw"), liaisonOnA);
        long id = onA.active("两个节点之间的实时推送", "7d").getLong("id");
        liaisonOnA.await(id, "assigned");
        liaisonOnA.mark();

        int portB = freePort();
        b = startNode(database, portB);
        awaitReady(client, portB);
        String fgwOnB = login(client, portB, "fgw");
        String sponsorOnB = login(client, portB, "keshi1");
        var reported = client.post(portB, "127.0.0.1", "/items/" + id + "/reports").bearerTokenAuthentication(fgwOnB)
            .putHeader("Idempotency-Key", "across-nodes-1").sendJsonObject(new JsonObject().put("text", "在节点B上反馈")).await();
        assertThat(reported.statusCode()).isEqualTo(201);
        ItemChange report = liaisonOnA.await(id, "reported");
        assertThat(report.events().get(0).getJsonObject("data").getLong("reportId")).isEqualTo(reported.bodyAsJsonObject().getLong("id"));

        var returned = client.post(portB, "127.0.0.1", "/items/" + id + "/return").bearerTokenAuthentication(sponsorOnB)
            .sendJsonObject(new JsonObject().put("unitId", onA.fgwUnit).put("reason", "请在节点B上补充")).await();
        assertThat(returned.statusCode()).isEqualTo(200);
        ItemChange back = liaisonOnA.await(id, "returned");
        assertThat(back.events().get(0).getString("reason")).isEqualTo("请在节点B上补充");
        assertThat(Items4Test.unit(back.item(), onA.fgwUnit).getString("status")).isEqualTo("returned");
        assertThat(liaisonOnA.types(id)).containsExactly("reported", "returned");
      } finally {
        if (b != null) b.destroyForcibly().waitFor();
        client.close();
        vertx.close().await();
        a.stop();
      }
    }
  }

  /** A server as its own process, started from the test's class path, without the demo (node A wrote it). */
  static Process startNode(TestDatabase database, int port) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.duban.Main");
    builder.environment().putAll(Map.of(
        "DUBAN_DB_URL", database.target().url(),
        "DUBAN_HTTP_PORT", String.valueOf(port),
        "DUBAN_HTTP_HOST", "127.0.0.1",
        "DUBAN_HTTP_INSTANCES", "1",
        "DUBAN_DEMO_ENABLED", "false",
        "DUBAN_AUTH_JWT_SECRET", TestServer.JWT_SECRET,
        "DUBAN_NODE_ID", "live-node-b"));
    builder.redirectErrorStream(true).redirectOutput(new File("target/live-node-b.log"));
    return builder.start();
  }

  static void awaitReady(WebClient client, int port) {
    Await.until("node b ready", () -> {
      try {
        return client.get(port, "127.0.0.1", "/health/ready").timeout(2_000).send().await().statusCode() == 200;
      } catch (Exception notYet) {
        return false;
      }
    }, Duration.ofSeconds(60));
  }

  static String login(WebClient client, int port, String login) {
    return client.post(port, "127.0.0.1", "/auth/login")
        .sendJsonObject(new JsonObject().put("login", login).put("password", DemoData.PASSWORD)).await()
        .bodyAsJsonObject().getString("accessToken");
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
