package org.duban.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.duban.item.ItemChange;
import org.duban.support.Items4Test;
import org.duban.support.NodeProcess;
import org.duban.support.TestDatabase;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

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
      NodeProcess b = null;
      Vertx vertx = Vertx.vertx();
      WebClient client = WebClient.create(vertx);
      try {
        Items4Test onA = new Items4Test(a);
        Probe liaisonOnA = new Probe();
        a.server().live().subscribe(Probe.principal(database, "fgw"), liaisonOnA);
        long id = onA.active("两个节点之间的实时推送", "7d").getLong("id");
        liaisonOnA.await(id, "assigned");
        liaisonOnA.mark();

        b = NodeProcess.start(database, "live-node-b", Map.of("DUBAN_DEMO_ENABLED", "false"));
        b.awaitReady(client);
        int portB = b.port();
        String fgwOnB = b.login(client, "fgw");
        String sponsorOnB = b.login(client, "keshi1");
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
        if (b != null) b.kill();
        client.close();
        vertx.close().await();
        a.stop();
      }
    }
  }
}
