package org.duban.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.TestServer;
import org.duban.support.Tokens4Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input of every kind gets a clear problem and changes nothing. */
class BadInputTest {
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(BadInputTest.class);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject problem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("type")).startsWith("/problems/");
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("title")).isNotBlank();
    assertThat(response.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    return body;
  }

  static JsonArray fields(JsonObject problem) {
    return new JsonArray(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList());
  }

  int unitCount() {
    return server.get("/units", admin).bodyAsJsonObject().getJsonArray("items").size();
  }

  @Test
  void malformedJsonIsRefusedAsValidation() {
    int before = unitCount();
    var response = server.sendRaw(HttpMethod.POST, "/units", admin, "application/json", Buffer.buffer("{\"name\": \"x\", "));
    assertThat(problem(response, 400).getString("type")).isEqualTo("/problems/validation");
    assertThat(unitCount()).isEqualTo(before);
  }

  @Test
  void aWrongTypeNamesTheField() {
    var response = server.send(HttpMethod.POST, "/units", admin, new JsonObject().put("name", 42).put("kind", "office"));
    JsonObject problem = problem(response, 400);
    assertThat(fields(problem)).containsExactly("/name");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("Expected string");
  }

  @Test
  void aMissingFieldIsNamed() {
    var response = server.send(HttpMethod.POST, "/units", admin, new JsonObject().put("name", "无类型单位"));
    assertThat(fields(problem(response, 400))).containsExactly("/kind");
  }

  @Test
  void anUnknownFieldIsNamed() {
    var response = server.send(HttpMethod.POST, "/units", admin,
        new JsonObject().put("name", "多字段单位").put("kind", "office").put("colour", "red"));
    assertThat(fields(problem(response, 400))).containsExactly("/colour");
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() {
    String huge = "x".repeat(1_100_000);
    var response = server.sendRaw(HttpMethod.POST, "/units", admin, "application/json",
        Buffer.buffer(new JsonObject().put("name", huge).put("kind", "office").encode()));
    assertThat(problem(response, 413).getString("type")).isEqualTo("/problems/too-large");
  }

  @Test
  void noTokenIs401WithAChallenge() {
    var response = server.get("/units", null);
    problem(response, 401);
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void anExpiredTokenIs401() {
    JsonObject claims = Tokens4Test.payloadOf(admin);
    long past = System.currentTimeMillis() / 1000 - 3600;
    claims.put("iat", past - 900).put("exp", past);
    problem(server.get("/units", Tokens4Test.sign(claims, TestServer.JWT_SECRET)), 401);
  }

  @Test
  void aTamperedTokenIs401() {
    String liaison = server.tokenOf("fgw");
    String forged = Tokens4Test.withPayload(liaison, Tokens4Test.payloadOf(liaison).put("role", "admin"));
    problem(server.get("/people", forged), 401);
    problem(server.get("/units", Tokens4Test.sign(Tokens4Test.payloadOf(liaison), "another-secret-of-sufficient-length")), 401);
  }

  @Test
  void aRoleWithoutTheRightIs403() {
    var response = server.send(HttpMethod.POST, "/units", server.tokenOf("leader"),
        new JsonObject().put("name", "领导建的单位").put("kind", "office"));
    assertThat(problem(response, 403).getString("detail")).contains("admin");
  }

  @Test
  void aLiaisonAskingForAnotherUnitGets404NotItsExistence() {
    String liaison = server.tokenOf("fgw");
    JsonArray visible = server.get("/units", liaison).bodyAsJsonObject().getJsonArray("items");
    assertThat(visible).hasSize(1);
    long own = visible.getJsonObject(0).getLong("id");
    long other = server.get("/units", admin).bodyAsJsonObject().getJsonArray("items").stream()
        .map(u -> ((JsonObject) u).getLong("id")).filter(id -> id != own).findFirst().orElseThrow();
    JsonObject existing = problem(server.get("/units/" + other, liaison), 404);
    JsonObject missing = problem(server.get("/units/999999", liaison), 404);
    assertThat(existing.getString("detail")).isEqualTo(missing.getString("detail").replace("999999", String.valueOf(other)));
    assertThat(server.get("/units/" + own, liaison).statusCode()).isEqualTo(200);
  }

  @Test
  void sqlMetaCharactersAndLongTextAreStoredAndReturnedExactly() {
    String nasty = "'); DROP TABLE unit; -- \\ \" % _ $1 x" + "单位".repeat(80);
    String name = nasty.substring(0, Math.min(nasty.length(), 200));
    String responsible = "O'Brien; DELETE FROM person; --" + "名".repeat(60);
    var created = server.send(HttpMethod.POST, "/units", admin, new JsonObject().put("name", name).put("kind", "office")
        .put("firstResponsible", new JsonObject().put("name", responsible).put("phone", "+86 138-0000-0000")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    long id = created.bodyAsJsonObject().getLong("id");
    JsonObject read = server.get("/units/" + id, admin).bodyAsJsonObject();
    assertThat(read.getString("name")).isEqualTo(name);
    assertThat(read.getJsonObject("firstResponsible").getString("name")).isEqualTo(responsible);
    assertThat(server.get("/people", admin).statusCode()).isEqualTo(200);
  }

  @Test
  void aNulCharacterIsRefusedAsValidationNotAnError() {
    var unit = server.send(HttpMethod.POST, "/units", admin, new JsonObject().put("name", "含\u0000空字符").put("kind", "office"));
    problem(unit, 400);
    var login = server.login("adm\u0000in", "whatever-password");
    assertThat(login.statusCode()).isIn(400, 401);
  }

  @Test
  void anUnreadableBearerTokenIs401NotValidation() {
    var response = server.request(HttpMethod.GET, "/units", null).putHeader("Authorization", "Bearer  two.spaces.before").send().await();
    problem(response, 401);
    var segments = server.request(HttpMethod.GET, "/units", null).putHeader("Authorization", "Bearer " + admin + ".x").send().await();
    problem(segments, 401);
  }

  @Test
  void aNullParentMakesAUnitARoot() {
    JsonObject child = server.send(HttpMethod.POST, "/units", admin,
        new JsonObject().put("name", "将成为根").put("kind", "office").put("parentId", 1)).bodyAsJsonObject();
    var patched = server.send(HttpMethod.PATCH, "/units/" + child.getLong("id"), admin, new JsonObject().putNull("parentId"));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getValue("parentId")).isNull();
    var created = server.send(HttpMethod.POST, "/units", admin, new JsonObject().put("name", "无上级").put("kind", "office").putNull("parentId"));
    assertThat(created.statusCode()).isEqualTo(201);
  }

  @Test
  void theStockSwaggerPagesOfTheWebJarAreNotServed() {
    String swagger = WebJars.path("org.webjars", "swagger-ui");
    assertThat(server.get(swagger + "/index.html", null).statusCode()).isEqualTo(404);
    assertThat(server.get(swagger + "/swagger-ui.css", null).statusCode()).isEqualTo(200);
  }

  @Test
  void textOverItsMaximumLengthIsRefusedWithTheField() {
    var response = server.send(HttpMethod.POST, "/units", admin, new JsonObject().put("name", "长".repeat(201)).put("kind", "office"));
    assertThat(fields(problem(response, 400))).contains("/name");
  }

  @Test
  void aDuplicateIsAConflictNamingTheField() {
    JsonObject unit = new JsonObject().put("name", "重复单位").put("kind", "office");
    assertThat(server.send(HttpMethod.POST, "/units", admin, unit).statusCode()).isEqualTo(201);
    JsonObject problem = problem(server.send(HttpMethod.POST, "/units", admin, unit), 409);
    assertThat(fields(problem)).containsExactly("/name");
  }

  @Test
  void aReferenceToNothingIs422NamingTheField() {
    var response = server.send(HttpMethod.POST, "/units", admin,
        new JsonObject().put("name", "孤儿单位").put("kind", "office").put("parentId", 987654));
    assertThat(fields(problem(response, 422))).containsExactly("/parentId");
  }

  @Test
  void anUnknownPathIsAProblemToo() {
    problem(server.get("/no/such/thing", admin), 404);
  }

  @Test
  void aBadPathParameterIsValidation() {
    assertThat(fields(problem(server.get("/units/abc", admin), 400))).containsExactly("unitId");
  }
}
