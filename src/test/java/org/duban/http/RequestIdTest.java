package org.duban.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.http.HttpMethod;
import org.duban.support.Await;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(RequestIdTest.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theCallersRequestIdIsEchoedAndCarriedIntoTheLogLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> appender = capture(out);
    try {
      var response = server.request(HttpMethod.GET, "/health/ready", null).putHeader(RequestIds.HEADER, "trace-42").send().await();
      assertThat(response.getHeader(RequestIds.HEADER)).isEqualTo("trace-42");
      // the access line is written when the body has gone out, which may be just after the client has it
      Await.until("the access log line", () -> out.toString(StandardCharsets.UTF_8).contains("trace-42"), Duration.ofSeconds(5));
    } finally {
      ((Logger) LoggerFactory.getLogger("duban.access")).detachAppender(appender);
      appender.stop();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("[trace-42] GET /health/ready 200");
  }

  @Test
  void anInsaneRequestIdIsReplacedAndTheProblemQuotesTheOneUsed() {
    var response = server.request(HttpMethod.GET, "/units", null).putHeader(RequestIds.HEADER, "bad id\twith spaces").send().await();
    String id = response.getHeader(RequestIds.HEADER);
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(response.bodyAsJsonObject().getString("requestId")).isEqualTo(id);
  }

  private static OutputStreamAppender<ILoggingEvent> capture(ByteArrayOutputStream out) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("[%requestId] %msg%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    ((Logger) LoggerFactory.getLogger("duban.access")).addAppender(appender);
    return appender;
  }
}
