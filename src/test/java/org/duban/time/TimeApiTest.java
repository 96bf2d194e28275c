package org.duban.time;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated clock and the work calendar through the API, on a server started with clock.simulated. */
class TimeApiTest {
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(TimeApiTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-03-01T16:00:00Z"));
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theClockReportsShanghaiTimeWhateverTheServerZone_R11() {
    server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", "2026-03-01T16:00:00Z"));
    JsonObject clock = server.get("/clock", server.tokenOf("fgw")).bodyAsJsonObject();
    assertThat(clock.getString("now")).isEqualTo("2026-03-01T16:00:00Z");
    assertThat(clock.getString("local")).isEqualTo("2026-03-02T00:00+08:00");
    assertThat(clock.getBoolean("simulated")).isTrue();
  }

  @Test
  void anAdministratorAdvancesTheSimulatedClock() {
    server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", "2026-03-01T16:00:00Z"));
    var advanced = server.send(HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "P1DT5H"));
    assertThat(advanced.bodyAsJsonObject().getString("now")).isEqualTo("2026-03-02T21:00:00Z");
    assertThat(server.server().clock().clock().instant().toString()).isEqualTo("2026-03-02T21:00:00Z");
  }

  @Test
  void advancingBackwardsOrByNonsenseIsRefused() {
    assertThat(server.send(HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "-PT1H")).statusCode()).isEqualTo(400);
    var nonsense = server.send(HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "soon"));
    assertThat(nonsense.statusCode()).isEqualTo(400);
    assertThat(nonsense.bodyAsString()).contains("/by");
  }

  @Test
  void theClockStaysWithinTheCenturyItIsMeantFor() {
    var far = server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", "9999-12-31T23:00:00Z"));
    assertThat(far.statusCode()).isEqualTo(400);
    var huge = server.send(HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "PT2562047788015215H"));
    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(huge.bodyAsString()).contains("/by");
    assertThat(server.send(HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "P40000D")).statusCode()).isEqualTo(400);
  }

  @Test
  void onlyAnAdministratorMovesTheClock() {
    assertThat(server.send(HttpMethod.POST, "/clock/advance", server.tokenOf("leader"), new JsonObject().put("by", "PT1H"))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void theShippedYearsAreKnown_R12() {
    assertThat(server.get("/calendar", admin).bodyAsJsonObject().getJsonArray("years").getList()).contains(2025, 2026);
    JsonObject notice = server.get("/calendar/2026", admin).bodyAsJsonObject();
    assertThat(notice.getJsonArray("makeUpWorkdays").encode()).contains("2026-02-14");
  }

  @Test
  void daysShowMakeUpSaturdaysAsWorkingAndHolidaysByName_R12() {
    JsonArray days = server.get("/calendar/days?from=2026-02-14&to=2026-02-16", admin).bodyAsJsonObject().getJsonArray("items");
    assertThat(days.getJsonObject(0).getBoolean("working")).isTrue();
    assertThat(days.getJsonObject(2).getBoolean("working")).isFalse();
    assertThat(days.getJsonObject(2).getString("holiday")).isEqualTo("春节");
    assertThat(server.get("/calendar/days?from=2026-01-01&to=2027-06-01", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void anImportedYearIsUsedAtOnce_R12() {
    assertThat(server.get("/calendar/2027", admin).statusCode()).isEqualTo(404);
    JsonObject notice = new JsonObject().put("year", 2027).put("source", "假想的2027年通知")
        .put("holidays", new JsonArray().add(new JsonObject().put("name", "元旦").put("from", "2027-01-01").put("to", "2027-01-03")))
        .put("makeUpWorkdays", new JsonArray().add(new JsonObject().put("name", "元旦").put("date", "2027-01-09")));
    var imported = server.send(HttpMethod.PUT, "/calendar/2027", admin, notice);
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
    JsonArray days = server.get("/calendar/days?from=2027-01-01&to=2027-01-09", admin).bodyAsJsonObject().getJsonArray("items");
    assertThat(days.getJsonObject(0).getBoolean("working")).isFalse();
    assertThat(days.getJsonObject(8).getBoolean("working")).isTrue();
    assertThat(days.getJsonObject(8).getBoolean("known")).isTrue();
  }

  @Test
  void aBrokenNoticeIsRefusedWithEveryFieldAndChangesNothing_R12() {
    JsonObject notice = new JsonObject().put("year", 2028).put("source", "坏通知")
        .put("holidays", new JsonArray().add(new JsonObject().put("name", "倒序").put("from", "2028-05-05").put("to", "2028-05-01")))
        .put("makeUpWorkdays", new JsonArray().add(new JsonObject().put("name", "周三").put("date", "2028-05-10")));
    var refused = server.send(HttpMethod.PUT, "/calendar/2028", admin, notice);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsString()).contains("/holidays/0").contains("/makeUpWorkdays/0/date");
    assertThat(server.get("/calendar/2028", admin).statusCode()).isEqualTo(404);
    var mismatch = server.send(HttpMethod.PUT, "/calendar/2029", admin, notice.copy().put("holidays", new JsonArray()).put("makeUpWorkdays", new JsonArray()));
    assertThat(mismatch.statusCode()).isEqualTo(400);
  }
}
