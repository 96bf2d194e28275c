package org.duban.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.http.BadInputTest.problem;

/**
 * Text PostgreSQL cannot hold exactly is refused before it gets there, naming the string by its JSON
 * pointer: an unpaired surrogate (which would be stored as "?") and NUL (which the database refuses).
 */
class JsonTextTest {
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(JsonTextTest.class);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject postUnit(String json) {
    return problem(server.sendRaw(HttpMethod.POST, "/units", admin, "application/json", Buffer.buffer(json)), 400);
  }

  static JsonObject postUnit(byte[] json) {
    return problem(server.sendRaw(HttpMethod.POST, "/units", admin, "application/json", Buffer.buffer(json)), 400);
  }

  static JsonObject onlyError(JsonObject problem) {
    assertThat(problem.getJsonArray("errors")).hasSize(1);
    return problem.getJsonArray("errors").getJsonObject(0);
  }

  int unitCount() {
    return server.get("/units", admin).bodyAsJsonObject().getJsonArray("items").size();
  }

  @Test
  void anEscapedLoneSurrogateIsRefusedNamingTheField() {
    int before = unitCount();
    JsonObject error = onlyError(postUnit("{\"name\": \"督办\\ud800单位\", \"kind\": \"office\"}"));
    assertThat(error.getString("field")).isEqualTo("/name");
    assertThat(error.getString("reason")).contains("unpaired surrogate").contains("U+D800");
    assertThat(onlyError(postUnit("{\"name\": \"尾\\udfff\", \"kind\": \"office\"}")).getString("field")).isEqualTo("/name");
    assertThat(unitCount()).isEqualTo(before);
  }

  @Test
  void aRawCesu8SurrogateIsRefusedToo() {
    byte[] head = "{\"kind\": \"office\", \"name\": \"x\", \"firstResponsible\": {\"name\": \"王".getBytes(StandardCharsets.UTF_8);
    byte[] cesu = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    byte[] tail = "\", \"phone\": \"13800000000\"}}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + cesu.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(cesu, 0, body, head.length, cesu.length);
    System.arraycopy(tail, 0, body, head.length + cesu.length, tail.length);
    assertThat(onlyError(postUnit(body)).getString("field")).isEqualTo("/firstResponsible/name");
  }

  @Test
  void aNulNamesTheFieldRatherThanNothing() {
    JsonObject error = onlyError(postUnit("{\"name\": \"含\\u0000空字符\", \"kind\": \"office\"}"));
    assertThat(error.getString("field")).isEqualTo("/name");
    assertThat(error.getString("reason")).contains("U+0000");
  }

  @Test
  void anArrayElementIsNamedByItsIndex() {
    JsonObject error = onlyError(postUnit("{\"name\": \"x\", \"kind\": \"office\", \"tags\": [\"ok\", \"\\ud800\"]}"));
    assertThat(error.getString("field")).isEqualTo("/tags/1");
  }

  @Test
  void aKeyIsCheckedAsWellAndNamedWithoutTheBadCharacter() {
    JsonObject error = onlyError(postUnit("{\"name\": \"x\", \"kind\": \"office\", \"bad\\u0000key\": 1}"));
    assertThat(error.getString("field")).isEqualTo("/bad\uFFFDkey");
    assertThat(error.getString("reason")).contains("key").contains("U+0000");
  }

  @Test
  void aSurrogatePairIsTextAndStoredExactly() {
    String name = "笑脸\uD83D\uDE00单位";
    var created = server.send(HttpMethod.POST, "/units", admin, new JsonObject().put("name", name).put("kind", "office"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(server.get("/units/" + created.bodyAsJsonObject().getLong("id"), admin).bodyAsJsonObject().getString("name")).isEqualTo(name);
  }
}
