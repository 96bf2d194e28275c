package org.duban.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages (the start page and the API page) under a strict Content-Security-Policy they can live
 * with, cached so that an upgrade shows at once, and with an icon of their own.
 */
class PagesTest {
  // /m is the app's shell as an SMS link opens it (the code after # never reaches the server)
  static final List<String> PAGES = List.of("/", "/index.html", "/m", "/docs", "/docs.html");
  static final String SWAGGER = "/webjars/swagger-ui/" + WebJars.version("org.webjars", "swagger-ui") + "/";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(PagesTest.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<Buffer> get(String path) {
    return server.request(HttpMethod.GET, path, null).followRedirects(false).send().await();
  }

  static Map<String, List<String>> directives(String policy) {
    return Arrays.stream(policy.split(";")).map(String::trim).filter(d -> !d.isEmpty())
        .collect(Collectors.toMap(d -> d.split("\\s+")[0], d -> List.of(d.split("\\s+")).subList(1, d.split("\\s+").length)));
  }

  @Test
  void everyPageCarriesAStrictContentSecurityPolicy() {
    for (String page : PAGES) {
      var response = get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).as(page).startsWith("text/html");
      String policy = response.getHeader("Content-Security-Policy");
      assertThat(policy).as(page).isNotNull().doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      Map<String, List<String>> d = directives(policy);
      assertThat(d.get("default-src")).containsExactly("'self'");
      // and the hash of the app's inline import map, the one inline script (AppShellTest checks it is that map's)
      assertThat(d.get("script-src").get(0)).isEqualTo("'self'");
      assertThat(d.get("script-src").subList(1, d.get("script-src").size())).allMatch(s -> s.matches("'sha256-[A-Za-z0-9+/]{43}='"));
      assertThat(d.get("style-src")).containsExactly("'self'");
      // Swagger UI's stylesheet draws its icons from data: URLs
      // and blob:, the app's preview of a photo before it is sent
      assertThat(d.get("img-src")).containsExactlyInAnyOrder("'self'", "data:", "blob:");
      assertThat(d.get("object-src")).containsExactly("'none'");
      assertThat(d.get("base-uri")).containsExactly("'none'");
      assertThat(d.get("frame-ancestors")).containsExactly("'none'");
      assertThat(d.get("form-action")).containsExactly("'self'");
    }
  }

  @Test
  void thePagesNeedNothingTheirPolicyForbids() {
    Pattern script = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    Pattern reference = Pattern.compile("\\b(?:src|href)=\"([^\"]*)\"");
    for (String page : List.of("/", "/docs")) {
      String html = get(page).bodyAsString();
      Matcher scripts = script.matcher(html);
      int count = 0;
      while (scripts.find()) {
        // the import map is data, not code, and the policy allows exactly its text by hash (AppShellTest)
        if (scripts.group(1).contains("type=\"importmap\"")) continue;
        count++;
        assertThat(scripts.group(1)).as(page + ": every script is a file").contains("src=\"/");
        assertThat(scripts.group(2).trim()).as(page + ": no inline script").isEmpty();
      }
      assertThat(html).as(page).doesNotContainPattern("(?i)<style\\b").doesNotContainPattern("(?i)\\sstyle=")
          .doesNotContainPattern("(?i)\\son[a-z]+=").doesNotContainPattern("(?i)javascript:");
      if (page.equals("/docs")) assertThat(count).isEqualTo(2);
      Matcher refs = reference.matcher(html);
      while (refs.find()) {
        String url = refs.group(1);
        assertThat(url).as(page + ": same origin").startsWith("/").doesNotStartWith("//");
        assertThat(get(url).statusCode()).as(page + " refers to " + url).isIn(200);
      }
    }
  }

  @Test
  void theLinkPathServesTheVeryShellOfTheStartPage() {
    var shell = get("/");
    var link = get("/m");
    assertThat(link.bodyAsString()).isEqualTo(shell.bodyAsString());
    assertThat(link.getHeader("ETag")).isEqualTo(shell.getHeader("ETag"));
    assertThat(link.getHeader("Content-Security-Policy")).isEqualTo(shell.getHeader("Content-Security-Policy"));
    assertThat(get("/m/").statusCode()).isEqualTo(404);
  }

