package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.duban.auth.SessionGuard;
import org.duban.Digests;
import org.duban.auth.Principal;
import org.duban.http.Api;
import org.duban.fault.Refusal;
import org.duban.http.Reply;
import org.duban.http.Requests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    api.unvalidated("uploadAttachment", rc -> attachments.upload(SessionGuard.principal(rc), cleanName(rc.request().getParam("filename")),
            octetStream(rc))
        .map(json -> Reply.created(json, "/attachments/" + json.getString("id"))));
    api.raw("downloadAttachment", rc -> attachments.download(SessionGuard.principal(rc), UUID.fromString(Requests.path(rc, "attachmentId")))
        .onSuccess(file -> send(rc, file))
        .onFailure(rc::fail));
  }

  /** The contract's one request type for uploads, checked here because this operation checks its own input. */
  private static Buffer octetStream(RoutingContext rc) {
    String type = String.valueOf(rc.request().getHeader("Content-Type"));
    if (!type.startsWith("application/octet-stream")) {
      throw Refusal.unsupportedType("Unsupported media type", "send the file as application/octet-stream");
    }
    return rc.body().buffer();
  }

  /** A name that is safe to store and to show: no paths, no control or direction-override characters. */
  static String cleanName(String raw) {
    String name = raw == null ? "" : raw.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip();
    if (name.isEmpty() || name.length() > 200 || name.contains("/") || name.contains("\\")) {
      throw Refusal.invalid("filename", "a file name of 1 to 200 characters without / or \\");
    }
    return name;
  }

  Future<JsonObject> upload(Principal who, String filename, Buffer body) {
    if (body == null || body.length() == 0) throw Refusal.invalid("", "the file is empty");
    byte[] bytes = body.getBytes();
    String type = FileTypes.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, 16)), filename).orElseThrow(() ->
        Refusal.unsupportedType("Unsupported file type",
            "send a photo (JPEG, PNG, HEIC, WebP), a PDF or an office document (Word, Excel, PowerPoint, WPS)"));
    UUID id = UUID.randomUUID();
    ReportRepository.File file = new ReportRepository.File(id, who.personId(), who.unitId().orElse(null), filename, type,
        bytes.length, body, null, null);
    return files.insertAttachment(file, Digests.sha256(bytes), items.now()).map(v -> new JsonObject()
        .put("id", id.toString()).put("filename", filename).put("contentType", type).put("size", bytes.length));
  }

  /**
   * The uploader may always read a file; once it is part of a report, whoever can see the item may,
   * except a liaison of another unit on the same item, who does not see that unit's reports either.
   */
  Future<ReportRepository.File> download(Principal who, UUID id) {
    return files.attachment(id).compose(found -> {
      ReportRepository.File file = found.orElseThrow(() -> Refusal.notFound("attachment " + id));
      if (file.uploadedBy() == who.personId()) return Future.succeededFuture(file);
      boolean otherUnits = !PerUnitState.shows(who, file.reportUnitId());
      if (file.itemId() == null || otherUnits) return Future.failedFuture(Refusal.notFound("attachment " + id));
      return items.get(who, file.itemId()).map(visible -> file)
          .recover(e -> Future.failedFuture(Refusal.notFound("attachment " + id)));
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

}
