package org.duban.db;

import org.duban.support.Await;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When PostgreSQL stops answering, requests fail fast with 503 problems, and recover when it is back. */
class DatabaseOutageTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(DatabaseOutageTest.class, java.util.Map.of("http.requestTimeout", "4s"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void cutOff(boolean off) {
    String name = server.database().target().database();
    server.database().executeAsAdmin("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS " + !off);
    if (off) server.database().executeAsAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
  }

  @Test
  void aWriteStuckBehindALockAnswers503AndNeverCommitsLater() throws Exception {
    String admin = server.tokenOf("admin");
    var target = server.database().target();
    try (var holder = java.sql.DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password().orElse(null))) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("SELECT id FROM unit WHERE id = 2 FOR UPDATE");
      var response = server.send(io.vertx.core.http.HttpMethod.PATCH, "/units/2", admin,
          new io.vertx.core.json.JsonObject().put("name", "被锁住时的改名"));
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unavailable");
      holder.rollback();
    }
    assertThat(server.get("/units/2", admin).bodyAsJsonObject().getString("name")).isNotEqualTo("被锁住时的改名");
  }

  @Test
  void aDatabaseOutageAnswers503InsteadOfHangingAndRecovers() {
    String admin = server.tokenOf("admin");
    cutOff(true);
    try {
      var units = server.get("/units", admin);
      assertThat(units.statusCode()).isEqualTo(503);
      assertThat(units.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unavailable");
      var ready = server.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("database")).isEqualTo("DOWN");
      assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
    } finally {
      cutOff(false);
    }
    Await.until("readiness after the outage", () -> server.get("/health/ready", null).statusCode() == 200, Duration.ofSeconds(20));
    assertThat(server.get("/units", admin).statusCode()).isEqualTo(200);
  }
}
