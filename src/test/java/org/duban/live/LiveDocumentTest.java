package org.duban.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.impl.Utils;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document of {@code /live}: served like the contract, and describing every message the server's
 * socket code can send, every one the socket takes, and every close code.
 */
class LiveDocumentTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(LiveDocumentTest.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theDocumentIsServedAndCachedLikeTheContract() {
    var contract = server.get("/openapi.yaml", null);
    var live = server.get("/live.asyncapi.yaml", null);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.getHeader("Content-Type")).isEqualTo(contract.getHeader("Content-Type"));
    assertThat(live.getHeader("Cache-Control")).isEqualTo(contract.getHeader("Cache-Control"));
    assertThat(live.bodyAsString()).startsWith("asyncapi: 3.0.0");
    String etag = live.getHeader("ETag");
    assertThat(etag).isNotBlank();
    var again = server.request(HttpMethod.GET, "/live.asyncapi.yaml", null).putHeader("If-None-Match", etag).send().await();
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void everyMessageTheServerSendsOrTakesAndEveryCloseCodeIsDescribed() throws Exception {
    Vertx vertx = Vertx.vertx();
    JsonObject document;
    try {
      document = Utils.readYamlOrJson(vertx, "openapi/live.asyncapi.yaml").await();
    } finally {
      vertx.close().await();
    }
    JsonObject messages = document.getJsonObject("components").getJsonObject("messages");
    Set<String> sent = typesOf(document, messages, "sendToApp");
    Set<String> taken = typesOf(document, messages, "sendToServer");
    String source = Files.readString(Path.of("src/main/java/org/duban/live/LiveSocket.java"));
    assertThat(matches(source, "put\\(\"type\", \"([a-z_]+)\"\\)")).as("what the socket sends").isNotEmpty().isSubsetOf(sent);
    assertThat(matches(source, "case \"([a-z_]+)\":")).as("what the socket takes").isNotEmpty().isEqualTo(taken);
    String description = document.getJsonObject("info").getString("description");
    for (LiveSockets.Close close : LiveSockets.Close.values()) {
      assertThat(description).as("close code " + close).contains(String.valueOf(close.code));
    }
  }

  private static Set<String> typesOf(JsonObject document, JsonObject messages, String operation) {
    JsonArray refs = document.getJsonObject("operations").getJsonObject(operation).getJsonArray("messages");
    Set<String> types = new HashSet<>();
    for (Object ref : refs) {
      String name = ((JsonObject) ref).getString("$ref").replaceAll(".*/", "");
      types.add(messages.getJsonObject(name).getJsonObject("payload").getJsonObject("properties").getJsonObject("type").getString("const"));
    }
    return types;
  }

  private static Set<String> matches(String source, String regex) {
    Set<String> found = new HashSet<>();
    Matcher m = Pattern.compile(regex).matcher(source);
    while (m.find()) found.add(m.group(1));
    return found;
  }
}
