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
import org.duban.auth.SessionGuard;
import org.duban.auth.Principal;
import org.duban.db.Rows;
import org.duban.http.Api;
import org.duban.fault.Refusal;
import org.duban.fault.Refusal.Kind;
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
import java.time.temporal.ChronoUnit;
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
  // R44, as the quarter ended ($3: its end, or now for the quarter under way): completed in the quarter;
  // open then and slow (key supervision, returned twice or more by then, or a unit past its deadline whose
  // latest word by then was not a report); open then and on track. Deadlines are today's: an extension
  // granted after the quarter counts as if it had been granted in it.
  private static final String QUARTERLY = """
      SELECT s.id AS sponsor_unit_id, s.name AS sponsor_name,
             count(*) FILTER (WHERE i.closed_at >= $1 AND i.closed_at < $2) AS completed,
             count(*) FILTER (WHERE state.open_then AND NOT state.slow) AS on_track,
             count(*) FILTER (WHERE state.open_then AND state.slow) AS slow
        FROM item i
        JOIN unit s ON s.id = i.sponsor_unit_id
        CROSS JOIN LATERAL (SELECT
               i.assigned_at < $3 AND (i.closed_at IS NULL OR i.closed_at >= $3) AS open_then,
               i.key_supervision
               OR (SELECT count(*) FROM item_event r WHERE r.item_id = i.id AND r.type = 'returned' AND r.at < $3) >= 2
               OR EXISTS (SELECT 1 FROM item_unit u WHERE u.item_id = i.id AND u.deadline < $3
                    AND coalesce((SELECT e.type FROM item_event e
                                   WHERE e.item_id = i.id AND e.unit_id = u.unit_id AND e.at < $3
                                     AND e.type IN ('reported', 'returned', 'assigned')
                                   ORDER BY e.id DESC LIMIT 1), 'assigned') <> 'reported') AS slow) state
       WHERE i.assigned_at IS NOT NULL AND i.assigned_at < $2 AND ($4::bigint IS NULL OR i.sponsor_unit_id = $4)
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
    api.on("quarterlySummary", rc -> ledger.quarterly(SessionGuard.principal(rc),
        Requests.query(rc, "year").map(RequestParameter::getInteger).orElseThrow(),
        Requests.query(rc, "quarter").map(RequestParameter::getInteger).orElseThrow()).map(Reply::ok));
    api.on("yearEndOpen", rc -> ledger.yearEnd(SessionGuard.principal(rc)).map(Reply::ok));
  }

  /** Every matching row, or a refusal: a ledger cut off silently would mislead whoever files it. */
  private Future<List<JsonObject>> rows(RoutingContext rc) {
    Principal who = SessionGuard.principal(rc);
    Instant now = items.now();
    return items.queries().list(ItemService.scoped(who, ItemHandlers.filter(rc)), now, Optional.empty(), MAX_ROWS + 1)
        .map(rows -> {
          if (rows.size() > MAX_ROWS) {
            throw new Refusal(Kind.UNPROCESSABLE, "too-many-rows", "Too many rows for one export",
                "more than " + MAX_ROWS + " items match; narrow the filters (status, board, unit, sponsor)", List.of(), null);
          }
          return rows.stream().map(r -> ItemQueries.summaryJson(r, now, items.calendar())).toList();
        });
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
    // the quarter under way is judged as of now, including what happened this very microsecond
    Instant asOf = items.now().isBefore(to) ? items.now().plus(1, ChronoUnit.MICROS) : to;
    return pool.preparedQuery(QUARTERLY).execute(Tuple.of(Rows.utc(from), Rows.utc(to), Rows.utc(asOf), ItemService.sponsorScope(who)))
        .map(rows -> new JsonObject().put("year", year).put("quarter", quarter).put("items", new JsonArray(Rows.all(rows, Ledger::summaryRow))));
  }

  Future<JsonObject> yearEnd(Principal who) {
    Instant now = items.now();
    // by kind, not board: a key task on continuous follow-up must still be cleared by year end
    ItemQueries.Filter open = new ItemQueries.Filter(null, "open", null, null, null, null, null, null, null, null, true);
    return items.queries().list(ItemService.scoped(who, open), now, Optional.empty(), MAX_ROWS)
        .map(rows -> new JsonObject().put("items",
            new JsonArray(rows.stream().map(r -> ItemQueries.summaryJson(r, now, items.calendar())).toList())));
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
