package org.duban.time;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.Items4Test;
import org.duban.support.TestDatabase;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A year imported on one node is the calendar of every node as soon as it commits, not at the next minute's reload (R12). */
class CalendarAcrossNodesTest {

  @Test
  void aYearImportedOnOneNodeIsUsedByTheOtherAtOnce_R12() {
    try (TestDatabase database = TestDatabase.fresh("calendar_nodes")) {
      TestServer a = TestServer.startOn(database, Map.of());
      TestServer b = TestServer.startOn(database, Map.of("demo.enabled", "false"));
      try {
        String adminB = b.tokenOf("admin");
        assertThat(working(b, adminB, "2027-01-01")).isTrue(); // an unknown year: Monday to Friday
        JsonObject notice = new JsonObject().put("year", 2027).put("source", "假想的2027年通知")
            .put("holidays", new JsonArray().add(new JsonObject().put("name", "元旦").put("from", "2027-01-01").put("to", "2027-01-03")))
            .put("makeUpWorkdays", new JsonArray());
        assertThat(a.send(HttpMethod.PUT, "/calendar/2027", a.tokenOf("admin"), notice).statusCode()).isEqualTo(200);
        // the periodic reload is a minute; the notification makes it well under two seconds
        Await.until("node b to know the 2027 holiday", () -> !working(b, adminB, "2027-01-01"), Duration.ofSeconds(2));
      } finally {
        b.stop();
        a.stop();
      }
    }
  }

  @Test
  void theDeadlinesAnImportMovesAreMovedOnceWhicheverNodeImportedIt_R10_R12() {
    Map<String, String> clock = Map.of("clock.simulated", "true", "clock.start", DeadlinesAfterImportApiTest.NOW);
    try (TestDatabase database = TestDatabase.fresh("calendar_nodes_moves")) {
      TestServer a = TestServer.startOn(database, clock);
      TestServer b = TestServer.startOn(database, Map.of("demo.enabled", "false", "clock.simulated", "true",
          "clock.start", DeadlinesAfterImportApiTest.NOW));
      try {
        Items4Test onA = new Items4Test(a);
        long id = onA.active("两个节点上的春节期限", "1m").getLong("id");
        String adminA = a.tokenOf("admin");
        assertThat(b.send(HttpMethod.PUT, "/calendar/2027", b.tokenOf("admin"), DeadlinesAfterImportApiTest.notice2027()).statusCode())
            .isEqualTo(200);
        // node a hears the import and only reloads; node b moved the deadlines before answering, one event per unit
        // (and a recount run twice would find nothing left to move)
        Await.until("node a to know the 2027 festival", () -> !working(a, adminA, "2027-02-10"), Duration.ofSeconds(2));
        JsonObject item = a.get("/items/" + id, adminA).bodyAsJsonObject();
        assertThat(Items4Test.unit(item, onA.fgwUnit).getString("deadline")).isEqualTo(DeadlinesAfterImportApiTest.AFTER_THE_FESTIVAL);
        assertThat(Items4Test.types(onA.events(id, onA.sponsor)).stream().filter("deadline_moved"::equals)).hasSize(2);
      } finally {
        b.stop();
        a.stop();
      }
    }
  }

  private static boolean working(TestServer server, String token, String day) {
    return server.get("/calendar/days?from=" + day + "&to=" + day, token).bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
        .getBoolean("working");
  }
}
