package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.duban.db.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL of reports (反馈) and their attachments. */
final class ReportRepository {
  private static final String REPORT_COLUMNS =
      "id, item_id, unit_id, author_id, kind, text, submitted_at, on_time, status, idempotency_key, request_hash";
  private static final String BY_KEY = "SELECT " + REPORT_COLUMNS + " FROM report WHERE item_id = $1 AND unit_id = $2 AND idempotency_key = $3";
  private static final String INSERT = """
      INSERT INTO report (item_id, unit_id, author_id, kind, text, submitted_at, on_time, status, idempotency_key, request_hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $9)
      ON CONFLICT ON CONSTRAINT report_idempotent DO NOTHING
      RETURNING id""";
  private static final String SET_ON_TIME = "UPDATE report SET on_time = $2 WHERE id = $1";
  // the unit's newest report awaiting review is the one a return or an acceptance is about
  private static final String REVIEW_LATEST = """
      UPDATE report SET status = $3
       WHERE id = (SELECT id FROM report WHERE item_id = $1 AND unit_id = $2 AND status = 'submitted' ORDER BY id DESC LIMIT 1)""";
  private static final String FOR_ITEM = """
      SELECT r.id, r.item_id, r.unit_id, r.author_id, r.kind, r.text, r.submitted_at, r.on_time, r.status, r.idempotency_key,
             r.request_hash,
             coalesce((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type,
                        'size', a.size) ORDER BY a.uploaded_at) FROM attachment a WHERE a.report_id = r.id), '[]') AS attachments
        FROM report r
       WHERE r.item_id = $1 AND ($2::bigint IS NULL OR r.unit_id = $2)
       ORDER BY r.id""";
  private static final String REPORT_TIMES = "SELECT unit_id, submitted_at FROM report WHERE item_id = $1 ORDER BY submitted_at";
  private static final String INSERT_ATTACHMENT = """
      INSERT INTO attachment (id, uploaded_by, unit_id, filename, content_type, size, sha256, content, uploaded_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";
  private static final String LINK_ATTACHMENTS = """
      UPDATE attachment SET report_id = $1 WHERE id = ANY($2) AND uploaded_by = $3 AND report_id IS NULL""";
  private static final String ATTACHMENT = """
      SELECT a.id, a.uploaded_by, a.unit_id, a.filename, a.content_type, a.size, a.content, r.item_id, r.unit_id AS report_unit_id
        FROM attachment a LEFT JOIN report r ON r.id = a.report_id WHERE a.id = $1""";

  private final Pool pool;

  ReportRepository(Pool pool) {
    this.pool = pool;
  }

  record Stored(long id, long itemId, long unitId, long authorId, String kind, String text, Instant submittedAt,
                boolean onTime, String status, Buffer requestHash) {
  }

  /** @param reportUnitId the unit whose report the file is part of, once it is */
  record File(UUID id, long uploadedBy, Long unitId, String filename, String contentType, int size, Buffer content, Long itemId,
              Long reportUnitId) {
  }

  Future<Optional<Stored>> byKey(SqlClient tx, long itemId, long unitId, String key) {
    return tx.preparedQuery(BY_KEY).execute(Tuple.of(itemId, unitId, key)).map(rows -> Rows.first(rows).map(ReportRepository::stored));
  }

  Future<Optional<Long>> insert(SqlClient tx, long itemId, long unitId, long authorId, boolean completion, String text,
                                Instant now, String key, byte[] requestHash) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {itemId, unitId, authorId, completion ? "completion" : "progress", text, Rows.utc(now), true, key,
            Buffer.buffer(requestHash)}))
        .map(rows -> Rows.first(rows).map(r -> r.getLong("id")));
  }

  Future<Void> setOnTime(SqlClient tx, long reportId, boolean onTime) {
    return tx.preparedQuery(SET_ON_TIME).execute(Tuple.of(reportId, onTime)).mapEmpty();
  }

  Future<Void> reviewLatest(SqlClient tx, long itemId, long unitId, String status) {
    return tx.preparedQuery(REVIEW_LATEST).execute(Tuple.of(itemId, unitId, status)).mapEmpty();
  }

  /** Links the uploader's own, still unlinked files; answers how many it linked. */
  Future<Integer> link(SqlClient tx, long reportId, List<UUID> attachmentIds, long uploader) {
    if (attachmentIds.isEmpty()) return Future.succeededFuture(0);
    return tx.preparedQuery(LINK_ATTACHMENTS).execute(Tuple.of(reportId, attachmentIds.toArray(UUID[]::new), uploader))
        .map(rows -> rows.rowCount());
  }

  Future<JsonArray> forItem(long itemId, Optional<Long> onlyUnit) {
    return pool.preparedQuery(FOR_ITEM).execute(Tuple.of(itemId, onlyUnit.orElse(null))).map(rows -> new JsonArray(
        Rows.all(rows, r -> toJson(stored(r)).put("attachments", r.getJson("attachments")))));
  }

  /** When each unit reported on the item: what monthly reminders (R18) are planned from. */
  Future<Map<Long, List<Instant>>> reportTimes(long itemId) {
    return reportTimes(pool, itemId);
  }

  Future<Map<Long, List<Instant>>> reportTimes(SqlClient client, long itemId) {
    return client.preparedQuery(REPORT_TIMES).execute(Tuple.of(itemId)).map(rows -> {
      Map<Long, List<Instant>> byUnit = new HashMap<>();
      rows.forEach(r -> byUnit.computeIfAbsent(r.getLong("unit_id"), u -> new ArrayList<>()).add(Rows.instant(r, "submitted_at")));
      return byUnit;
    });
  }

  Future<Void> insertAttachment(File f, byte[] sha256, Instant now) {
    return pool.preparedQuery(INSERT_ATTACHMENT).execute(Tuple.from(new Object[] {f.id(), f.uploadedBy(), f.unitId(), f.filename(),
        f.contentType(), f.size(), Buffer.buffer(sha256), f.content(), Rows.utc(now)})).mapEmpty();
  }

  Future<Optional<File>> attachment(UUID id) {
    return pool.preparedQuery(ATTACHMENT).execute(Tuple.of(id)).map(rows -> Rows.first(rows).map(r -> new File(
        r.getUUID("id"), r.getLong("uploaded_by"), r.getLong("unit_id"), r.getString("filename"), r.getString("content_type"),
        r.getInteger("size"), r.getBuffer("content"), r.getLong("item_id"), r.getLong("report_unit_id"))));
  }

  static JsonObject toJson(Stored s) {
    return new JsonObject().put("id", s.id()).put("itemId", s.itemId()).put("unitId", s.unitId()).put("authorId", s.authorId())
        .put("kind", s.kind()).put("text", s.text()).put("submittedAt", s.submittedAt().toString())
        .put("onTime", s.onTime()).put("status", s.status());
  }

  private static Stored stored(Row r) {
    return new Stored(r.getLong("id"), r.getLong("item_id"), r.getLong("unit_id"), r.getLong("author_id"), r.getString("kind"),
        r.getString("text"), Rows.instant(r, "submitted_at"), r.getBoolean("on_time"), r.getString("status"), r.getBuffer("request_hash"));
  }
}
