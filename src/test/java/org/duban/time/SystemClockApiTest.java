package org.duban.time;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemClockApiTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(SystemClockApiTest.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The clock exists and reads; it is the server's mode that refuses to move it: 409, saying how drills are run. */
  @Test
  void onTheSystemClockTheControlsSaySoAndNameTheSwitchForDrills() {
    String admin = server.tokenOf("admin");
    HttpResponse<Buffer> set = server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", "2030-01-01T00:00:00Z"));
    HttpResponse<Buffer> advance = server.send(HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "PT1H"));

    for (HttpResponse<Buffer> refused : java.util.List.of(set, advance)) {
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
      JsonObject problem = refused.bodyAsJsonObject();
      assertThat(problem.getString("title")).isEqualTo("The server runs on the system clock");
      assertThat(problem.getString("detail"))
          .contains("the server runs on the system clock")
          .contains("clock.simulated")
          .contains("DUBAN_CLOCK_SIMULATED=true")
          .doesNotContain("does not exist")
          .doesNotContain("not visible");
    }
    assertThat(server.get("/clock", admin).bodyAsJsonObject().getBoolean("simulated")).isFalse();
  }
}
