package org.duban.time;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
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

  @Test
  void withoutTheSimulationSwitchTheClockControlsDoNotExist() {
    String admin = server.tokenOf("admin");
    assertThat(server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", "2030-01-01T00:00:00Z")).statusCode()).isEqualTo(404);
    assertThat(server.send(HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "PT1H")).statusCode()).isEqualTo(404);
    assertThat(server.get("/clock", admin).bodyAsJsonObject().getBoolean("simulated")).isFalse();
  }
}
