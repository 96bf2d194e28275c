package org.duban.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.duban.auth.Role;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract and the server agree: every operation is handled, and every secured one names its roles. */
class ContractTest {
  static TestServer server;
  static List<Operation> operations;
  static final Set<String> PUBLIC = Set.of("live", "ready", "delivery", "calendarHealth", "metrics", "login", "refreshToken",
      "signInWithLink");

  @BeforeAll
  static void start() {
    server = TestServer.start(ContractTest.class);
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = Contract.read(vertx).compose(doc -> Contract.parse(vertx, doc)).await();
      operations = contract.operations();
    } finally {
      vertx.close().await();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String concretePath(Operation op) {
    return op.getOpenAPIPath().replace("{year}", "2026").replaceAll("\\{[^}]+}", "1");
  }

  @Test
  void everyOperationHasAHandler() {
    String admin = server.tokenOf("admin");
    for (Operation op : operations) {
      var response = server.send(op.getHttpMethod(), concretePath(op) + (op.getOperationId().equals("listCalendarDays")
          ? "?from=2026-01-01&to=2026-01-02" : ""), admin, null);
      // 501/503 is what the router answers for an operation nobody attached a handler to
      assertThat(response.statusCode()).as(op.getOperationId()).isNotIn(501, 503);
    }
  }

  @Test
  void securedOperationsRefuseAnonymousCallers() {
    for (Operation op : operations) {
      if (PUBLIC.contains(op.getOperationId())) continue;
      var response = server.send(op.getHttpMethod(), concretePath(op), null, null);
      assertThat(response.statusCode()).as(op.getOperationId()).isEqualTo(401);
    }
  }

  @Test
  void exactlyTheIntendedOperationsArePublic() {
    Set<String> open = operations.stream().filter(op -> !Api.isSecured(op)).map(Operation::getOperationId).collect(Collectors.toSet());
    assertThat(open).isEqualTo(PUBLIC);
  }

  @Test
  void everySecuredOperationDeclaresItsRoles() {
    for (Operation op : operations) {
      if (!Api.isSecured(op)) continue;
      Set<Role> roles = Api.rolesOf(op).stream().map(Role::fromWire).collect(java.util.stream.Collectors.toSet());
      assertThat(roles).as(op.getOperationId()).isNotEmpty();
    }
  }

  @Test
  void theContractAndItsPageAreServed() {
    var yaml = server.get("/openapi.yaml", null);
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.bodyAsString()).startsWith("openapi: 3.1.0").contains("application/problem+json");
    var page = server.get("/docs", null);
    assertThat(page.statusCode()).isEqualTo(200);
    String bundlePath = WebJars.path("org.webjars", "swagger-ui") + "/swagger-ui-bundle.js";
    assertThat(page.bodyAsString()).contains(bundlePath);
    var bundle = server.get(bundlePath, null);
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.bodyAsString().length()).isGreaterThan(100_000);
  }

  @Test
  void metricsAreInPrometheusFormat() {
    server.get("/health/live", null);
    var metrics = server.get("/metrics", null);
    assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total").contains("jvm_memory_used_bytes");
  }

  @Test
  void aWrongMethodOnAKnownPathIsAProblem() {
    var response = server.send(HttpMethod.DELETE, "/health/live", null, null);
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.getHeader("Content-Type")).isEqualTo(ErrorFunnel.PROBLEM_JSON);
  }
}
