package org.duban.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.fault.Refusal;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.http.BadInputTest.problem;

/**
 * A problem may quote what the client sent, but only its first 64 characters: 100 KB in must not mean
 * 100 KB out, whichever path refused it.
 */
class EchoTest {
  static final String HUGE = "x".repeat(100_000);
  static final String PREFIX = "x".repeat(64) + "…";
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(EchoTest.class);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject policyWithSource(String source) {
    JsonObject policy = server.get("/reminder-policy", admin).bodyAsJsonObject().put("version", 99);
    policy.getJsonObject("reporting").getJsonArray("profiles").getJsonObject(0).put("sources", new JsonArray().add(source));
    return policy;
  }

  @Test
  void aRefusedPolicyDoesNotEchoTheValueSent() {
    var response = server.send(HttpMethod.POST, "/reminder-policies", admin, policyWithSource(HUGE));
    JsonObject problem = problem(response, 400);
    assertThat(response.body().length()).isLessThan(4096);
    JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("/reporting/profiles/0/sources/0");
    assertThat(error.getString("reason")).doesNotContain("x".repeat(65)).contains("meeting_decision");
  }

  @Test
  void aDomainReasonQuotesOnlyAPrefixOfTheValue() {
    // whatever a refusal's author quoted, the funnel's problem carries only its first 64 characters
    Problem problem = Problem.of(Refusal.invalid("/source", "is not a known source: \"" + HUGE + "\""));
    String json = problem.toJson("/reminder-policies", "r-1").encode();
    assertThat(json.length()).isLessThan(4096);
    assertThat(problem.violations().get(0).reason()).contains("\"" + PREFIX + "\"").doesNotContain("x".repeat(65));
  }

  @Test
  void anUnknownFieldWithAHugeNameIsNamedByAPrefix() {
    // (a name over 50,000 characters is not JSON to the parser at all)
    String name = "x".repeat(40_000);
    var response = server.send(HttpMethod.POST, "/units", admin, new JsonObject().put("name", "回声单位").put("kind", "office").put(name, 1));
    JsonObject problem = problem(response, 400);
    assertThat(response.body().length()).isLessThan(4096);
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/" + "x".repeat(63) + "…");
  }

  @Test
  void aThousandBadFieldsGiveAShortList() {
    JsonObject unit = new JsonObject().put("name", "多字段").put("kind", "office");
    for (int i = 0; i < 1000; i++) unit.put("extra" + i, i);
    var response = server.send(HttpMethod.POST, "/units", admin, unit);
    JsonObject problem = problem(response, 400);
    assertThat(problem.getJsonArray("errors")).hasSize(20);
    assertThat(problem.getInteger("errorsOmitted")).isEqualTo(980);
    assertThat(response.body().length()).isLessThan(4096);
  }

  @Test
  void aValueTheValidatorQuotesIsCutToo() {
    // the contract's validator percent-decodes header values, and quotes one it cannot decode
    String key = "%zz" + "9".repeat(5000);
    var response = server.request(HttpMethod.POST, "/items/1/reports", admin).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("text", "回声")).await();
    JsonObject problem = problem(response, 400);
    assertThat(problem.encode()).contains("%zz999").doesNotContain("9".repeat(65));
    assertThat(response.body().length()).isLessThan(2048);
  }
}
