package org.duban.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No cache, shared or private, keeps an answer given to someone signed in, nor any API answer. */
class CachingTest {
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(CachingTest.class);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void notStored(HttpResponse<Buffer> response, String what) {
    assertThat(response.getHeader("Cache-Control")).as(what + " (" + response.statusCode() + ")").isEqualTo("no-store");
  }

  @Test
  void signedInAnswersAreNeverStored() {
    notStored(server.get("/units", admin), "JSON");
    notStored(server.get("/me", admin), "the caller");
    notStored(server.get("/ledger.csv", admin), "CSV");
    notStored(server.get("/ledger.xlsx", admin), "Excel");
  }

  @Test
  void anAttachmentDownloadIsNotStored() {
    String liaison = server.tokenOf("fgw");
    var uploaded = server.request(HttpMethod.POST, "/attachments", liaison).addQueryParam("filename", "a.pdf")
        .putHeader("Content-Type", "application/octet-stream").sendBuffer(Buffer.buffer("%PDF-1.4 edge")).await();
    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(201);
    notStored(uploaded, "the upload's answer");
    var download = server.get("/attachments/" + uploaded.bodyAsJsonObject().getString("id"), liaison);
    assertThat(download.statusCode()).isEqualTo(200);
    notStored(download, "the file");
  }

  @Test
  void problemsAreNotStored() {
    notStored(server.get("/units", null), "401");
    notStored(server.get("/units/abc", admin), "400");
    notStored(server.get("/no/such/thing", null), "404");
    notStored(server.send(HttpMethod.DELETE, "/health/live", null, null), "405");
  }

  @Test
  void tokensAreNotStored() {
    notStored(server.login("admin", org.duban.demo.DemoData.PASSWORD), "the login answer");
  }

  @Test
  void aPageAskedForWithCredentialsIsNotStoredEither() {
    var page = server.get("/docs", admin);
    assertThat(page.statusCode()).isEqualTo(200);
    notStored(page, "a page with credentials");
  }

  @Test
  void healthIsNeverAnsweredFromACache() {
    notStored(server.get("/health/live", null), "liveness");
    notStored(server.get("/health/ready", null), "readiness");
  }
}
