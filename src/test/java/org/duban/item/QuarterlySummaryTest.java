package org.duban.item;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/** A past quarter's summary stays what it was when the quarter ended (R44). */
class QuarterlySummaryTest {
  static TestServer server;
  static Items4Test flow;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(QuarterlySummaryTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-08-03T01:00:00Z"));
    flow = new Items4Test(server);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void closingAnItemInTheNextQuarterDoesNotRewriteTheQuarterBefore_R44() {
    long closedLater = flow.active("第三季度未完成、第四季度办结", "1m").getLong("id");
    flow.active("第三季度进展顺利", "1m");
    JsonObject q3Before = ofSponsor(2026, 3);
    server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", "2026-10-20T01:00:00Z"));
    flow.closeOut(closedLater, "good");
    JsonObject q3After = ofSponsor(2026, 3);
    JsonObject q4 = ofSponsor(2026, 4);
    assertThat(q3After.getLong("completed")).isEqualTo(q3Before.getLong("completed"));
    assertThat(q3After.getLong("onTrack") + q3After.getLong("slow")).isEqualTo(q3Before.getLong("onTrack") + q3Before.getLong("slow"));
    assertThat(q4.getLong("completed")).isEqualTo(1);
  }

  private static JsonObject ofSponsor(int year, int quarter) {
    long office = flow.ownUnit(flow.sponsor);
    return ok(server.get("/ledger/quarterly?year=" + year + "&quarter=" + quarter, flow.sponsor), 200).getJsonArray("items").stream()
        .map(r -> (JsonObject) r).filter(r -> r.getLong("sponsorUnitId") == office).findFirst().orElseThrow();
  }
}
