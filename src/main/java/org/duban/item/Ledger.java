package org.duban.item;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.duban.auth.Principal;
import org.duban.db.Rows;
import org.duban.http.Api;
import org.duban.http.Requests;
import org.duban.http.Reply;
import org.duban.time.Zones;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ledger (台账, R04) as CSV and as an Excel workbook, the quarterly summary per sponsor office
 * (R44), and the year-end list of board "2" items still open (R35).
 */
public final class Ledger {
  static final int MAX_ROWS = 10_000;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final List<String> HEADERS = List.of("编号 Number", "标题 Title", "版块 Board", "来源 Source", "立项科室 Sponsor",
      "牵头单位 Lead unit", "状态 Status", "登记时间 Registered", "最近时限 Next deadline", "逾期 Overdue", "退回次数 Returns",
      "重点督办 Key supervision");
  private static final List<Function<JsonObject, String>> COLUMNS = List.of(
      j -> j.getString("number"), j -> j.getString("title"), j -> j.getString("board"), j -> j.getString("source"),
      j -> j.getString("sponsorName"), j -> j.getString("leadUnitName"), j -> j.getString("status"),
      j -> local(j.getString("registeredAt")), j -> local(j.getString("nextDeadline")),
      j -> j.getBoolean("overdue") ? "是" : "否", j -> String.valueOf(j.getLong("returns")),
      j -> j.getBoolean("keySupervision") ? "是" : "否");
  // R44: completed in the quarter; open and slow (key supervision, a unit overdue, or returned twice); open and on track
  private static final String QUARTERLY = """
      SELECT s.id AS sponsor_unit_id, s.name AS sponsor_name,
             count(*) FILTER (WHERE i.closed_at >= $1 AND i.closed_at < $2) AS completed,
             count(*) FILTER (WHERE i.status <> 'closed' AND NOT slow.is_slow) AS on_track,
             count(*) FILTER (WHERE i.status <> 'closed' AND slow.is_slow) AS slow
        FROM item i
        JOIN unit s ON s.id = i.sponsor_unit_id
        CROSS JOIN LATERAL (SELECT i.key_supervision OR EXISTS (
                 SELECT 1 FROM item_unit u WHERE u.item_id = i.id
                    AND ((u.status IN ('assigned', 'returned') AND u.deadline < $3) OR u.returns >= 2)) AS is_slow) slow
       WHERE i.status <> 'draft' AND i.registered_at < $2 AND ($4::bigint IS NULL OR i.sponsor_unit_id = $4)
       GROUP BY s.id, s.name
       ORDER BY s.id""";

  private final ItemService items;
  private final Pool pool;
  private final Vertx vertx;

  public Ledger(ItemService items, Pool pool, Vertx vertx) {
    this.items = items;
    this.pool = pool;
    this.vertx = vertx;
  }

  public static void mount(Api api, Ledger ledger) {
    api.raw("exportLedgerCsv", rc -> ledger.rows(rc).map(Ledger::csv)
        .onSuccess(csv -> download(rc, csv, "text/csv; charset=utf-8", "ledger.csv")).onFailure(rc::fail));
    api.raw("exportLedgerXlsx", rc -> ledger.rows(rc).compose(ledger::xlsx)
        .onSuccess(xlsx -> download(rc, xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ledger.xlsx"))
        .onFailure(rc::fail));
    api.on("quarterlySummary", rc -> ledger.quarterly(Requests.principal(rc),
        Requests.query(rc, "year").map(RequestParameter::getInteger).orElseThrow(),
        Requests.query(rc, "quarter").map(RequestParameter::getInteger).orElseThrow()).map(Reply::ok));
    api.on("yearEndOpen", rc -> ledger.yearEnd(Requests.principal(rc)).map(Reply::ok));
  }

  private Future<List<JsonObject>> rows(RoutingContext rc) {
    Principal who = Requests.principal(rc);
    Instant now = items.now();
    return items.queries().list(ItemService.scoped(who, ItemHandlers.filter(rc)), now, Optional.empty(), MAX_ROWS)
        .map(rows -> rows.stream().map(r -> ItemQueries.summaryJson(r, now)).toList());
  }

  /** UTF-8 with a byte-order mark, so that Excel and WPS read the Chinese text right. */
  static Buffer csv(List<JsonObject> rows) {
    StringBuilder out = new StringBuilder("\uFEFF");
    out.append(String.join(",", HEADERS.stream().map(Ledger::csvCell).toList())).append("\r\n");
    for (JsonObject row : rows) {
      out.append(String.join(",", COLUMNS.stream().map(c -> csvCell(c.apply(row))).toList())).append("\r\n");
    }
    return Buffer.buffer(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Future<Buffer> xlsx(List<JsonObject> rows) {
    return vertx.executeBlocking(() -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (Workbook workbook = new Workbook(bytes, "Duban", "1.0")) {
        Worksheet sheet = workbook.newWorksheet("台账");
        for (int c = 0; c < HEADERS.size(); c++) sheet.value(0, c, HEADERS.get(c));
        sheet.range(0, 0, 0, HEADERS.size() - 1).style().bold().set();
        for (int r = 0; r < rows.size(); r++) {
          for (int c = 0; c < COLUMNS.size(); c++) sheet.value(r + 1, c, COLUMNS.get(c).apply(rows.get(r)));
        }
        sheet.freezePane(0, 1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Buffer.buffer(bytes.toByteArray());
    }, false);
  }

  Future<JsonObject> quarterly(Principal who, int year, int quarter) {
    ZonedDateTime start = LocalDate.of(year, 3 * quarter - 2, 1).atStartOfDay(Zones.SHANGHAI);
    Instant from = start.toInstant();
    Instant to = start.plusMonths(3).toInstant();
    Instant asOf = items.now().isBefore(to) ? items.now() : to;
    return pool.preparedQuery(QUARTERLY).execute(Tuple.of(Rows.utc(from), Rows.utc(to), Rows.utc(asOf), ItemService.sponsorScope(who)))
        .map(rows -> new JsonObject().put("year", year).put("quarter", quarter).put("items", new JsonArray(Rows.all(rows, Ledger::summaryRow))));
  }

  Future<JsonObject> yearEnd(Principal who) {
    Instant now = items.now();
    ItemQueries.Filter open = new ItemQueries.Filter("key", "open", null, null, null, null, null, null, null, null);
    return items.queries().list(ItemService.scoped(who, open), now, Optional.empty(), MAX_ROWS)
        .map(rows -> new JsonObject().put("items", new JsonArray(rows.stream().map(r -> ItemQueries.summaryJson(r, now)).toList())));
  }

  private static JsonObject summaryRow(Row r) {
    return new JsonObject().put("sponsorUnitId", r.getLong("sponsor_unit_id")).put("sponsorName", r.getString("sponsor_name"))
        .put("completed", r.getLong("completed")).put("onTrack", r.getLong("on_track")).put("slow", r.getLong("slow"));
  }

  private static void download(RoutingContext rc, Buffer body, String type, String filename) {
    rc.response().putHeader("Content-Type", type).putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"").end(body);
  }

  /** Quotes every cell, and defuses text a spreadsheet would run as a formula. */
  static String csvCell(String value) {
    if (value == null) return "";
    String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  private static String local(String instant) {
    return instant == null ? "" : LOCAL.format(Instant.parse(instant).atZone(Zones.SHANGHAI));
  }
}
