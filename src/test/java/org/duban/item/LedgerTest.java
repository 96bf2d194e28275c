package org.duban.item;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/** Lists, cursors and ledgers (R04, R35, R44) over items on a simulated clock. */
class LedgerTest {
  static TestServer server;
  static Items4Test flow;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(LedgerTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-04-01T01:00:00Z"));
    flow = new Items4Test(server);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void cursorsWalkEveryItemOnceInUrgencyOrder() {
    for (String node : List.of("1m", "1d", "7d", "3d")) flow.active("分页 " + node, node);
    List<JsonObject> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = ok(server.get("/items?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), flow.sponsor), 200);
      page.getJsonArray("items").forEach(i -> seen.add((JsonObject) i));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    JsonArray all = ok(server.get("/items?limit=200", flow.sponsor), 200).getJsonArray("items");
    assertThat(seen).hasSize(all.size());
    Set<Long> ids = new HashSet<>();
    seen.forEach(i -> assertThat(ids.add(i.getLong("id"))).isTrue());
    List<String> deadlines = seen.stream().map(i -> i.getString("nextDeadline")).filter(d -> d != null).toList();
    assertThat(deadlines).isSorted();
  }

  @Test
  void aForgedCursorIsRefused() {
    assertThat(server.get("/items?cursor=bm90LWEtY3Vyc29y", flow.sponsor).statusCode()).isEqualTo(400);
    String farFuture = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("+294277-01-01T00:00:00Z|1".getBytes(StandardCharsets.UTF_8));
    assertThat(server.get("/items?cursor=" + farFuture, flow.sponsor).statusCode()).isEqualTo(400);
  }

  @Test
  void pagesOfOneWalkTiesAndItemsWithoutDeadlinesWithoutSkippingAny() {
    for (int i = 0; i < 3; i++) flow.register(flow.registration("草稿无时限 " + i, "7d"));
    JsonArray all = ok(server.get("/items?limit=200", flow.sponsor), 200).getJsonArray("items");
    Set<Long> seen = new HashSet<>();
    String cursor = null;
    do {
      JsonObject page = ok(server.get("/items?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), flow.sponsor), 200);
      page.getJsonArray("items").forEach(i -> assertThat(seen.add(((JsonObject) i).getLong("id"))).isTrue());
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(seen).hasSize(all.size());
  }

  @Test
  void aClosedItemIsNeverOverdue() {
    long id = flow.active("已办结不算逾期", "1d").getLong("id");
    flow.closeOut(id, "good");
    server.send(io.vertx.core.http.HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "P3D"));
    JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
    assertThat(item.getBoolean("overdue")).isFalse();
    assertThat(Items4Test.unit(item, flow.zjjUnit).getBoolean("overdue")).isFalse();
    assertThat(ids(ok(server.get("/items?overdue=true&limit=200", flow.sponsor), 200))).doesNotContain(id);
  }

  @Test
  void aKeyTaskStaysInTheYearEndViewAfterAnExtensionAndCannotBeExtendedPastTheYear_R35() {
    JsonObject key = flow.register(flow.registration("年底清零的重点任务", "1m").put("kind", "key_task"));
    long id = key.getLong("id");
    ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200);
    String year = server.get("/clock", flow.sponsor).bodyAsJsonObject().getString("local").substring(0, 4);
    JsonObject pastYearEnd = ok(flow.post("/items/" + id + "/extension", flow.fgw, new JsonObject()
        .put("newDeadline", (Integer.parseInt(year) + 1) + "-01-15T18:00:00+08:00").put("plan", "跨年推进")), 422);
    assertThat(pastYearEnd.getString("rule")).isEqualTo("R35");
    ok(flow.post("/items/" + id + "/extension", flow.fgw, new JsonObject()
        .put("newDeadline", year + "-12-20T18:00:00+08:00").put("plan", "年内完成")), 200);
    JsonObject granted = ok(flow.post("/items/" + id + "/extension/grant", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit)), 200);
    assertThat(granted.getString("board")).isEqualTo("continuous");
    assertThat(ids(ok(server.get("/ledger/year-end", flow.sponsor), 200))).contains(id);
  }

  @Test
  void overdueItemsAreFoundOnceTheClockPassesTheirDeadline() {
    long id = flow.active("会逾期的事项", "1d").getLong("id");
    assertThat(ids(server.get("/items?overdue=true&limit=200", flow.sponsor).bodyAsJsonObject())).doesNotContain(id);
    server.send(io.vertx.core.http.HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "P4D"));
    JsonObject overdue = ok(server.get("/items?overdue=true&limit=200", flow.sponsor), 200);
    assertThat(ids(overdue)).contains(id);
    assertThat(ids(ok(server.get("/items?overdue=true&unitId=" + flow.zjjUnit + "&limit=200", flow.sponsor), 200))).contains(id);
    JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
    assertThat(Items4Test.unit(item, flow.zjjUnit).getBoolean("overdue")).isTrue();
  }

  @Test
  void aLateCooperatingUnitStaysVisibleBesideAPunctualLead() {
    long id = flow.active("配合单位逾期", "1d").getLong("id");
    ok(flow.report(id, flow.fgw, "lead-on-time", "牵头单位按时反馈"), 201);
    server.send(io.vertx.core.http.HttpMethod.POST, "/clock/advance", admin, new JsonObject().put("by", "P4D"));
    JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
    assertThat(Items4Test.unit(item, flow.fgwUnit).getBoolean("overdue")).isFalse();
    assertThat(Items4Test.unit(item, flow.zjjUnit).getBoolean("overdue")).isTrue();
    assertThat(item.getBoolean("overdue")).isTrue();
  }

  @Test
  void theCsvLedgerHasABomAHeaderAndOneLinePerItemWithFormulasDefused_R04() {
    flow.active("=HYPERLINK(\"http://x\")", "7d");
    flow.active("+cmd|' /C calc'!A0", "7d");
    flow.active("@SUM(1+1)", "7d");
    byte[] csv = ok200Bytes("/ledger.csv?status=open");
    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(csv[0]).isEqualTo((byte) 0xEF);
    String[] lines = text.substring(1).split("\r\n");
    assertThat(lines[0]).startsWith("\"编号\",\"标题\"").contains("\"牵头单位\"");
    int open = ok(server.get("/items?status=open&limit=200", flow.sponsor), 200).getJsonArray("items").size();
    assertThat(lines).hasSize(open + 1);
    assertThat(text).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").contains("\"'+cmd|").contains("\"'@SUM(1+1)\"");
  }

  @Test
  void theExcelLedgerOpensAsAWorkbookWithTheSameRows_R04() throws Exception {
    flow.active("表格导出", "7d");
    byte[] xlsx = ok200Bytes("/ledger.xlsx");
    int items = ok(server.get("/items?limit=200", flow.sponsor), 200).getJsonArray("items").size();
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = workbook.getFirstSheet();
      assertThat(sheet.getName()).isEqualTo("台账");
      List<Row> rows = sheet.read();
      assertThat(rows).hasSize(items + 1);
      assertThat(rows.get(0).getCellText(0)).isEqualTo("编号");
      assertThat(rows.stream().skip(1).map(r -> r.getCellText(1)).toList()).contains("表格导出");
    }
  }

