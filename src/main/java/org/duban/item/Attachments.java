package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.duban.auth.Principal;
import org.duban.http.Api;
import org.duban.http.Problem;
import org.duban.http.Reply;
import org.duban.http.Requests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Files for reports: uploaded first (a phone sends one photo at a time and may retry it), then named
 * in the report. Stored in PostgreSQL with their SHA-256; the type is read from the bytes.
 */
public final class Attachments {
  private final ItemService items;
  private final ReportRepository files;
  private final long maxBytes;

  public Attachments(ItemService items, long maxBytes) {
    this.items = items;
    this.files = items.reportRepository();
    this.maxBytes = maxBytes;
  }

  public static void mount(Api api, Attachments attachments) {
    api.on("uploadAttachment", rc -> attachments.upload(Requests.principal(rc), ItemHandlers.text(rc, "filename").orElseThrow(),
            rc.body().buffer())
        .map(json -> Reply.created(json, "/attachments/" + json.getString("id"))));
    api.raw("downloadAttachment", rc -> attachments.download(Requests.principal(rc), UUID.fromString(Requests.path(rc, "attachmentId")))
        .onSuccess(file -> send(rc, file))
        .onFailure(rc::fail));
  }

  Future<JsonObject> upload(Principal who, String filename, Buffer body) {
    if (body == null || body.length() == 0) throw Problem.invalid("", "the file is empty");
    if (body.length() > maxBytes) {
      throw new Problem(413, "too-large", "File too large", "a file may be at most " + maxBytes + " bytes", List.of(), null);
    }
    byte[] bytes = body.getBytes();
    String type = FileTypes.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, 16)), filename).orElseThrow(() ->
        new Problem(415, "unsupported-media-type", "Unsupported file type",
            "send a photo (JPEG, PNG, HEIC, WebP), a PDF or an office document (Word, Excel, PowerPoint, WPS)", List.of(), null));
    UUID id = UUID.randomUUID();
    ReportRepository.File file = new ReportRepository.File(id, who.personId(), who.unitId().orElse(null), filename, type,
        bytes.length, body, null);
    return files.insertAttachment(file, sha256(bytes), items.now()).map(v -> new JsonObject()
        .put("id", id.toString()).put("filename", filename).put("contentType", type).put("size", bytes.length));
  }

  /** The uploader may always read a file; once it is part of a report, whoever can see the item may. */
  Future<ReportRepository.File> download(Principal who, UUID id) {
    return files.attachment(id).compose(found -> {
      ReportRepository.File file = found.orElseThrow(() -> Problem.notFound("attachment " + id));
      if (file.uploadedBy() == who.personId()) return Future.succeededFuture(file);
      if (file.itemId() == null) return Future.failedFuture(Problem.notFound("attachment " + id));
      return items.get(who, file.itemId()).map(visible -> file)
          .recover(e -> Future.failedFuture(Problem.notFound("attachment " + id)));
    });
  }

  private static void send(RoutingContext rc, ReportRepository.File file) {
    String encoded = URLEncoder.encode(file.filename(), StandardCharsets.UTF_8).replace("+", "%20");
    rc.response()
        .putHeader("Content-Type", file.contentType())
        .putHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encoded)
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(file.content());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