  @Test
  void theApiPageUsesTheSwaggerUiOfThisBuildUnderItsVersion() {
    String html = get("/docs").bodyAsString();
    assertThat(html).contains("\"" + SWAGGER + "swagger-ui-bundle.js\"").contains("\"" + SWAGGER + "swagger-ui.css\"");
    var bundle = get(SWAGGER + "swagger-ui-bundle.js");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.getHeader("Cache-Control")).contains("immutable").contains("max-age=31536000");
    assertThat(bundle.bodyAsString().length()).isGreaterThan(100_000);
  }

  @Test
  void theUnversionedSwaggerUrlsLeadToTheVersionedOnes() {
    var old = get("/webjars/swagger-ui/swagger-ui.css");
    assertThat(old.statusCode()).isEqualTo(302);
    assertThat(old.getHeader("Location")).isEqualTo(SWAGGER + "swagger-ui.css");
    assertThat(get("/webjars/swagger-ui/index.html").statusCode()).isEqualTo(404);
    assertThat(get(SWAGGER + "index.html").statusCode()).isEqualTo(404);
  }

  @Test
  void unversionedFilesAreRevalidatedByTheirETag() {
    for (String path : List.of("/", "/m", "/docs", "/docs.js", "/duban.css", "/favicon.svg", "/favicon.ico", "/openapi.yaml")) {
      var first = get(path);
      assertThat(first.statusCode()).as(path).isEqualTo(200);
      assertThat(first.getHeader("Cache-Control")).as(path).isEqualTo("no-cache");
      String etag = first.getHeader("ETag");
      assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]{16,}\"");
      var again = server.request(HttpMethod.GET, path, null).putHeader("If-None-Match", etag).send().await();
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).as(path).isNull();
      assertThat(again.getHeader("ETag")).isEqualTo(etag);
      var changed = server.request(HttpMethod.GET, path, null).putHeader("If-None-Match", "\"something-else-entirely\"").send().await();
      assertThat(changed.statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    for (String path : List.of("/", "/docs", "/docs.js", "/openapi.yaml", "/favicon.ico", SWAGGER + "swagger-ui.css")) {
      var get = get(path);
      var head = server.request(HttpMethod.HEAD, path, null).send().await();
      assertThat(head.statusCode()).as(path).isEqualTo(200);
      assertThat(head.body()).as(path).isNull();
      assertThat(head.getHeader("Content-Type")).as(path).isEqualTo(get.getHeader("Content-Type"));
      assertThat(head.getHeader("Content-Length")).as(path).isEqualTo(String.valueOf(get.body().length()));
      assertThat(head.getHeader("ETag")).as(path).isEqualTo(get.getHeader("ETag"));
    }
  }

  @Test
  void headOnAnOperationIsRefusedAsAMethodNotMissedAsAResource() {
    var items = server.request(HttpMethod.HEAD, "/items", null).send().await();
    assertThat(items.statusCode()).isEqualTo(405);
    assertThat(items.getHeader("Allow")).isEqualTo("GET, POST");
    var item = server.request(HttpMethod.HEAD, "/items/1", null).send().await();
    assertThat(item.statusCode()).isEqualTo(405);
    assertThat(item.getHeader("Allow")).isEqualTo("GET");
    assertThat(server.request(HttpMethod.HEAD, "/health/live", null).send().await().statusCode()).isEqualTo(405);
    assertThat(server.request(HttpMethod.HEAD, "/no-such-thing", null).send().await().statusCode()).isEqualTo(404);
  }

  @Test
  void thePagesHaveAnIcon() {
    var svg = get("/favicon.svg");
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.getHeader("Content-Type")).startsWith("image/svg+xml");
    assertThat(svg.bodyAsString()).contains("<svg").doesNotContainPattern("(?i)<script");
    var ico = get("/favicon.ico");
    assertThat(ico.statusCode()).isEqualTo(200);
    assertThat(ico.getHeader("Content-Type")).isEqualTo("image/x-icon");
    byte[] bytes = ico.body().getBytes();
    assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0, 0, 1, 0);
    for (String page : List.of("/", "/docs")) {
      assertThat(get(page).bodyAsString()).as(page).contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">");
    }
  }

  @Test
  void pathsOutsideTheWebRootAreNotServed() {
    for (String path : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/.hidden", "/webroot/index.html", "/logback.xml")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }
}
