package org.duban.remind;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.fault.FieldError;
import org.duban.support.Await;
import org.duban.support.Items4Test;
import org.duban.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.support.Items4Test.ok;

/** Policy versions through the API: stored, never changed, put in force, and every active item re-planned under the new one. */
class PolicyVersionsApiTest {
  static TestServer server;
  static Items4Test flow;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start(PolicyVersionsApiTest.class, Map.of("clock.simulated", "true", "clock.start", "2026-03-02T01:00:00Z"));
    flow = new Items4Test(server);
    admin = server.tokenOf("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aNewVersionPutInForceReplansEveryActiveItemWhileAWrongOneChangesNothing_R21() {
    assertThat(versions()).containsExactly("1", "2*");
    long id = flow.active("新版本重排", "3d").getLong("id"); // due Thursday 09:00; 5 hours before is 04:00, held to 07:00
    assertThat(beforeDeadline(id)).allSatisfy(m -> {
      assertThat(m.getString("localSendAt")).startsWith("2026-03-05T07:00");
      assertThat(m.getInteger("policyVersion")).isEqualTo(2);
    });

    // version 3: quiet until 08:00
    JsonObject v3 = ok(server.get("/reminder-policy", admin), 200).put("version", 3)
        .put("quietHours", new JsonObject().put("from", "22:00").put("until", "08:00"));
    var created = server.send(HttpMethod.POST, "/reminder-policies", admin, v3);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/reminder-policies/3");
    assertThat(versions()).containsExactly("1", "2*", "3");
    // stored is not in force: nothing re-planned yet
    assertThat(beforeDeadline(id)).allSatisfy(m -> assertThat(m.getInteger("policyVersion")).isEqualTo(2));

    // a stored version never changes, a bad document names its field, and only the administrator may do either
    assertThat(server.send(HttpMethod.POST, "/reminder-policies", admin, v3.copy()
        .put("quietHours", new JsonObject().put("from", "23:00").put("until", "06:00"))).statusCode()).isEqualTo(409);
    var invalid = server.send(HttpMethod.POST, "/reminder-policies", admin, v3.copy().put("version", 4)
        .put("quietHours", new JsonObject().put("from", "22:00").put("until", "25:00")));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).contains("quietHours");
    assertThat(server.send(HttpMethod.POST, "/reminder-policies", flow.sponsor, v3.copy().put("version", 5)).statusCode()).isEqualTo(403);
    assertThat(server.send(HttpMethod.PUT, "/reminder-policy", flow.sponsor, new JsonObject().put("version", 3)).statusCode())
        .isEqualTo(403);
    assertThat(server.send(HttpMethod.PUT, "/reminder-policy", admin, new JsonObject().put("version", 99)).statusCode()).isEqualTo(404);
    assertThat(server.send(HttpMethod.PUT, "/reminder-policy", admin, new JsonObject().put("version", 3_000_000_000L)).statusCode())
        .isEqualTo(400);
    assertThat(server.send(HttpMethod.POST, "/reminder-policies", admin, v3.copy().put("version", 200_000)).statusCode()).isEqualTo(400);
    assertThat(versions()).containsExactly("1", "2*", "3");

