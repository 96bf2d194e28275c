package org.duban.http;

import io.vertx.core.json.JsonObject;
import org.duban.support.Await;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP codec refuses before any route sees it (a request line over 4 KB, headers over 8 KB,
 * a head that does not parse) is a problem like every other, and nobody can fill the log with it.
 */
class MalformedRequestTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(MalformedRequestTest.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject problem(RawHttp.Answer answer, int status, String type) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    JsonObject body = answer.json();
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("type")).isEqualTo(type);
    assertThat(body.getString("title")).isNotBlank();
    assertThat(body.getString("detail")).isNotBlank();
    assertThat(body.getString("requestId")).isNotBlank().isEqualTo(answer.header(RequestIds.HEADER));
    assertThat(answer.text()).hasSizeLessThan(1024);
    return body;
  }

  @Test
  void aUrlOver4KbIs414WithAProblem() {
    try (LogCapture log = LogCapture.begin()) {
      RawHttp.Answer answer = RawHttp.exchange(server.port(),
          "GET /units?name=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      JsonObject body = problem(answer, 414, "/problems/uri-too-long");
      assertThat(body.getString("detail")).contains("4096");
      assertThat(log.withStackTraces()).isEmpty();
    }
  }

  @Test
  void aHeaderOver8KbIs431WithAProblem() {
    try (LogCapture log = LogCapture.begin()) {
      RawHttp.Answer answer = RawHttp.exchange(server.port(),
          "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "y".repeat(9000) + "\r\nConnection: close\r\n\r\n");
      JsonObject body = problem(answer, 431, "/problems/headers-too-large");
      assertThat(body.getString("detail")).contains("8192");
      assertThat(log.withStackTraces()).isEmpty();
    }
  }

  @Test
  void aHeadThatDoesNotParseIs400WithAProblem() {
    try (LogCapture log = LogCapture.begin()) {
      RawHttp.Answer answer = RawHttp.exchange(server.port(),
          "POST /units HTTP/1.1\r\nHost: localhost\r\nContent-Length: twelve\r\nConnection: close\r\n\r\n");
      problem(answer, 400, "/problems/malformed-request");
      assertThat(log.withStackTraces()).isEmpty();
    }
  }

  @Test
  void aPathThatDoesNotDecodeIs400WithAProblem() {
    try (LogCapture log = LogCapture.begin()) {
      RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET /units/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(answer.json().getString("type")).isEqualTo("/problems/malformed-request");
      assertThat(answer.json().getString("requestId")).isEqualTo(answer.header(RequestIds.HEADER));
      Await.until("the access line", () -> !log.access().isEmpty(), Duration.ofSeconds(5));
      assertThat(log.withStackTraces()).isEmpty();
    }
  }

  @Test
  void aBrokenChunkedBodyLogsNoStackTrace() {
    try (LogCapture log = LogCapture.begin()) {
      byte[] answer = RawHttp.send(server.port(), ("POST /auth/login HTTP/1.1\r\nHost: localhost\r\n"
          + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      // Vert.x closes a connection whose body it cannot frame, before anyone can answer
      assertThat(new String(answer, StandardCharsets.ISO_8859_1)).satisfiesAnyOf(
          text -> assertThat(text).isEmpty(), text -> assertThat(text).startsWith("HTTP/1.1 400"));
      // a request after it, on the same single event loop, is served only once the broken one has been dealt
      // with: its access line is the sign that whatever the broken one would log is in
      RawHttp.exchange(server.port(), "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      Await.until("the next request's access line", () -> log.access().stream()
          .anyMatch(e -> e.getFormattedMessage().contains("/health/live")), Duration.ofSeconds(5));
      assertThat(log.withStackTraces()).isEmpty();
    }
  }

  @Test
  void aRequestWithoutHostIs400WithAProblem() {
    RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    assertThat(answer.json().getString("requestId")).isEqualTo(answer.header(RequestIds.HEADER));
  }

  @Test
  void anOrdinaryRawRequestStillWorks() {
    RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().getString("status")).isEqualTo("UP");
  }

  @Test
  void theAccessLineOfALongPathIsShortAndOneLine() {
    try (LogCapture log = LogCapture.begin()) {
      String path = "/no/such/" + "z".repeat(3000) + "%0D%0Aforged";
      RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(answer.status()).isEqualTo(404);
      Await.until("the access line", () -> !log.access().isEmpty(), Duration.ofSeconds(5));
      String line = log.access().get(0).getFormattedMessage();
      assertThat(line).startsWith("GET /no/such/zzz").contains(" 404 ").hasSizeLessThan(300).doesNotContain("\n").doesNotContain("\r");
      assertThat(log.withStackTraces()).isEmpty();
    }
  }
}
