package org.duban.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.duban.support.Items4Test;
import org.duban.support.NodeProcess;
import org.duban.support.TestDatabase;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on one database: a phone's socket on node A (this JVM), a sponsor's return made through
 * node B (an operating-system process of its own). The return reaches the socket through PostgreSQL's
 * notification, as the API on node A would show it to the liaison. Then the phone drops, a change is made, and
 * it comes back on node B: B replays what it missed from where it left node A.
 */
class LiveSocketAcrossNodesTest {

  @Test
  void aReturnMadeOnNodeBReachesASocketOnNodeAAndThePhoneResumesOnNodeB_R30() throws Exception {
    try (TestDatabase database = TestDatabase.fresh("live_socket_nodes")) {
      TestServer a = TestServer.startOn(database, Map.of());
      NodeProcess b = null;
      Vertx vertx = Vertx.vertx();
      WebClient client = WebClient.create(vertx);
      try {
        Items4Test onA = new Items4Test(a);
        Long point;
        long id = onA.active("两个节点之间的实时推送：套接字", "7d").getLong("id");
        ok(onA.report(id, onA.fgw, "socket-nodes-1", "在节点A上反馈"));
        try (LiveClient phone = LiveClient.signedIn(vertx, a.port(), onA.fgw)) {
          b = NodeProcess.start(database, "live-socket-node-b", Map.of("DUBAN_DEMO_ENABLED", "false"));
          b.awaitReady(client);
          int portB = b.port();
          String sponsorOnB = b.login(client, "keshi1");
          var returned = client.post(portB, "127.0.0.1", "/items/" + id + "/return").bearerTokenAuthentication(sponsorOnB)
              .sendJsonObject(new JsonObject().put("unitId", onA.fgwUnit).put("reason", "请在节点B上补充")).await();
          assertThat(returned.statusCode()).isEqualTo(200);
          JsonObject back = phone.awaitEvent(id, "returned");
          assertThat(back.getJsonArray("events").getJsonObject(0).getString("reason")).isEqualTo("请在节点B上补充");
          assertThat(back.getJsonObject("item")).isEqualTo(Items4Test.ok(a.get("/items/" + id, onA.fgw), 200));
          assertThat(phone.eventTypes(id)).containsExactly("returned");
          point = phone.resumePoint();
        }
        // the phone drops; its unit reports again meanwhile, on node A
        ok(onA.report(id, onA.fgw, "socket-nodes-2", "断线期间在节点A上反馈"));
        // it comes back through the load balancer to node B, which kept the same changes in the same order
        try (LiveClient back = LiveClient.connect(vertx, b.port(), List.of())) {
          back.send(new JsonObject().put("type", "auth").put("token", onA.fgw).put("lastEventId", point));
          back.await("resumed");
          assertThat(back.ofType("snapshot")).isEmpty();
          assertThat(back.eventTypes(id)).containsExactly("reported");
        }
      } finally {
        if (b != null) b.kill();
        client.close();
        vertx.close().await();
        a.stop();
      }
    }
  }

  private static void ok(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response) {
    Items4Test.ok(response, 201);
  }
}
