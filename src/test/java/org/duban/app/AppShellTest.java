package org.duban.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.duban.demo.DemoData;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's shell over plain HTTP: its import map, the policy that allows it, Lit's files, the PWA files, the refresh cookie. */
class AppShellTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(AppShellTest.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String importMap(String html) {
    Matcher m = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("the page has an inline import map").isTrue();
    return m.group(1);
  }

  @Test
  void thePolicyAllowsExactlyTheImportMapByItsHash() throws Exception {
    var page = server.get("/", null);
    String map = importMap(page.bodyAsString());
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(map.getBytes(StandardCharsets.UTF_8)));
    assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self' 'sha256-" + hash + "';").doesNotContain("unsafe-inline");
  }

  @Test
  void theImportMapNamesLitOfThisBuildAndEveryFileItNamesIsServedForAYear() {
    JsonObject imports = new JsonObject(importMap(server.get("/", null).bodyAsString())).getJsonObject("imports");
    Map<String, String> versions = Map.of("lit", "lit", "lit-html", "lit-html", "lit-element/", "lit-element", "@lit/reactive-element", "lit__reactive-element");
    versions.forEach((specifier, webjar) -> assertThat(imports.getString(specifier)).as(specifier)
        .startsWith(org.duban.http.WebJars.path("org.webjars.npm", webjar) + "/"));
    for (String specifier : imports.fieldNames()) {
      String url = imports.getString(specifier);
      if (url.endsWith("/")) continue;
      var file = server.get(url, null);
      assertThat(file.statusCode()).as(url).isEqualTo(200);
      assertThat(file.getHeader("Content-Type")).as(url).startsWith("text/javascript");
      assertThat(file.getHeader("Cache-Control")).as(url).isEqualTo("public, max-age=31536000, immutable");
    }
    // only the production modules: no package files, no development builds
    String lit = org.duban.http.WebJars.path("org.webjars.npm", "lit");
    assertThat(server.get(lit + "/package.json", null).statusCode()).isEqualTo(404);
    assertThat(server.get(lit + "/development/index.js", null).statusCode()).isEqualTo(404);
    assertThat(server.get(lit + "/directives/repeat.js", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theAppIsInstallable() {
    var manifest = server.get("/manifest.webmanifest", null);
    assertThat(manifest.getHeader("Content-Type")).isEqualTo("application/manifest+json");
    JsonObject m = manifest.bodyAsJsonObject();
    assertThat(m.getString("display")).isEqualTo("standalone");
    assertThat(m.getString("lang")).isEqualTo("zh-CN");
    for (Object icon : m.getJsonArray("icons")) {
      String src = ((JsonObject) icon).getString("src");
      assertThat(server.get(src, null).statusCode()).as(src).isEqualTo(200);
    }
    var worker = server.get("/sw.js", null);
    assertThat(worker.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(worker.getHeader("Cache-Control")).as("a new worker is seen at once").isEqualTo("no-cache");
    // every file the worker keeps exists, or installing it would fail
    Matcher files = Pattern.compile("'(/[^']*)'").matcher(worker.bodyAsString());
    int count = 0;
    while (files.find()) {
      count++;
      assertThat(server.get(files.group(1), null).statusCode()).as(files.group(1)).isEqualTo(200);
    }
    assertThat(count).isGreaterThan(20);
  }

  @Test
  void theRefreshTokenCanTravelAsACookieOnlyToTheRefreshPath() {
    var login = server.send(HttpMethod.POST, "/auth/login", null, new JsonObject()
        .put("login", "fgw").put("password", DemoData.PASSWORD).put("refreshTokenIn", "cookie"));
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.bodyAsJsonObject().containsKey("refreshToken")).as("not readable by script").isFalse();
    String setCookie = login.getHeader("Set-Cookie");
    assertThat(setCookie).startsWith("duban_refresh=").contains("Path=/auth/refresh").containsIgnoringCase("HttpOnly").contains("Secure")
        .contains("SameSite=Strict").contains("Max-Age=");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    var refreshed = server.request(HttpMethod.POST, "/auth/refresh", null).putHeader("Cookie", cookie).send().await();
    assertThat(refreshed.statusCode()).isEqualTo(200);
    assertThat(refreshed.bodyAsJsonObject().getString("accessToken")).isNotBlank();
    assertThat(refreshed.bodyAsJsonObject().containsKey("refreshToken")).isFalse();
    assertThat(refreshed.getHeader("Cache-Control")).isEqualTo("no-store");
    String next = refreshed.getHeader("Set-Cookie");
    assertThat(next).startsWith("duban_refresh=").isNotEqualTo(setCookie);

    // single use, as in the body: the old cookie again ends the session
    assertThat(server.request(HttpMethod.POST, "/auth/refresh", null).putHeader("Cookie", cookie).send().await().statusCode()).isEqualTo(401);
    // and without any token there is nothing to trade
    assertThat(server.request(HttpMethod.POST, "/auth/refresh", null).send().await().statusCode()).isEqualTo(401);

    // logout clears the cookie
    String token = server.tokenOf("fgw");
    var logout = server.send(HttpMethod.POST, "/auth/logout", token, null);
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(logout.getHeader("Set-Cookie")).startsWith("duban_refresh=;").contains("Max-Age=0").contains("Path=/auth/refresh");
  }

  @Test
  void apiClientsKeepTheBodyWay() {
    JsonObject tokens = server.login("zjj", DemoData.PASSWORD).bodyAsJsonObject();
    assertThat(tokens.getString("refreshToken")).isNotBlank();
    var refreshed = server.send(HttpMethod.POST, "/auth/refresh", null, new JsonObject().put("refreshToken", tokens.getString("refreshToken")));
    assertThat(refreshed.statusCode()).isEqualTo(200);
    assertThat(refreshed.bodyAsJsonObject().getString("refreshToken")).isNotBlank();
    assertThat(refreshed.getHeader("Set-Cookie")).isNull();
  }
}
