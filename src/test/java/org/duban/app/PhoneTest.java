package org.duban.app;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser test of the phone app: the real server with the demo, one Chromium for the class, a fresh
 * phone (context and page) for each test, and no error on the page allowed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PhoneTest {
  TestServer server;
  Phone phone;
  BrowserContext context;
  Page page;
  final List<String> errors = new ArrayList<>();

  /** The server's settings beyond the test defaults. */
  Map<String, String> settings() {
    return Map.of();
  }

  /** The reports the server stored for an item, as the sponsor sees them. */
  JsonArray reports(long itemId) {
    return server.get("/items/" + itemId + "/reports", server.tokenOf("keshi1")).bodyAsJsonObject().getJsonArray("items");
  }

  @BeforeAll
  void startServerAndBrowser() {
    server = TestServer.start(getClass(), settings());
    phone = new Phone(server.port());
  }

  @AfterAll
  void stopServerAndBrowser() {
    phone.close();
    server.close();
  }

  @BeforeEach
  void openPhone() {
    errors.clear();
    context = phone.context();
    page = phone.open(context, errors);
  }

  @AfterEach
  void closePhone() {
    context.close();
    assertThat(errors).as("errors on the page").isEmpty();
  }
}
