package org.duban.http;

import org.duban.support.TestServer;
import org.duban.support.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.http.BadInputTest.fields;
import static org.duban.http.BadInputTest.problem;

/** A query value is percent-decoded once, as the URL says, not again by the contract's validator. */
class QueryDecodingTest {
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(QueryDecodingTest.class);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anEncodedPercentStaysAPercent() {
    // %25 is "%": the value is the text %6Fpen, which is no status
    assertThat(fields(problem(server.get("/items?status=%256Fpen", admin), 400))).containsExactly("status");
  }

  @Test
  void anEncodedLetterIsThatLetter() {
    assertThat(server.get("/items?status=%6Fpen", admin).statusCode()).isEqualTo(200);
    assertThat(server.get("/items?status=open", admin).statusCode()).isEqualTo(200);
  }

  @Test
  void anEncodedPlusStaysAPlus() {
    // the example the contract gives, with its "+" sent as %2B; decoded twice it became a space
    long item = server.get("/items", admin).bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    String until = server.server().clock().clock().instant().plus(Duration.ofDays(30)).atOffset(ZoneOffset.ofHours(8))
        .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    assertThat(until).contains("+08:00");
    var response = server.get("/items/" + item + "/reminders?until=" + until.replace("+", "%2B"), admin);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  @Test
  void aQueryWithABrokenEscapeIsRefusedBeforeSignInWithoutAStackTrace() {
    for (String path : new String[] {"/health/ready?%zz", "/health/calendar?%", "/items?status=%"}) {
      try (LogCapture log = LogCapture.begin()) {
        RawHttp.Answer answer = RawHttp.exchange(server.port(),
            "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("query");
        Await.until("the access line", () -> !log.access().isEmpty(), Duration.ofSeconds(5));
        assertThat(log.withStackTraces()).as(path).isEmpty();
      }
    }
  }
}
