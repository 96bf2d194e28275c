package org.duban.health;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /health/calendar and its gauge (R12): from 1 November in Shanghai, by the domain clock, a missing
 * calendar for next year is a warning - 200 with status WARN, saying which year, since when and what
 * to do - and an import clears it. The shipped data knows 2025 and 2026 only.
 */
class CalendarHealthTest {
  // 23:59 on 31 October 2026 in Shanghai: next year's notice is not yet expected
  static final String LAST_MINUTE_OF_OCTOBER = "2026-10-31T15:59:00Z";
  // 00:00 on 1 November 2026 in Shanghai (still 31 October in UTC)
  static final String FIRST_OF_NOVEMBER = "2026-10-31T16:00:00Z";

  @Test
  void aMissingNextYearIsWarnedAboutFromTheFirstOfNovemberUntilItIsImported_R12() {
    try (TestServer server = TestServer.start(CalendarHealthTest.class, Map.of("clock.simulated", "true",
        "clock.start", LAST_MINUTE_OF_OCTOBER))) {
      String admin = server.tokenOf("admin");
      var before = server.get("/health/calendar", null);
      assertThat(before.statusCode()).isEqualTo(200);
      assertThat(before.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      assertThat(before.bodyAsJsonObject().getJsonObject("checks").getJsonArray("expectedYears").getList()).containsExactly(2026);
      assertThat(missingGauge(server)).isZero();

      server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", FIRST_OF_NOVEMBER));
      var warned = server.get("/health/calendar", null);
      // a warning, not an outage
      assertThat(warned.statusCode()).isEqualTo(200);
      JsonObject body = warned.bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("WARN");
      JsonObject checks = body.getJsonObject("checks");
      assertThat(checks.getString("today")).isEqualTo("2026-11-01");
      assertThat(checks.getJsonArray("missing").getJsonObject(0).getMap())
          .containsEntry("year", 2027).containsEntry("expectedSince", "2026-11-01").containsEntry("importWith", "PUT /calendar/2027");
      assertThat(checks.getJsonArray("problems").getString(0)).contains("2027").contains("since 2026-11-01")
          .contains("PUT /calendar/2027").contains("State Council");
      assertThat(missingGauge(server)).isEqualTo(1);
      // readiness is about serving requests, and does not follow
      assertThat(server.get("/health/ready", null).statusCode()).isEqualTo(200);

      var imported = server.send(HttpMethod.PUT, "/calendar/2027", admin, testNotice2027());
      assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
      JsonObject after = server.get("/health/calendar", null).bodyAsJsonObject();
      assertThat(after.getString("status")).isEqualTo("UP");
      assertThat(after.getJsonObject("checks").getJsonArray("problems")).isEmpty();
      assertThat(missingGauge(server)).isZero();
    }
  }

  @Test
  void theCurrentYearMissingIsWarnedAboutAllYear_R12() {
    try (TestServer server = TestServer.start(CalendarHealthTest.class, Map.of("clock.simulated", "true",
        "clock.start", "2027-03-02T01:00:00Z"))) {
      JsonObject body = server.get("/health/calendar", null).bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("WARN");
      assertThat(body.getJsonObject("checks").getJsonArray("missing").getJsonObject(0).getInteger("year")).isEqualTo(2027);
      assertThat(body.getJsonObject("checks").getJsonArray("missing").getJsonObject(0).getString("expectedSince")).isEqualTo("2026-11-01");
    }
  }

  /** Test data made up for the test, not the State Council's 2027 notice. */
  static JsonObject testNotice2027() {
    return new JsonObject().put("year", 2027).put("source", "测试用通知（非官方）")
        .put("holidays", new JsonArray().add(new JsonObject().put("name", "元旦").put("from", "2027-01-01").put("to", "2027-01-03")))
        .put("makeUpWorkdays", new JsonArray());
  }

  static double missingGauge(TestServer server) {
    String metrics = server.get("/metrics", null).bodyAsString();
    return metrics.lines().filter(l -> l.startsWith("duban_calendar_missing ")).mapToDouble(l -> Double.parseDouble(l.split(" ")[1]))
        .findFirst().orElse(-1);
  }
}
