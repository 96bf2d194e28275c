package org.duban.time;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
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

  private static boolean working(TestServer server, String token, String day) {
    return server.get("/calendar/days?from=" + day + "&to=" + day, token).bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
        .getBoolean("working");
  }
}