  @Test
  void theExcelLedgerOpensInASpreadsheetProgram_R04(@TempDir Path dir) throws Exception {
    // LibreOffice Calc, headless, as installed by .ci/run: it must read every row the server wrote
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/soffice")), "LibreOffice is not installed");
    JsonObject item = flow.active("电子表格程序打开", "7d");
    Path xlsx = dir.resolve("ledger.xlsx");
    Files.write(xlsx, ok200Bytes("/ledger.xlsx"));
    // options: comma, double quote, UTF-8, from line 1, -, -, quote all text cells, -, cells as shown: so text
    // comes out quoted, and numbers and dates bare, as Calc formats them
    Process calc = new ProcessBuilder("/usr/bin/soffice", "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless",
        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,false,true", "--outdir", dir.resolve("out").toString(),
        xlsx.toString())
        .redirectErrorStream(true).start();
    assertThat(calc.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(dir.resolve("out").resolve("ledger.csv"), StandardCharsets.UTF_8);
    int items = ok(server.get("/items?limit=200", flow.sponsor), 200).getJsonArray("items").size();
    assertThat(lines).hasSize(items + 1);
    assertThat(lines.get(0)).startsWith("\"编号\",\"标题\",\"版块\"");
    String row = lines.stream().filter(line -> line.contains("电子表格程序打开")).findFirst().orElseThrow();
    assertThat(row).contains(",\"日常管理事项\",\"会议议定事项\",\"会议议定事项\",\"7天\",")
        .contains(",\"办理中\",")
        .contains("," + local(item.getString("registeredAt")) + ",")
        .contains("," + local(Items4Test.unit(item, flow.fgwUnit).getString("deadline")) + ",")
        .endsWith(",\"否\",0,\"否\"");
  }

  @Test
  void theCsvLedgerSpeaksChineseByDefaultWithLocalTimes_R04() {
    JsonObject open = flow.active("中文台账办理中", "7d");
    long closedId = flow.active("中文台账已办结", "3d").getLong("id");
    JsonObject closed = flow.closeOut(closedId, "excellent");
    List<List<String>> csv = csvRows(ok200Bytes("/ledger.csv"));
    assertThat(csv.get(0)).containsExactly("编号", "标题", "版块", "类别", "来源", "时间节点", "立项科室", "牵头单位", "状态", "评定等次",
        "登记时间", "最近时限", "办结时间", "逾期", "退回次数", "重点督办");
    Map<String, String> active = rowOf(csv, "中文台账办理中");
    assertThat(active).containsEntry("版块", "日常管理事项").containsEntry("类别", "会议议定事项").containsEntry("来源", "会议议定事项")
        .containsEntry("时间节点", "7天").containsEntry("状态", "办理中").containsEntry("评定等次", "").containsEntry("逾期", "否")
        .containsEntry("退回次数", "0").containsEntry("重点督办", "否").containsEntry("办结时间", "")
        .containsEntry("登记时间", local(open.getString("registeredAt")))
        .containsEntry("最近时限", local(Items4Test.unit(open, flow.fgwUnit).getString("deadline")));
    Map<String, String> done = rowOf(csv, "中文台账已办结");
    assertThat(done).containsEntry("状态", "已办结").containsEntry("评定等次", "优秀").containsEntry("时间节点", "3天")
        .containsEntry("办结时间", local(closed.getString("closedAt"))).containsEntry("最近时限", "");
    List<String> codes = List.of("daily", "key", "meeting_decision", "active", "closed", "draft", "7d", "3d", "excellent", "true", "false");
    csv.stream().skip(1).forEach(row -> assertThat(row).doesNotContainAnyElementsOf(codes));
  }

  @Test
  void theCsvLedgerSpeaksEnglishOnRequest_R04() {
    flow.active("英文台账", "1d");
    List<List<String>> csv = csvRows(ok200Bytes("/ledger.csv?lang=en"));
    assertThat(csv.get(0)).containsExactly("Number", "Title", "Board", "Kind", "Source", "Node", "Sponsor", "Lead unit", "Status", "Grade",
        "Registered", "Next deadline", "Closed", "Overdue", "Returns", "Key supervision");
    assertThat(rowOf(csv, "英文台账")).containsEntry("Board", "Daily management items").containsEntry("Kind", "Meeting decision")
        .containsEntry("Source", "Meeting decision").containsEntry("Node", "1 day").containsEntry("Status", "In progress")
        .containsEntry("Overdue", "No").containsEntry("Key supervision", "No");
  }

  @Test
  void anUnknownLanguageIsRefusedNamingTheParameter() {
    for (String path : List.of("/ledger.csv?lang=fr", "/ledger.xlsx?lang=fr")) {
      var response = server.get(path, flow.sponsor);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("lang");
    }
  }

  @Test
  void theExcelLedgerHasLabelsNumbersAndRealLocalDates_R04_R11() throws Exception {
    JsonObject item = flow.active("表格单元格类型", "7d");
    byte[] xlsx = ok200Bytes("/ledger.xlsx");
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
      List<Row> rows = workbook.getFirstSheet().read();
      List<String> header = rows.get(0).stream().map(Cell::getText).toList();
      Row row = rows.stream().filter(r -> "表格单元格类型".equals(r.getCellText(1))).findFirst().orElseThrow();
      Cell board = row.getCell(header.indexOf("版块"));
      assertThat(board.getType()).isEqualTo(CellType.STRING);
      assertThat(board.getText()).isEqualTo("日常管理事项");
      assertThat(row.getCellText(header.indexOf("状态"))).isEqualTo("办理中");
      assertThat(row.getCellText(header.indexOf("时间节点"))).isEqualTo("7天");
      Cell returns = row.getCell(header.indexOf("退回次数"));
      assertThat(returns.getType()).isEqualTo(CellType.NUMBER);
      assertThat(returns.asNumber()).isEqualByComparingTo("0");
      for (var expected : Map.of("登记时间", item.getString("registeredAt"),
          "最近时限", Items4Test.unit(item, flow.fgwUnit).getString("deadline")).entrySet()) {
        Cell time = row.getCell(header.indexOf(expected.getKey()));
        assertThat(time.getType()).as(expected.getKey()).isEqualTo(CellType.NUMBER);
        assertThat(time.getDataFormatString()).isEqualTo(Ledger.EXCEL_DATE_TIME);
        LocalDateTime local = LocalDateTime.ofInstant(Instant.parse(expected.getValue()), ZoneId.of("Asia/Shanghai"));
        assertThat(Duration.between(local, time.asDate()).abs()).as(expected.getKey()).isLessThan(Duration.ofSeconds(1));
      }
      assertThat(row.getOptionalCell(header.indexOf("办结时间")).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);
    }
  }

