package org.duban.time;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;
import static org.duban.support.Items4Test.unit;

/**
 * R12 through the API: it is December 2026, the shipped calendar knows 2025 and 2026, and 2027's notice
 * is not out. Whatever falls in (or is counted across) 2027 says so, the administrator sees the items
 * waiting on the notice, and importing it clears both. The import comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MissingYearApiTest {
  /** Tuesday 15 December 2026, 10:00 in Shanghai. */
  static final String NOW = "2026-12-15T02:00:00Z";
  /** 1 January 2027, 00:00 in Shanghai. */
  static final Instant NEW_YEAR = Instant.parse("2026-12-31T16:00:00Z");
  static TestServer server;
  static Items4Test flow;
  static String admin;
  static JsonObject acrossNewYear;
  static JsonObject withinTheYear;

  @BeforeAll
  static void start() {
    server = TestServer.start(MissingYearApiTest.class, Map.of("clock.simulated", "true", "clock.start", NOW));
    admin = server.tokenOf("admin");
    flow = new Items4Test(server);
    acrossNewYear = flow.active("跨年一个月节点", "1m");
    // from the province's list: no 30-day reporting deadline of its own (R20) reaching into January
    long id = flow.register(flow.registration("年内一日节点", "1d").put("source", "province_13710")).getLong("id");
    withinTheYear = ok(flow.post("/items/" + id + "/approve", flow.deputy, null), 200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject item(JsonObject item) {
    return ok(server.get("/items/" + item.getLong("id"), admin), 200);
  }

  static JsonArray reminders(JsonObject item) {
    return ok(server.get("/items/" + item.getLong("id") + "/reminders?until=2027-03-01T00:00:00Z", admin), 200).getJsonArray("items");
  }

  static JsonObject listed(JsonObject item) {
    return ok(server.get("/items?limit=200", admin), 200).getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getLong("id").equals(item.getLong("id"))).findFirst().orElseThrow();
  }

  static JsonArray pending(int year) {
    return ok(server.get("/calendar/" + year + "/pending", admin), 200).getJsonArray("items");
  }

  static List<String> numbers(JsonArray pending) {
    return pending.stream().map(o -> ((JsonObject) o).getString("number")).toList();
  }

  static JsonObject missing2027() {
    return new JsonObject().put("status", "missing").put("missingYears", new JsonArray().add(2027));
  }

  static JsonObject known() {
    return new JsonObject().put("status", "known").put("missingYears", new JsonArray());
  }

  @Test
  @Order(1)
  void aDeadlineInAYearWithoutCalendarIsMarkedOnTheItemItsUnitsAndTheList_R10_R12() {
    JsonObject item = item(acrossNewYear);
    assertThat(unit(item, flow.fgwUnit).getString("deadline")).isEqualTo("2027-01-15T02:00:00Z");
    assertThat(item.getJsonObject("calendar")).isEqualTo(missing2027());
    assertThat(unit(item, flow.fgwUnit).getJsonObject("calendar")).isEqualTo(missing2027());
    assertThat(listed(acrossNewYear).getJsonObject("calendar")).isEqualTo(missing2027());

    JsonObject inYear = item(withinTheYear);
    assertThat(inYear.getJsonObject("calendar")).isEqualTo(known());
    assertThat(unit(inYear, flow.fgwUnit).getJsonObject("calendar")).isEqualTo(known());
    assertThat(listed(withinTheYear).getJsonObject("calendar")).isEqualTo(known());
  }

  @Test
  @Order(2)
  void theItemsRemindersSayWhichOfThemDependOnTheMissingYear_R12_R13() {
    JsonArray messages = reminders(acrossNewYear);
    assertThat(messages).isNotEmpty();
    for (Object o : messages) {
      JsonObject m = (JsonObject) o;
      boolean inNewYear = !Instant.parse(m.getString("sendAt")).isBefore(NEW_YEAR);
      boolean fromTheDeadline = m.getJsonArray("kinds").contains("before_deadline");
      assertThat(m.getJsonObject("calendar")).as(m.encode()).isEqualTo(inNewYear || fromTheDeadline ? missing2027() : known());
    }
    // the weekly reminders of December (R17) are counted from assignment, in a known year
    assertThat(messages.stream().map(o -> ((JsonObject) o).getJsonObject("calendar"))).contains(known(), missing2027());
    assertThat(reminders(withinTheYear).stream().map(o -> ((JsonObject) o).getJsonObject("calendar"))).containsOnly(known());
  }

  @Test
  @Order(3)
  void thePreviewOfARegistrationMarksItsMessagesTheSameWay_R12() {
    JsonObject body = new JsonObject().put("registration", flow.registration("预览跨年", "1m")).put("assignAt", NOW);
    JsonArray messages = ok(server.send(HttpMethod.POST, "/reminders/preview", flow.sponsor, body), 200).getJsonArray("items");
    assertThat(messages).isNotEmpty();
    for (Object o : messages) {
      JsonObject m = (JsonObject) o;
      if (!Instant.parse(m.getString("sendAt")).isBefore(NEW_YEAR)) assertThat(m.getJsonObject("calendar")).isEqualTo(missing2027());
    }
    assertThat(messages.stream().map(o -> ((JsonObject) o).getJsonObject("calendar"))).contains(known(), missing2027());
  }

  @Test
  @Order(4)
  void theAdministratorSeesTheItemsWaitingOnTheNotice_R12() {
    JsonArray waiting = pending(2027);
    assertThat(numbers(waiting)).contains(acrossNewYear.getString("number")).doesNotContain(withinTheYear.getString("number"));
    JsonObject entry = waiting.stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("number").equals(acrossNewYear.getString("number"))).findFirst().orElseThrow();
    assertThat(entry.getString("title")).isEqualTo("跨年一个月节点");
    assertThat(entry.getJsonArray("deadlines").stream().map(d -> ((JsonObject) d).getString("deadline")))
        .contains("2027-01-15T02:00:00Z");
    assertThat(entry.getInteger("messages")).isPositive();
    // a known year waits on nothing; a liaison does not see the list
    assertThat(pending(2026)).isEmpty();
    assertThat(server.get("/calendar/2027/pending", flow.fgw).statusCode()).isEqualTo(403);
  }

  @Test
  @Order(5)
  void importingTheNoticeEmptiesTheListAndClearsEveryMark_R12() {
    JsonObject notice = new JsonObject().put("year", 2027).put("source", "测试用通知（非官方）")
        .put("holidays", new JsonArray().add(new JsonObject().put("name", "元旦").put("from", "2027-01-01").put("to", "2027-01-03")))
        .put("makeUpWorkdays", new JsonArray());
    ok(server.send(HttpMethod.PUT, "/calendar/2027", admin, notice), 200);

    JsonObject status = ok(server.get("/calendar/2027/pending", admin), 200);
    assertThat(status.getString("status")).isEqualTo("known");
    assertThat(status.getJsonArray("items")).isEmpty();
    assertThat(item(acrossNewYear).getJsonObject("calendar")).isEqualTo(known());
    assertThat(unit(item(acrossNewYear), flow.fgwUnit).getJsonObject("calendar")).isEqualTo(known());
    assertThat(listed(acrossNewYear).getJsonObject("calendar")).isEqualTo(known());
    assertThat(reminders(acrossNewYear).stream().map(o -> ((JsonObject) o).getJsonObject("calendar"))).containsOnly(known());
  }
}
