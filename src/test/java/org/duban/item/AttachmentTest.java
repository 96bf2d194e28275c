package org.duban.item;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

class AttachmentTest {
  static final int LIMIT = 64 * 1024;
  static TestServer server;
  static Items4Test flow;

  @BeforeAll
  static void start() {
    server = TestServer.start(AttachmentTest.class, Map.of("attachments.maxBytes", String.valueOf(LIMIT)));
    flow = new Items4Test(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] jpeg(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 7);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[2] = (byte) 0xFF;
    return bytes;
  }

  static HttpResponse<Buffer> upload(String token, String filename, byte[] bytes) {
    return server.request(HttpMethod.POST, "/attachments", token).addQueryParam("filename", filename)
        .putHeader("Content-Type", "application/octet-stream").sendBuffer(Buffer.buffer(bytes)).await();
  }

  @Test
  void aPhotoTravelsWithTheReportAndComesBackByteForByte() {
    long id = flow.active("带照片的反馈", "3d").getLong("id");
    byte[] photo = jpeg(40_000);
    JsonObject uploaded = ok(upload(flow.fgw, "现场照片.jpg", photo), 201);
    assertThat(uploaded.getString("contentType")).isEqualTo("image/jpeg");
    var report = server.request(HttpMethod.POST, "/items/" + id + "/reports", flow.fgw).putHeader("Idempotency-Key", "photo-report-1")
        .sendJsonObject(new JsonObject().put("text", "见附件").put("attachmentIds", new JsonArray().add(uploaded.getString("id")))).await();
    ok(report, 201);
    JsonArray attachments = ok(server.get("/items/" + id + "/reports", flow.sponsor), 200).getJsonArray("items")
        .getJsonObject(0).getJsonArray("attachments");
    assertThat(attachments.getJsonObject(0).getString("filename")).isEqualTo("现场照片.jpg");
    var download = server.get("/attachments/" + uploaded.getString("id"), flow.sponsor);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.getHeader("Content-Type")).isEqualTo("image/jpeg");
    assertThat(download.body().getBytes()).isEqualTo(photo);
  }

  @Test
  void aFileOverTheLimitIsRefusedWith413() {
    var response = upload(flow.fgw, "太大.jpg", jpeg(LIMIT + 1));
    JsonObject problem = ok(response, 413);
    assertThat(problem.getString("type")).isEqualTo("/problems/too-large");
    assertThat(problem.getLong("fileLimitBytes")).isEqualTo(LIMIT);
    assertThat(problem.getString("detail")).contains(String.valueOf(LIMIT));
  }

  @Test
  void fileNamesArriveIntactWhateverTheyLookLike() {
    for (String name : java.util.List.of("1.5", "报告 \"终稿\" (2).pdf", "a%20b.pdf", "tab\tname.pdf")) {
      JsonObject stored = ok(upload(flow.fgw, name, "%PDF-1.4".getBytes()), 201);
      assertThat(stored.getString("filename")).isEqualTo(name.replace("\t", ""));
    }
    assertThat(upload(flow.fgw, "../etc/passwd", "%PDF-1.4".getBytes()).statusCode()).isEqualTo(400);
    assertThat(upload(flow.fgw, "\u202Egpj.exe", "%PDF-1.4".getBytes()).bodyAsJsonObject().getString("filename")).isEqualTo("gpj.exe");
  }

  @Test
  void anUploadOnlyGetsTheLargerLimitAtItsOwnAddress() {
    var login = server.request(HttpMethod.POST, "/auth/login", null).putHeader("Content-Type", "application/octet-stream")
        .sendBuffer(Buffer.buffer(jpeg(2 * 1024 * 1024))).await();
    assertThat(login.statusCode()).isEqualTo(413);
  }

  @Test
  void aFileOfAnotherTypeIsRefusedWith415WhateverItsName() {
    byte[] program = "MZ\u0090\u0000 not a photo".getBytes();
    JsonObject problem = ok(upload(flow.fgw, "photo.jpg", program), 415);
    assertThat(problem.getString("detail")).contains("PDF");
  }

  @Test
  void officeDocumentsAreRecognisedByBytesAndExtension() {
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0};
    assertThat(ok(upload(flow.fgw, "方案.docx", zip), 201).getString("contentType")).contains("wordprocessingml");
    byte[] pdf = "%PDF-1.7 ...".getBytes();
    assertThat(ok(upload(flow.fgw, "报告.pdf", pdf), 201).getString("contentType")).isEqualTo("application/pdf");
  }

  @Test
  void someoneElsesUploadCannotBeAttached() {
    long id = flow.active("不能用他人的附件", "3d").getLong("id");
    String theirs = ok(upload(flow.zjj, "别人的.jpg", jpeg(100)), 201).getString("id");
    var report = server.request(HttpMethod.POST, "/items/" + id + "/reports", flow.fgw).putHeader("Idempotency-Key", "borrowed-file")
        .sendJsonObject(new JsonObject().put("text", "x").put("attachmentIds", new JsonArray().add(theirs))).await();
    assertThat(ok(report, 422).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/attachmentIds");
    assertThat(ok(server.get("/items/" + id + "/reports", flow.sponsor), 200).getJsonArray("items")).isEmpty();
    assertThat(server.get("/attachments/" + theirs, flow.fgw).statusCode()).isEqualTo(404);
  }
}
