package org.duban.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.Await;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.http.BadInputTest.problem;

/**
 * No operation takes a form, so no form is decoded: a multipart or URL-encoded body is refused with
 * 415 naming what the operation does take, before sign-in, and the log gets no stack trace for it.
 */
class FormBodiesTest {
  static final String MULTIPART = "multipart/form-data; boundary=edge";
  static final String URLENCODED = "application/x-www-form-urlencoded";
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(FormBodiesTest.class);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Buffer multipart(int valueLength) {
    return Buffer.buffer("--edge\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + "x".repeat(valueLength)
        + "\r\n--edge--\r\n");
  }

  static Buffer urlEncoded(int valueLength) {
    return Buffer.buffer("name=" + "x".repeat(valueLength) + "&kind=office");
  }

  /** The answer, once its access line is written, with everything logged while it was served. */
  static JsonObject refusedQuietly(Supplier<HttpResponse<Buffer>> call, int status) {
    try (LogCapture log = LogCapture.begin()) {
      JsonObject problem = problem(call.get(), status);
      Await.until("the access line", () -> !log.access().isEmpty(), Duration.ofSeconds(5));
      assertThat(log.withStackTraces()).as("stack traces logged").isEmpty();
      assertThat(log.besidesAccess()).as("lines logged besides the access line").hasSizeLessThanOrEqualTo(1)
          .allSatisfy(e -> assertThat(e.getFormattedMessage()).hasSizeLessThan(200));
      return problem;
    }
  }

  static int unitCount() {
    return server.get("/units", admin).bodyAsJsonObject().getJsonArray("items").size();
  }

  @Test
  void aMultipartBodyOnAGetIsRefusedBeforeSignInAndNotLoggedAsAFault() {
    JsonObject problem = refusedQuietly(() -> server.sendRaw(HttpMethod.GET, "/units", null, MULTIPART, multipart(2048)), 415);
    assertThat(problem.getString("type")).isEqualTo("/problems/unsupported-media-type");
    assertThat(problem.getString("detail")).contains("no request body");
    assertThat(problem.getJsonArray("accepted")).isEmpty();
  }

  @Test
  void aMultipartBodyOnAJsonOperationNamesJson() {
    int before = unitCount();
    JsonObject problem = refusedQuietly(() -> server.sendRaw(HttpMethod.POST, "/units", admin, MULTIPART, multipart(2048)), 415);
    assertThat(problem.getString("detail")).contains("application/json");
    assertThat(problem.getJsonArray("accepted")).containsExactly("application/json");
    assertThat(unitCount()).isEqualTo(before);
  }

  @Test
  void aUrlEncodedBodyOverOneKibibyteIsRefusedOnPostPutAndPatch() {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH}) {
      String path = method == HttpMethod.POST ? "/auth/login" : method == HttpMethod.PUT ? "/reminder-policy" : "/units/1";
      JsonObject problem = refusedQuietly(() -> server.sendRaw(method, path, null, URLENCODED, urlEncoded(2048)), 415);
      assertThat(problem.getJsonArray("accepted")).as(method + " " + path).containsExactly("application/json");
    }
  }

  @Test
  void aSmallFormIsNotDecodedEither() {
    int before = unitCount();
    JsonObject problem = refusedQuietly(() -> server.sendRaw(HttpMethod.POST, "/units", admin, URLENCODED, urlEncoded(10)), 415);
    assertThat(problem.getString("detail")).contains("application/json");
    assertThat(unitCount()).isEqualTo(before);
  }

  @Test
  void aFormToAPageIsRefusedToo() {
    JsonObject problem = refusedQuietly(() -> server.sendRaw(HttpMethod.GET, "/docs", null, MULTIPART, multipart(2048)), 415);
    assertThat(problem.getJsonArray("accepted")).isEmpty();
  }

  @Test
  void anotherTypeThanTheOperationTakesIs415NamingIt() {
    JsonObject problem = refusedQuietly(() -> server.sendRaw(HttpMethod.POST, "/units", admin, "text/plain",
        Buffer.buffer("{\"name\": \"纯文本单位\", \"kind\": \"office\"}")), 415);
    assertThat(problem.getJsonArray("accepted")).containsExactly("application/json");
    JsonObject upload = refusedQuietly(() -> server.request(HttpMethod.POST, "/attachments", admin).addQueryParam("filename", "a.jpg")
        .putHeader("Content-Type", "image/jpeg").sendBuffer(Buffer.buffer(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})).await(), 415);
    assertThat(upload.getJsonArray("accepted")).containsExactly("application/octet-stream");
  }

  @Test
  void jsonWithACharsetStillPasses() {
    var created = server.sendRaw(HttpMethod.POST, "/units", admin, "application/json; charset=utf-8",
        Buffer.buffer(new JsonObject().put("name", "带字符集的单位").put("kind", "office").encode()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
  }

  @Test
  void aMadeUpTokenDoesNotEarnAnUploadTheLargerBody() {
    // over the ordinary body limit (1 MiB), under the file limit: only a genuine token may send it
    Buffer file = Buffer.buffer(new byte[2 * 1024 * 1024]);
    var forged = server.sendRaw(HttpMethod.POST, "/attachments?filename=a.pdf", "not-a-token", "application/octet-stream", file);
    assertThat(problem(forged, 413).getString("type")).isEqualTo("/problems/too-large");
    var genuine = server.sendRaw(HttpMethod.POST, "/attachments?filename=a.pdf", server.tokenOf("fgw"), "application/octet-stream", file);
    // read in full and judged on its bytes: zeros are no file type this server takes
    assertThat(problem(genuine, 415).getString("title")).isEqualTo("Unsupported file type");
  }

  @Test
  void jsonInAnotherCharsetIsRefusedNotMisread() {
    Buffer body = Buffer.buffer(new JsonObject().put("name", "字符集").put("kind", "office").encode()
        .getBytes(java.nio.charset.StandardCharsets.UTF_16));
    JsonObject problem = refusedQuietly(() -> server.sendRaw(HttpMethod.POST, "/units", admin, "application/json; charset=utf-16", body), 415);
    assertThat(problem.getJsonArray("accepted").getList()).contains("application/json");
    assertThat(server.database().rows("SELECT id FROM unit WHERE name = '字符集'")).isEmpty();
  }
}