  @Test
  void everyCodeTheContractKnowsHasChineseAndEnglishWords_R04() {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      JsonObject schemas = org.duban.http.Contract.read(vertx).await().getJsonObject("components").getJsonObject("schemas");
      Map<String, Map<String, Vocabulary.Words>> vocabularies = Map.of("Board", Vocabulary.BOARDS, "Kind", Vocabulary.KINDS,
          "Source", Vocabulary.SOURCES, "Node", Vocabulary.NODES, "Status", Vocabulary.STATUSES);
      vocabularies.forEach((schema, words) -> assertThat(words.keySet()).as(schema)
          .containsExactlyInAnyOrderElementsOf(schemas.getJsonObject(schema).getJsonArray("enum").stream().map(String::valueOf).toList()));
      assertThat(Vocabulary.GRADES.keySet()).containsExactlyInAnyOrderElementsOf(
          schemas.getJsonObject("GradeRequest").getJsonObject("properties").getJsonObject("grade").getJsonArray("enum").stream()
              .map(String::valueOf).toList());
      vocabularies.values().forEach(words -> words.values().forEach(w -> {
        assertThat(w.zh()).matches(".*\\p{IsHan}.*");
        assertThat(w.en()).matches("[ -~]+");
      }));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aLiaisonMayNotExportTheLedger() {
    assertThat(server.get("/ledger.csv", flow.fgw).statusCode()).isEqualTo(403);
  }

  @Test
  void theQuarterlySummaryCountsCompletedOnTrackAndSlowPerOffice_R44() {
    JsonObject before = summaryOfSponsor(2026, 2);
    long done = flow.active("本季度办结", "7d").getLong("id");
    flow.closeOut(done, "good");
    long slow = flow.active("本季度进展缓慢", "7d").getLong("id");
    for (int i = 0; i < 2; i++) {
      ok(flow.report(slow, flow.fgw, "slow-" + i + "-aaaa", "反馈 " + i), 201);
      ok(flow.post("/items/" + slow + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "不合格")), 200);
    }
    flow.active("本季度进展顺利", "1m");
    JsonObject after = summaryOfSponsor(2026, 2);
    assertThat(after.getLong("completed") - before.getLong("completed")).isEqualTo(1);
    assertThat(after.getLong("slow") - before.getLong("slow")).isEqualTo(1);
    assertThat(after.getLong("onTrack") - before.getLong("onTrack")).isEqualTo(1);
  }