    JsonObject inForce = ok(server.send(HttpMethod.PUT, "/reminder-policy", admin, new JsonObject().put("version", 3)), 202);
    assertThat(inForce.getInteger("version")).isEqualTo(3);
    assertThat(versions()).containsExactly("1", "2", "3*");
    Await.until("the item re-planned under version 3", () -> beforeDeadline(id).stream().allMatch(m -> m.getInteger("policyVersion") == 3),
        Duration.ofSeconds(20));
    assertThat(ok(server.get("/reminder-policy", flow.fgw), 200).getInteger("version")).isEqualTo(3);
    assertThat(ok(server.get("/reminder-policies/3", flow.sponsor), 200).getJsonObject("quietHours").getString("until"))
        .isEqualTo("08:00");
    assertThat(beforeDeadline(id)).hasSize(2).allSatisfy(m -> {
      assertThat(m.getString("localSendAt")).startsWith("2026-03-05T08:00");
      assertThat(m.getInteger("policyVersion")).isEqualTo(3);
    });
    // the change is in the item's record of re-plans
    JsonObject change = ok(server.get("/items/" + id + "/reminders/changes", flow.sponsor), 200).getJsonArray("items").getJsonObject(0);
    assertThat(change.getJsonArray("added")).isNotEmpty();
  }

  // The shape of a policy is the contract's (#/components/schemas/ReminderPolicy): each bad field is named by
  // the validator, before the handler, and nothing is stored. What lies between fields is ReminderPolicyTest's.

  @Test
  void emptyDocumentListsEveryMissingSection_R13() {
    assertThat(refused(JsonObject::clear)).containsExactlyInAnyOrder(required("/version", "/deadline", "/urge", "/merge",
        "/escalation", "/weekly", "/monthly", "/quarterly"));
  }

  @Test
  void everyBadFieldIsReportedWithItsPath_R13() {
    assertThat(refused(doc -> {
      doc.put("version", 0).put("colour", "red");
      doc.getJsonObject("deadline").put("after", new JsonArray(List.of("PT5H", "five hours", "P-1D")));
      doc.getJsonObject("urge").getJsonArray("bands").getJsonObject(1).put("every", "PT0S").put("extra", true);
      doc.getJsonObject("merge").put("window", "P1M");
      doc.getJsonObject("weekly").put("boards", new JsonArray(List.of("continuous", "board-3")));
      doc.getJsonObject("monthly").put("urgeTimes", new JsonArray(List.of("8:00", "25:00")));
      doc.getJsonObject("quarterly").put("fourthQuarterAdvance", "PT12H");
      doc.getJsonObject("quietHours").put("until", 7);
    })).containsExactlyInAnyOrder(
        new FieldError("/colour", "is not a known field"),
        new FieldError("/version", "must be at least 1"),
        new FieldError("/deadline/after/1", form("span")),
        new FieldError("/deadline/after/2", form("span")),
        new FieldError("/urge/bands/1/extra", "is not a known field"),
        new FieldError("/urge/bands/1/every", form("positiveFixedSpan")),
        new FieldError("/merge/window", form("fixedSpan")),
        new FieldError("/weekly/boards/1", oneOf("daily", "key", "continuous")),
        new FieldError("/monthly/urgeTimes/0", form("localTime")),
        new FieldError("/monthly/urgeTimes/1", form("localTime")),
        new FieldError("/quarterly/fourthQuarterAdvance", form("wholeDays")),
        new FieldError("/quietHours/until", type("number", "string")));
  }

  @Test
  void wrongTypesAreNamed_R13() {
    assertThat(refused(doc -> doc.put("version", "1").put("escalation", new JsonArray())
        .put("quarterly", doc.getJsonObject("quarterly").copy().put("time", 9))))
        .containsExactlyInAnyOrder(
            new FieldError("/version", type("string", "integer")),
            new FieldError("/escalation", type("array", "object")),
            new FieldError("/quarterly/time", type("number", "string")));
    assertThat(refused(doc -> doc.put("version", 200_000))).containsExactly(new FieldError("/version", "must be at most 100000"));
  }

  @Test
  void monthlyDaysMustExistInEveryMonth_R18() {
    assertThat(refused(doc -> doc.getJsonObject("monthly").put("urgeDays", 29).put("kinds", "key_task")
        .put("handOff", new JsonObject().put("day", 31).put("time", "08:00"))))
        .containsExactlyInAnyOrder(
            new FieldError("/monthly/kinds", type("string", "array")),
            new FieldError("/monthly/urgeDays", "must be at most 28"),
            new FieldError("/monthly/handOff/day", "must be at most 28"));
  }

  @Test
  void badReportingProfilesAreNamedField_R20() {
    assertThat(refused(doc -> doc.getJsonObject("reporting").put("profiles", new JsonArray()
        .add(new JsonObject().put("sources", new JsonArray(List.of("meeting_decision", "rumour"))).put("within", "PT720H"))
        .add(new JsonObject().put("sources", new JsonArray()).put("within", "P0D"))
        .add(new JsonObject().put("sources", new JsonArray(List.of("work_report_task")))
            .put("quarterlyBy", new JsonArray(List.of("7-15", "02-30", "02-29"))).put("earlyReasonBefore", "P0D"))
        .add(new JsonObject().put("sources", new JsonArray(List.of("npc_cppcc_proposal"))).put("reply", "P3M"))
        .add(new JsonObject().put("sources", new JsonArray(List.of("complaint"))).put("quarterlyBy", new JsonArray())))))
        .containsExactlyInAnyOrder(
            new FieldError("/reporting/profiles/0/sources/1", oneOf("province_13710", "meeting_decision",
                "leader_instruction", "work_report_task", "reform_task", "npc_cppcc_proposal", "inspection_finding", "audit_finding",
                "media_message", "complaint")),
            new FieldError("/reporting/profiles/0/within", form("positiveWholeDays")),
            new FieldError("/reporting/profiles/1/sources", "must have at least 1 items"),
            new FieldError("/reporting/profiles/1/within", form("positiveWholeDays")),
            new FieldError("/reporting/profiles/2/quarterlyBy/0", form("monthDay")),
            new FieldError("/reporting/profiles/2/quarterlyBy/1", form("monthDay")),
            new FieldError("/reporting/profiles/2/quarterlyBy/2", form("monthDay")),
            new FieldError("/reporting/profiles/2/earlyReasonBefore", form("positiveWholeDays")),
            new FieldError("/reporting/profiles/3/reply", "is not a known field"),
            new FieldError("/reporting/profiles/4/quarterlyBy", "must have at least 1 items"));
  }

  @Test
  void reportingSectionNeedsItsFieldsWithTheirTypes_R20() {
    assertThat(refused(doc -> doc.put("reporting", new JsonObject().put("profiles", "all").put("remindBefore",
        new JsonArray(List.of("P3D", "PT9H"))).put("when", "09:00"))))
        .containsExactlyInAnyOrder(
            new FieldError("/reporting/when", "is not a known field"),
            new FieldError("/reporting/profiles", type("string", "array")),
            new FieldError("/reporting/remindBefore/1", form("wholeDays")),
            new FieldError("/reporting/time", "is required"));
    assertThat(refused(doc -> doc.put("reporting", "none"))).containsExactly(new FieldError("/reporting", type("string", "object")));
  }

  @Test
  void refusalsDoNotRepeatTheValuesSent_R13() {
    String sent = "x".repeat(300);
    List<FieldError> errors = refused(doc -> {
      doc.getJsonObject("merge").put("window", sent);
      doc.getJsonObject("weekly").put("boards", new JsonArray(List.of(sent)));
      doc.put("version", 1_000_000_000_000L);
    });
    assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("/merge/window", "/weekly/boards/0", "/version");
    assertThat(errors).allSatisfy(e -> assertThat(e.reason()).doesNotContain("xxx").doesNotContain("1000000000000"));
  }

  /** The field errors of the shipped document after {@code change}, sent as a new version: refused, and nothing stored. */
  private static List<FieldError> refused(Consumer<JsonObject> change) {
    JsonObject doc = ReminderPolicy.shipped().toJson().put("version", 50);
    change.accept(doc);
    var answer = server.send(HttpMethod.POST, "/reminder-policies", admin, doc);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
    assertThat(answer.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(versions()).doesNotContain("50", "50*");
    return answer.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> (JsonObject) e)
        .map(e -> new FieldError(e.getString("field"), e.getString("reason"))).toList();
  }

  private static FieldError[] required(String... fields) {
    return java.util.Arrays.stream(fields).map(f -> new FieldError(f, "is required")).toArray(FieldError[]::new);
  }

  /** The validator's own words for a wrong type: they name the type sent, not the value. */
  private static String type(String sent, String expected) {
    return "Instance type " + sent + " is invalid. Expected " + expected;
  }

  /** The validator's own words for a value not in an enum: they list the schema's values, not the one sent. */
  private static String oneOf(String... values) {
    return "Instance does not match any of " + new JsonArray(List.of(values)).encode();
  }

  /** A string not in the form of the contract's {@code $defs/name}: the reason says the form in words, not as a pattern. */
  private static String form(String name) {
    return "must be " + switch (name) {
      case "span" -> "an ISO-8601 amount such as PT5H, P1D, P1M or P1DT2H, never negative, each part at most four digits;"
          + " years, months and days count by the calendar in Asia/Shanghai (R11), hours by the clock";
      case "positiveFixedSpan" -> "a fixed span longer than zero";
      case "fixedSpan" -> "a span of weeks, days, hours, minutes and seconds only, without months or years, so that it has one length";
      case "localTime" -> "a local time of day in Asia/Shanghai, HH:mm";
      case "wholeDays" -> "a span of whole years, months, weeks or days, without a time of day part";
      case "positiveWholeDays" -> "whole days, weeks, months or years, longer than zero";
      case "monthDay" -> "a day of the year, MM-dd, that exists in every year (so not 02-29)";
      default -> throw new IllegalArgumentException(name);
    };
  }

  static List<String> versions() {
    return ok(server.get("/reminder-policies", admin), 200).getJsonArray("items").stream().map(v -> (JsonObject) v)
        .map(v -> v.getInteger("version") + (v.getBoolean("inForce") ? "*" : "")).toList();
  }

  static List<JsonObject> beforeDeadline(long id) {
    return ok(server.get("/items/" + id + "/reminders", flow.sponsor), 200).getJsonArray("items").stream().map(m -> (JsonObject) m)
        .filter(m -> m.getJsonArray("kinds").contains("before_deadline")).toList();
  }
}
