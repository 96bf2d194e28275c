package org.duban.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.Drill;
import org.duban.support.Links4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Links4Test.FGW_LIAISON;
import static org.duban.support.Links4Test.codeIn;
import static org.duban.support.Links4Test.row;

/**
 * Tries of sign-in links are limited per client address (three a minute here), the client's address as
 * the proxy in front says it ({@code http.clientAddressHeader}); past the limit, 429 with Retry-After.
 */
class LinkTriesApiTest {
  static Drill drill;
  static TestServer server;
  static String code;

  @BeforeAll
  static void start() {
    drill = Drill.start(LinkTriesApiTest.class, Links4Test.settings(Map.of("auth.linkTriesPerMinute", "3",
        "http.clientAddressHeader", "X-Real-IP")));
    server = drill.server;
    var sms = Links4Test.firstReminders(drill, List.of("限次"));
    code = codeIn(sms.values().iterator().next().get(FGW_LIAISON));
  }

  @AfterAll
  static void stop() {
    drill.close();
  }

  static HttpResponse<Buffer> tryFrom(String client, String code) {
    return server.request(HttpMethod.POST, "/auth/link", null).putHeader("X-Real-IP", client)
        .sendJsonObject(new JsonObject().put("code", code)).await();
  }

  @Test
  void failedTriesCountAndTheFourthInAMinuteIsRefusedWithRetryAfterChangingNothing() {
    for (int i = 0; i < 3; i++) assertThat(tryFrom("198.51.100.7", "guessguessguess" + i).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> refused = tryFrom("198.51.100.7", code);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = refused.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("/problems/rate-limited");
    assertThat(problem.getLong("retryAfterSeconds")).isBetween(1L, 20L);
    assertThat(refused.getHeader("Retry-After")).isEqualTo(String.valueOf(problem.getLong("retryAfterSeconds")));
    // the genuine link it carried is untouched, and works from another client
    assertThat(row(server, code).get("used_at")).isNull();
    assertThat(tryFrom("198.51.100.8", code).statusCode()).isEqualTo(200);
  }

  @Test
  void theLastAddressOfAForwardedListIsTheOneThatCounts() {
    for (int i = 0; i < 3; i++) tryFrom("203.0.113.9", "guessguessguess" + i);
    // a client cannot escape its bucket by writing another address in front of the proxy's
    assertThat(tryFrom("192.0.2.1, 203.0.113.9", "guessguessguessx").statusCode()).isEqualTo(429);
    assertThat(tryFrom("203.0.113.9, 192.0.2.2", "guessguessguessx").statusCode()).isEqualTo(401);
  }
}