  @Test
  void theYearEndViewListsOpenBoardTwoItems_R35() {
    JsonObject key = flow.register(flow.registration("年底清零", "1m").put("kind", "key_task"));
    assertThat(key.getString("board")).isEqualTo("key");
    ok(flow.post("/items/" + key.getLong("id") + "/approve", flow.deputy, null), 200);
    JsonArray open = ok(server.get("/ledger/year-end", flow.sponsor), 200).getJsonArray("items");
    assertThat(open.stream().map(i -> ((JsonObject) i).getString("board")).distinct().toList()).containsExactly("key");
    assertThat(ids(new JsonObject().put("items", open))).contains(key.getLong("id"));
  }

  private static JsonObject summaryOfSponsor(int year, int quarter) {
    long office = flow.ownUnit(flow.sponsor);
    return ok(server.get("/ledger/quarterly?year=" + year + "&quarter=" + quarter, flow.sponsor), 200).getJsonArray("items").stream()
        .map(r -> (JsonObject) r).filter(r -> r.getLong("sponsorUnitId") == office).findFirst()
        .orElse(new JsonObject().put("completed", 0L).put("onTrack", 0L).put("slow", 0L));
  }

  /** Every cell of the ledger's CSV: quoted, or empty. */
  private static List<List<String>> csvRows(byte[] csv) {
    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF").endsWith("\r\n");
    Pattern cell = Pattern.compile("(?:\"((?:[^\"]|\"\")*)\"|)(,|$)");
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.substring(1).split("\r\n")) {
      List<String> cells = new ArrayList<>();
      Matcher m = cell.matcher(line);
      while (m.find()) {
        cells.add(m.group(1) == null ? "" : m.group(1).replace("\"\"", "\""));
        if (m.group(2).isEmpty()) break;
      }
      rows.add(cells);
    }
    return rows;
  }

  private static Map<String, String> rowOf(List<List<String>> csv, String title) {
    List<String> row = csv.stream().filter(r -> r.size() > 1 && r.get(1).equals(title)).findFirst().orElseThrow();
    Map<String, String> byHeader = new java.util.LinkedHashMap<>();
    for (int c = 0; c < csv.get(0).size(); c++) byHeader.put(csv.get(0).get(c), row.get(c));
    return byHeader;
  }

  /** R11: what a person in Shanghai reads for an instant. */
  private static String local(String instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(Instant.parse(instant).atZone(ZoneId.of("Asia/Shanghai")));
  }

  private static byte[] ok200Bytes(String path) {
    var response = server.get(path, flow.sponsor);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.body().getBytes();
  }

  private static List<Long> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("id")).toList();
  }
}
