package org.duban.time;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;
import static org.duban.support.Items4Test.unit;

/**
 * R10, R12: the deadlines an import moves are moved one item at a time, each under its own row lock. An item
 * whose lock cannot be had in time is left as it was and the others still move; importing the notice again
 * moves the one left, and nothing twice. A short request deadline makes the lock give up quickly.
 */
class DeadlinesAfterImportLockTest {
  static TestServer server;
  static Items4Test flow;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(DeadlinesAfterImportLockTest.class, Map.of("clock.simulated", "true",
        "clock.start", DeadlinesAfterImportApiTest.NOW, "http.requestTimeout", "6s"));
    admin = server.tokenOf("admin");
    flow = new Items4Test(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String deadline(long id) {
    return unit(ok(server.get("/items/" + id, admin), 200), flow.fgwUnit).getString("deadline");
  }

  static long moves(long id) {
    return flow.events(id, flow.sponsor).stream().filter(e -> "deadline_moved".equals(((JsonObject) e).getString("type"))).count();
  }

  @Test
  void anItemThatCannotBeLockedIsLeftAndTheOthersStillMove_R10_R12() throws Exception {
    long held = flow.active("导入时被锁住的事项", "1m").getLong("id");
    long free = flow.active("导入时未被锁住的事项", "1m").getLong("id");
    var target = server.database().target();
    try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password().orElse(null))) {
      c.setAutoCommit(false);
      try (var statement = c.createStatement()) {
        statement.execute("SELECT id FROM item WHERE id = " + held + " FOR UPDATE");
      }
      ok(server.send(HttpMethod.PUT, "/calendar/2027", admin, DeadlinesAfterImportApiTest.notice2027()), 200);
      c.rollback();
    }
    assertThat(deadline(held)).isEqualTo(DeadlinesAfterImportApiTest.IN_THE_FESTIVAL);
    assertThat(moves(held)).isZero();
    assertThat(deadline(free)).isEqualTo(DeadlinesAfterImportApiTest.AFTER_THE_FESTIVAL);
    assertThat(moves(free)).isEqualTo(2);

    ok(server.send(HttpMethod.PUT, "/calendar/2027", admin, DeadlinesAfterImportApiTest.notice2027()), 200);
    assertThat(deadline(held)).isEqualTo(DeadlinesAfterImportApiTest.AFTER_THE_FESTIVAL);
    assertThat(moves(held)).isEqualTo(2);
    assertThat(moves(free)).isEqualTo(2);
  }
}
