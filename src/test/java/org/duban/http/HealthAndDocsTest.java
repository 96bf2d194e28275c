package org.duban.http;

import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthAndDocsTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(HealthAndDocsTest.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void readinessChecksTheDatabase() {
    var response = server.get("/health/ready", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonObject("checks").getString("database")).isEqualTo("UP");
  }

  @Test
  void livenessAnswersWithoutAToken() {
    assertThat(server.get("/health/live", null).bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }
}
