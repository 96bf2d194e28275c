package org.duban.item;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;
import static org.duban.support.Items4Test.types;

/**
 * R03, R60: on a shared item each unit's liaison sees the item's own state and deadline and their own
 * unit's report state, never another unit's: the demo's lead fgw and cooperating zjj, through every view.
 */
class SharedItemViewTest {
  static TestServer server;
  static Items4Test flow;
  static String admin;
  static long id;
  static JsonObject extensionAnswer;

  /**
   * zjj reports; fgw reports, is returned once and asks for an extension; then the clock passes the
   * deadline, so fgw (returned) is overdue and zjj (reported) is not.
   */
  @BeforeAll
  static void start() {
    server = TestServer.start(SharedItemViewTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-04-01T01:00:00Z"));
    flow = new Items4Test(server);
    admin = server.tokenOf("admin");
    id = flow.active("配合单位与牵头单位各看本单位", "7d").getLong("id");
    ok(flow.report(id, flow.zjj, "zjj-own-report-1", "配合单位的反馈"), 201);
    ok(flow.report(id, flow.fgw, "fgw-own-report-1", "牵头单位的反馈"), 201);
    ok(flow.post("/items/" + id + "/return", flow.sponsor, new JsonObject().put("unitId", flow.fgwUnit).put("reason", "牵头单位材料不全")), 200);
    extensionAnswer = ok(flow.post("/items/" + id + "/extension", flow.fgw, new JsonObject()
        .put("newDeadline", "2026-04-30T18:00:00+08:00").put("plan", "牵头单位的延期计划")), 200);
    Instant deadline = Instant.parse(Items4Test.unit(ok(server.get("/items/" + id, flow.sponsor), 200), flow.fgwUnit).getString("deadline"));
    ok(server.send(HttpMethod.PUT, "/clock", admin, new JsonObject().put("now", deadline.plusSeconds(3600).toString())), 200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theSponsorSeesEveryUnitsState() {
    JsonObject item = ok(server.get("/items/" + id, flow.sponsor), 200);
    JsonObject lead = Items4Test.unit(item, flow.fgwUnit);
    assertThat(lead.getString("status")).isEqualTo("returned");
    assertThat(lead.getInteger("returns")).isEqualTo(1);
    assertThat(lead.getBoolean("overdue")).isTrue();
    assertThat(Items4Test.unit(item, flow.zjjUnit).getString("status")).isEqualTo("reported");
    assertThat(item.getBoolean("overdue")).isTrue();
    assertThat(summary(flow.sponsor, "").getLong("returns")).isEqualTo(1);
    assertThat(types(flow.events(id, flow.sponsor))).contains("returned", "extension_requested").containsSubsequence("reported", "reported");
  }

  @Test
  void theItemShowsTheOtherUnitOnlyAsAPartyWithItsDeadline_R03() {
    JsonObject forZjj = ok(server.get("/items/" + id, flow.zjj), 200);
    assertOtherUnitHidden(forZjj, flow.fgwUnit);
    assertThat(Items4Test.unit(forZjj, flow.zjjUnit).getString("status")).isEqualTo("reported");
    assertThat(Items4Test.unit(forZjj, flow.zjjUnit).getString("lastReportedAt")).isNotNull();
    // the item's own state is everyone's; its overdue flag is the reader's own unit's
    assertThat(forZjj.getString("status")).isEqualTo("active");
    assertThat(forZjj.getBoolean("overdue")).isFalse();

    JsonObject forFgw = ok(server.get("/items/" + id, flow.fgw), 200);
    assertOtherUnitHidden(forFgw, flow.zjjUnit);
    assertThat(Items4Test.unit(forFgw, flow.fgwUnit).getString("status")).isEqualTo("returned");
    assertThat(Items4Test.unit(forFgw, flow.fgwUnit).getInteger("returns")).isEqualTo(1);
    assertThat(forFgw.getBoolean("overdue")).isTrue();
  }

  @Test
  void aCommandsAnswerIsTheSameViewOfTheItem() {
    assertOtherUnitHidden(extensionAnswer, flow.zjjUnit);
    assertThat(Items4Test.unit(extensionAnswer, flow.fgwUnit).getJsonObject("extension").getString("state")).isEqualTo("requested");
  }

  @Test
  void theListsCountOnlyTheReadersOwnUnit() {
    JsonObject forZjj = summary(flow.zjj, "");
    assertThat(forZjj.getLong("returns")).isZero();
    assertThat(forZjj.getValue("nextDeadline")).as("zjj owes nothing").isNull();
    assertThat(forZjj.getBoolean("overdue")).isFalse();
    assertThat(ids(flow.zjj, "&overdue=true")).doesNotContain(id);
    assertThat(ids(flow.zjj, "&overdue=false")).contains(id);

    JsonObject forFgw = summary(flow.fgw, "");
    assertThat(forFgw.getLong("returns")).isEqualTo(1);
    assertThat(forFgw.getBoolean("overdue")).isTrue();
    assertThat(ids(flow.fgw, "&overdue=true")).contains(id);
  }

  @Test
  void theTimelineHidesTheOtherUnitsReportsReturnsAndRequests() {
    JsonArray forZjj = flow.events(id, flow.zjj);
    assertThat(forZjj.encode()).doesNotContain("牵头单位材料不全").doesNotContain("牵头单位的延期计划");
    assertThat(unitEvents(forZjj, flow.fgwUnit)).doesNotContain("reported", "returned", "extension_requested");
    assertThat(unitEvents(forZjj, flow.zjjUnit)).contains("reported");
    // the parties and their deadlines are the item's: each sees the other's assignment
    assertThat(unitEvents(forZjj, flow.fgwUnit)).contains("assigned");
    assertThat(types(forZjj)).contains("approved");

    JsonArray forFgw = flow.events(id, flow.fgw);
    assertThat(unitEvents(forFgw, flow.zjjUnit)).doesNotContain("reported").contains("assigned");
    assertThat(unitEvents(forFgw, flow.fgwUnit)).contains("reported", "returned", "extension_requested");
  }

  @Test
  void eachLiaisonReadsOnlyTheirOwnUnitsReports() {
    JsonArray forZjj = ok(server.get("/items/" + id + "/reports", flow.zjj), 200).getJsonArray("items");
    assertThat(forZjj).hasSize(1);
    assertThat(forZjj.getJsonObject(0).getLong("unitId")).isEqualTo(flow.zjjUnit);
    JsonArray forFgw = ok(server.get("/items/" + id + "/reports", flow.fgw), 200).getJsonArray("items");
    assertThat(forFgw).hasSize(1);
    assertThat(forFgw.getJsonObject(0).getLong("unitId")).isEqualTo(flow.fgwUnit);
  }

  @Test
  void eachLiaisonSeesOnlyTheirOwnUnitsReminders() {
    for (String[] reader : List.of(new String[] {flow.zjj, String.valueOf(flow.zjjUnit)}, new String[] {flow.fgw, String.valueOf(flow.fgwUnit)})) {
      JsonArray messages = ok(server.get("/items/" + id + "/reminders", reader[0]), 200).getJsonArray("items");
      assertThat(messages).allSatisfy(m -> assertThat(((JsonObject) m).getLong("unitId")).isEqualTo(Long.parseLong(reader[1])));
      JsonArray changes = ok(server.get("/items/" + id + "/reminders/changes", reader[0]), 200).getJsonArray("items");
      // each reader has messages and changes of their own, so the checks above and below look at something
      assertThat(changes).as("%s's reminder changes", reader[0]).isNotEmpty();
      changes.forEach(c -> {
        JsonObject change = (JsonObject) c;
        // a change with none of the reader's messages is not shown at all: its moment would tell another unit acted
        assertThat(change.getJsonArray("added").size() + change.getJsonArray("removed").size()).as("messages in a change").isPositive();
        for (String side : List.of("added", "removed")) {
          assertThat(change.getJsonArray(side)).allSatisfy(m -> assertThat(((JsonObject) m).getLong("unitId")).isEqualTo(Long.parseLong(reader[1])));
        }
      });
    }
    assertThat(ok(server.get("/items/" + id + "/reminders", flow.fgw), 200).getJsonArray("items")).as("fgw's reminders").isNotEmpty();
    // fgw's report, its return and its extension request re-planned only fgw's and the sponsor's messages
    int sponsorChanges = ok(server.get("/items/" + id + "/reminders/changes", flow.sponsor), 200).getJsonArray("items").size();
    int zjjChanges = ok(server.get("/items/" + id + "/reminders/changes", flow.zjj), 200).getJsonArray("items").size();
    assertThat(zjjChanges).isLessThan(sponsorChanges);
    // zjj reported, so only fgw's urging and the sponsor's own messages wait (R14, R16)
    JsonArray all = ok(server.get("/items/" + id + "/reminders", flow.sponsor), 200).getJsonArray("items");
    assertThat(all.stream().map(m -> ((JsonObject) m).getLong("unitId")).distinct().toList()).contains(flow.fgwUnit).containsNull();
  }

  private static void assertOtherUnitHidden(JsonObject item, long otherUnit) {
    JsonObject other = Items4Test.unit(item, otherUnit);
    assertThat(other.getString("role")).isNotNull();
    assertThat(other.getString("name")).isNotNull();
    assertThat(other.getString("deadline")).isNotNull();
    assertThat(other.fieldNames()).doesNotContain("status", "returns", "lastReportedAt", "overdue", "extension");
  }

  private static JsonObject summary(String token, String query) {
    return ok(server.get("/items?limit=200" + query, token), 200).getJsonArray("items").stream().map(i -> (JsonObject) i)
        .filter(i -> i.getLong("id") == id).findFirst().orElseThrow();
  }

  private static List<Long> ids(String token, String query) {
    return ok(server.get("/items?limit=200" + query, token), 200).getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getLong("id")).toList();
  }

  private static List<String> unitEvents(JsonArray events, long unitId) {
    return events.stream().map(e -> (JsonObject) e).filter(e -> Long.valueOf(unitId).equals(e.getLong("unitId")))
        .map(e -> e.getString("type")).toList();
  }
}
