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
import org.duban.item.Vocabulary.Lang;
import org.duban.time.Zones;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The ledger (台账, R04) as CSV and as an Excel workbook, the quarterly summary per sponsor office
 * (R44), and the year-end list of board "2" items still open (R35).
 */
public final class Ledger {
  static final int MAX_ROWS = 10_000;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  /** How a spreadsheet shows a local date-time (R11): the same as the CSV writes it. */
  static final String EXCEL_DATE_TIME = "yyyy-mm-dd hh:mm";
  /**
   * The ledger's columns (R04): people read words, not codes, so every coded column is labelled in the
   * caller's language; numbers are numbers and times are Shanghai local date-times (R11).
   */
  static final List<Column> COLUMNS = List.of(
      text("编号", "Number", j -> j.getString("number")),
      text("标题", "Title", j -> j.getString("title")),
      coded("版块", "Board", "board", Vocabulary.BOARDS),
      coded("类别", "Kind", "kind", Vocabulary.KINDS),
      coded("来源", "Source", "source", Vocabulary.SOURCES),
      coded("时间节点", "Node", "node", Vocabulary.NODES),
      text("立项科室", "Sponsor", j -> j.getString("sponsorName")),
      text("牵头单位", "Lead unit", j -> j.getString("leadUnitName")),
      coded("状态", "Status", "status", Vocabulary.STATUSES),
      coded("评定等次", "Grade", "grade", Vocabulary.GRADES),
      dateTime("登记时间", "Registered", "registeredAt"),
      dateTime("最近时限", "Next deadline", "nextDeadline"),
      dateTime("办结时间", "Closed", "closedAt"),
      new Column("逾期", "Overdue", CellType.TEXT, (j, lang) -> Vocabulary.yesNo(j.getBoolean("overdue"), lang)),
      new Column("退回次数", "Returns", CellType.NUMBER, (j, lang) -> j.getLong("returns")),
      new Column("重点督办", "Key supervision", CellType.TEXT, (j, lang) -> Vocabulary.yesNo(j.getBoolean("keySupervision"), lang)));

  enum CellType { TEXT, NUMBER, DATE_TIME }

  /** A column: its header in each language, and its cell in a language (text, a number or a local date-time). */
  record Column(String zh, String en, CellType type, BiFunction<JsonObject, Lang, Object> cell) {
    String header(Lang lang) {
      return lang == Lang.ZH ? zh : en;
    }
  }
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
    api.raw("exportLedgerCsv", rc -> ledger.rows(rc).map(rows -> csv(rows, lang(rc)))
        .onSuccess(csv -> download(rc, csv, "text/csv; charset=utf-8", "ledger.csv")).onFailure(rc::fail));
    api.raw("exportLedgerXlsx", rc -> ledger.rows(rc).compose(rows -> ledger.xlsx(rows, lang(rc)))
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
          return rows.stream().map(r -> ledgerRow(r, now)).toList();
        });
  }

  /** The list's summary of an item, with what only the ledger shows. */
  private JsonObject ledgerRow(Row r, Instant now) {
    Instant closed = Rows.instant(r, "closed_at");
    return ItemQueries.summaryJson(r, now, items.calendar()).put("grade", r.getString("grade")).put("closedAt", closed == null ? null : closed.toString());
  }

  private static Lang lang(RoutingContext rc) {
    return Lang.fromWire(Requests.query(rc, "lang").map(RequestParameter::getString).orElse(null));
  }

  /**
   * UTF-8 with a byte-order mark and CRLF line ends, so that Excel and WPS read the Chinese text right;
   * times as local date-times, which both read as dates.
   */
  static Buffer csv(List<JsonObject> rows, Lang lang) {
    StringBuilder out = new StringBuilder("\uFEFF");
    out.append(String.join(",", COLUMNS.stream().map(c -> csvCell(c.header(lang))).toList())).append("\r\n");
    for (JsonObject row : rows) {
      out.append(String.join(",", COLUMNS.stream().map(c -> csvCell(csvText(c.cell().apply(row, lang)))).toList())).append("\r\n");
    }
    return Buffer.buffer(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String csvText(Object value) {
    return value instanceof LocalDateTime time ? LOCAL.format(time) : value == null ? null : value.toString();
  }

  /** Typed cells: text as text, numbers as numbers, date-times as dates with a date format. */
  private Future<Buffer> xlsx(List<JsonObject> rows, Lang lang) {
    return vertx.executeBlocking(() -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (Workbook workbook = new Workbook(bytes, "Duban", "1.0")) {
        Worksheet sheet = workbook.newWorksheet(lang == Lang.ZH ? "台账" : "Ledger");
        for (int c = 0; c < COLUMNS.size(); c++) sheet.value(0, c, COLUMNS.get(c).header(lang));
        sheet.range(0, 0, 0, COLUMNS.size() - 1).style().bold().set();
        for (int r = 0; r < rows.size(); r++) {
          for (int c = 0; c < COLUMNS.size(); c++) excelCell(sheet, r + 1, c, COLUMNS.get(c).cell().apply(rows.get(r), lang));
        }
        for (int c = 0; c < COLUMNS.size(); c++) {
          if (COLUMNS.get(c).type() != CellType.DATE_TIME) continue;
          sheet.width(c, 18);
          if (!rows.isEmpty()) sheet.range(1, c, rows.size(), c).style().format(EXCEL_DATE_TIME).set();
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

  private static void excelCell(Worksheet sheet, int row, int column, Object value) {
    if (value instanceof Number number) sheet.value(row, column, number);
    else if (value instanceof LocalDateTime time) sheet.value(row, column, time);
    else if (value != null) sheet.value(row, column, value.toString());
  }

  private static Column text(String zh, String en, Function<JsonObject, String> value) {
    return new Column(zh, en, CellType.TEXT, (j, lang) -> value.apply(j));
  }

  private static Column coded(String zh, String en, String field, Map<String, Vocabulary.Words> vocabulary) {
    return new Column(zh, en, CellType.TEXT, (j, lang) -> Vocabulary.label(vocabulary, j.getString(field), lang));
  }

  /** R11: the wall-clock time in Shanghai, whatever the server's zone. */
  private static Column dateTime(String zh, String en, String field) {
    return new Column(zh, en, CellType.DATE_TIME, (j, lang) -> j.getString(field) == null ? null
        : LocalDateTime.ofInstant(Instant.parse(j.getString(field)), Zones.SHANGHAI).truncatedTo(ChronoUnit.SECONDS));
  }
}
