package org.duban.org;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrgApiTest {
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(OrgApiTest.class);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject createUnit(JsonObject body) {
    var response = server.send(HttpMethod.POST, "/units", admin, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.getHeader("Location")).isEqualTo("/units/" + response.bodyAsJsonObject().getLong("id"));
    return response.bodyAsJsonObject();
  }

  @Test
  void unitsFormATreeWithTheirResponsiblePersons_R03() {
    JsonObject county = createUnit(new JsonObject().put("name", "西城县").put("kind", "county")
        .put("firstResponsible", new JsonObject().put("name", "县长").put("phone", "13900000001"))
        .put("specificResponsible", new JsonObject().put("name", "办公室主任").put("phone", "13900000002")));
    JsonObject office = createUnit(new JsonObject().put("name", "西城县督查室").put("kind", "office").put("parentId", county.getLong("id")));
    assertThat(office.getLong("parentId")).isEqualTo(county.getLong("id"));
    JsonObject read = server.get("/units/" + county.getLong("id"), admin).bodyAsJsonObject();
    assertThat(read.getJsonObject("firstResponsible").getString("phone")).isEqualTo("13900000001");
    assertThat(read.getJsonObject("specificResponsible").getString("name")).isEqualTo("办公室主任");
  }

  @Test
  void patchChangesOnlyTheNamedFieldsAndBumpsTheVersion() {
    JsonObject unit = createUnit(new JsonObject().put("name", "改名前").put("kind", "department")
        .put("firstResponsible", new JsonObject().put("name", "甲").put("phone", "13900000003")));
    var patched = server.send(HttpMethod.PATCH, "/units/" + unit.getLong("id"), admin, new JsonObject().put("name", "改名后"));
    JsonObject after = patched.bodyAsJsonObject();
    assertThat(after.getString("name")).isEqualTo("改名后");
    assertThat(after.getJsonObject("firstResponsible").getString("name")).isEqualTo("甲");
    assertThat(after.getInteger("version")).isEqualTo(unit.getInteger("version") + 1);
  }

  @Test
  void aUnitCannotBeMovedUnderItsOwnDescendant() {
    JsonObject top = createUnit(new JsonObject().put("name", "上级").put("kind", "city"));
    JsonObject child = createUnit(new JsonObject().put("name", "下级").put("kind", "department").put("parentId", top.getLong("id")));
    var loop = server.send(HttpMethod.PATCH, "/units/" + top.getLong("id"), admin, new JsonObject().put("parentId", child.getLong("id")));
    assertThat(loop.statusCode()).isEqualTo(422);
    assertThat(loop.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/parentId");
    var self = server.send(HttpMethod.PATCH, "/units/" + top.getLong("id"), admin, new JsonObject().put("parentId", top.getLong("id")));
    assertThat(self.statusCode()).isEqualTo(422);
    assertThat(server.get("/units/" + top.getLong("id"), admin).bodyAsJsonObject().getValue("parentId")).isNull();
  }

  @Test
  void twoConcurrentMovesCannotCloseALoopTogether() {
    for (int round = 0; round < 5; round++) {
      long a = createUnit(new JsonObject().put("name", "甲" + round).put("kind", "department")).getLong("id");
      long b = createUnit(new JsonObject().put("name", "乙" + round).put("kind", "department")).getLong("id");
      long c = createUnit(new JsonObject().put("name", "丙" + round).put("kind", "department").put("parentId", b)).getLong("id");
      var moves = io.vertx.core.Future.join(
          server.request(HttpMethod.PATCH, "/units/" + a, admin).sendJsonObject(new JsonObject().put("parentId", c)),
          server.request(HttpMethod.PATCH, "/units/" + b, admin).sendJsonObject(new JsonObject().put("parentId", a))).await();
      var statuses = java.util.List.of(moves.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).statusCode(),
          moves.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).statusCode());
      assertThat(statuses).containsExactlyInAnyOrder(200, 422);
    }
  }

  @Test
  void anEmptyPatchIsRefused() {
    var response = server.send(HttpMethod.PATCH, "/units/1", admin, new JsonObject());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/validation");
  }

  @Test
  void aLiaisonNeedsAUnit() {
    var response = server.send(HttpMethod.POST, "/people", admin, new JsonObject().put("login", "nounit")
        .put("displayName", "无单位").put("role", "liaison").put("password", "long-enough-password"));
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/unitId");
  }

  @Test
  void loginsAreUniqueRegardlessOfCase() {
    var response = server.send(HttpMethod.POST, "/people", admin, new JsonObject().put("login", "ADMIN")
        .put("displayName", "冒名").put("role", "leader").put("password", "long-enough-password"));
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/login");
  }

  @Test
  void aShortPasswordIsRefusedWithTheField() {
    var response = server.send(HttpMethod.POST, "/people", admin, new JsonObject().put("login", "shorty")
        .put("displayName", "短密码").put("role", "leader").put("password", "short"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).contains("/password");
  }

  @Test
  void peopleAreListedByUnitAndRole() {
    long fgwUnit = server.get("/units", server.tokenOf("fgw")).bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    var liaisons = server.get("/people?role=liaison&unitId=" + fgwUnit, admin).bodyAsJsonObject().getJsonArray("items");
    assertThat(liaisons).hasSize(1);
    assertThat(liaisons.getJsonObject(0).getString("login")).isEqualTo("fgw");
    assertThat(server.get("/people?role=mayor", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void someoneOtherThanAnAdministratorReadsOnlyThemselves() {
    String liaison = server.tokenOf("zjj");
    long self = server.get("/me", liaison).bodyAsJsonObject().getLong("id");
    assertThat(server.get("/people/" + self, liaison).statusCode()).isEqualTo(200);
    assertThat(server.get("/people/1", liaison).statusCode()).isEqualTo(404);
    assertThat(server.get("/people", liaison).statusCode()).isEqualTo(403);
  }
}
