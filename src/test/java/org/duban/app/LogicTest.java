package org.duban.app;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's pure modules (webroot/logic/) in the Chromium they run in: logic-tests.js imports them
 * on a page of the app and answers one result per assertion; no node or npm.
 */
class LogicTest {
  static TestServer server;
  static Phone phone;

  @BeforeAll
  static void start() {
    server = TestServer.start(LogicTest.class);
    phone = new Phone(server.port());
  }

  @AfterAll
  static void stop() {
    phone.close();
    server.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePureLogicHolds() throws IOException {
    String script;
    try (InputStream in = LogicTest.class.getResourceAsStream("logic-tests.js")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = phone.context()) {
      Page page = phone.open(context, errors);
      page.navigate("/manifest.webmanifest");
      List<Map<String, Object>> results = (List<Map<String, Object>>) page.evaluate(script.substring(script.indexOf("async")));
      assertThat(results).hasSizeGreaterThan(30);
      List<String> failed = results.stream().filter(r -> !Boolean.TRUE.equals(r.get("ok")))
          .map(r -> r.get("name") + ": " + r.get("detail")).toList();
      assertThat(failed).as("failed assertions").isEmpty();
    }
    assertThat(errors).isEmpty();
  }
}
