package org.duban.remind;

import org.duban.fault.DocumentFormatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.duban.item.Board;
import org.duban.item.Kind;
import org.duban.fault.FieldError;
import org.duban.remind.ReminderPolicy.DayTime;
import org.duban.remind.ReminderPolicy.Profile;
import org.duban.remind.ReminderPolicy.QuietHours;
import org.duban.remind.ReminderPolicy.Reporting;
import org.junit.jupiter.api.Test;

/** The policy as data: the shipped values, the JSON round trip, and documents that are refused. */
class ReminderPolicyTest {
  private static final ReminderPolicy SHIPPED = ReminderPolicy.shipped();

  private static List<String> texts(List<Span> spans) {
    return spans.stream().map(Span::toString).toList();
  }

  private static JsonObject shippedDocument(String name) throws IOException {
    try (InputStream in = ReminderPolicy.class.getClassLoader().getResourceAsStream("reminders/" + name)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The field errors of the shipped document after {@code change}. */
  private static List<FieldError> errorsAfter(Consumer<JsonObject> change) {
    JsonObject doc = SHIPPED.toJson();
    change.accept(doc);
    try {
      ReminderPolicy.fromJson(doc);
    } catch (DocumentFormatException e) {
      return e.errors();
    }
    throw new AssertionError("the document was accepted: " + doc.encode());
  }

  @Test
  void shippedPolicyRemindsFiveHoursBeforeAndFiveHoursOneAndTwoDaysAfter_R13() {
    assertThat(texts(SHIPPED.deadline().before())).containsExactly("PT5H");
    assertThat(texts(SHIPPED.deadline().after())).containsExactly("PT5H", "P1D", "P2D");
  }

  @Test
  void shippedPolicyUrgesEveryThreeThenTwoHoursAndMergesWithinThirtyMinutes_R15() {
    assertThat(SHIPPED.urgeBands()).extracting(b -> b.until() + " every " + b.every())
        .containsExactly("P1D every PT3H", "P2D every PT2H");
    assertThat(SHIPPED.mergeWindow()).hasToString("PT30M");
  }

  @Test
  void shippedPolicyEscalatesToTheSponsorAtTwoDaysAndToKeySupervisionAtThree_R16() {
    assertThat(SHIPPED.escalation().sponsor()).hasToString("P2D");
    assertThat(SHIPPED.escalation().keySupervision()).hasToString("P3D");
  }

  @Test
  void shippedPolicyRemindsWeeklyOnContinuousAndLongBoardOneItems_R17() {
    assertThat(SHIPPED.weekly().every()).hasToString("P7D");
    assertThat(SHIPPED.weekly().boards()).containsExactly(Board.CONTINUOUS);
    assertThat(SHIPPED.weekly().longBoards()).containsExactly(Board.DAILY);
    assertThat(SHIPPED.weekly().longAtLeast()).hasToString("P1M");
  }

  @Test
  void shippedPolicyUrgesMonthlyAtEightAndFifteenThenSponsorThenHandOff_R18() {
    ReminderPolicy.Monthly m = SHIPPED.monthly();
    assertThat(m.kinds()).containsExactly(Kind.KEY_TASK, Kind.MAJOR_REFORM);
    assertThat(m.boards()).containsExactly(Board.KEY, Board.CONTINUOUS);
    assertThat(m.urgeDays()).isEqualTo(2);
    assertThat(m.urgeTimes()).containsExactly(LocalTime.of(8, 0), LocalTime.of(15, 0));
    assertThat(m.sponsorUrge()).isEqualTo(new DayTime(2, LocalTime.of(16, 0)));
    assertThat(m.handOff()).isEqualTo(new DayTime(3, LocalTime.of(8, 0)));
  }

  @Test
  void shippedPolicyAsksForQuarterlySummariesAtNineAndTheFourthAWeekEarly_R19() {
    ReminderPolicy.Quarterly q = SHIPPED.quarterly();
    assertThat(q.kinds()).containsExactly(Kind.KEY_TASK, Kind.MAJOR_REFORM);
    assertThat(q.boards()).containsExactly(Board.KEY, Board.CONTINUOUS);
    assertThat(q.time()).isEqualTo(LocalTime.of(9, 0));
    assertThat(q.fourthQuarterAdvance()).hasToString("P7D");
  }

  @Test
  void shippedPolicyHoldsMessagesFromTwentyTwoToSeven_R21() {
    assertThat(SHIPPED.quietHours()).contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));
  }

  @Test
  void policyRoundTripsThroughJson_R13() throws IOException {
    assertThat(SHIPPED.toJson()).isEqualTo(shippedDocument("policy-v2.json"));
    assertThat(ReminderPolicy.fromJson(SHIPPED.toJson())).isEqualTo(SHIPPED).hasSameHashCodeAs(SHIPPED);
  }

  @Test
  void bothShippedVersionsLoadInVersionOrderAndTheSecondIsTheFirstWithReporting_R20() throws IOException {
    List<ReminderPolicy> all = ReminderPolicy.shippedVersions();

    assertThat(all).extracting(ReminderPolicy::version).containsExactly(1, 2);
    assertThat(all.get(1)).isEqualTo(SHIPPED);
    ReminderPolicy v1 = all.get(0);
    assertThat(v1.reporting()).isEmpty();
    assertThat(v1.toJson()).isEqualTo(shippedDocument("policy-v1.json"));
    JsonObject v2WithoutReporting = SHIPPED.toJson().put("version", 1);
    v2WithoutReporting.remove("reporting");
    assertThat(v2WithoutReporting).isEqualTo(v1.toJson());
  }

  @Test
  void shippedPolicyReportsBySourceAndRemindsThreeDaysBeforeAndOnTheDayAtNine_R20() {
    Reporting r = SHIPPED.reporting().orElseThrow();
    assertThat(r.remindBefore()).extracting(Span::toString).containsExactly("P3D", "P0D");
    assertThat(r.time()).isEqualTo(LocalTime.of(9, 0));
    assertThat(r.profileFor("meeting_decision")).get().satisfies(p -> {
      assertThat(p.within()).hasValueSatisfying(s -> assertThat(s).hasToString("P30D"));
      assertThat(p.earlyReasonBefore()).isEmpty();
    });
    assertThat(r.profileFor("leader_instruction")).get().satisfies(p -> {
      assertThat(p.within()).hasValueSatisfying(s -> assertThat(s).hasToString("P30D"));
      assertThat(p.earlyReasonBefore()).hasValueSatisfying(s -> assertThat(s).hasToString("P5D"));
    });
    // 002 三(一) names 15 July, 15 October and 15 January only
    assertThat(r.profileFor("work_report_task")).get().extracting(Profile::quarterlyBy).asList()
        .containsExactly(MonthDay.of(7, 15), MonthDay.of(10, 15), MonthDay.of(1, 15));
    assertThat(r.profileFor("npc_cppcc_proposal")).get().satisfies(p -> {
      assertThat(p.replyWithin()).hasValueSatisfying(s -> assertThat(s).hasToString("P3M"));
      assertThat(p.within()).isEmpty();
    });
    assertThat(r.profileFor("complaint")).isEmpty();
  }

  @Test
  void reportingSectionRoundTripsWithEveryKindOfProfile_R20() {
    JsonObject doc = SHIPPED.toJson();
    doc.getJsonObject("reporting").put("time", "08:30").put("remindBefore", new JsonArray(List.of("P1W", "P0D")))
        .getJsonArray("profiles").add(new JsonObject().put("sources", new JsonArray(List.of("reform_task", "complaint")))
            .put("quarterlyBy", new JsonArray(List.of("04-15"))).put("earlyReasonBefore", "P1M"));

    ReminderPolicy policy = ReminderPolicy.fromJson(doc);

    assertThat(policy.toJson()).isEqualTo(doc);
    assertThat(ReminderPolicy.fromJson(policy.toJson())).isEqualTo(policy).hasSameHashCodeAs(policy).isNotEqualTo(SHIPPED);
    assertThat(policy.reporting().orElseThrow().profileFor("complaint")).contains(new Profile(
        List.of("reform_task", "complaint"), Optional.empty(), List.of(MonthDay.of(4, 15)), Optional.empty(),
        Optional.of(Span.parse("P1M"))));
  }

  @Test
  void documentWithoutReportingIsReadAsPlanningNoReportingDeadline_R20() {
    JsonObject doc = SHIPPED.toJson();
    doc.remove("reporting");

    ReminderPolicy policy = ReminderPolicy.fromJson(doc);

    assertThat(policy.reporting()).isEmpty();
    assertThat(policy.toJson()).isEqualTo(doc);
    assertThat(policy.toJson().containsKey("reporting")).isFalse();
  }

  // the shape of each profile is the contract's (PolicyVersionsApiTest); which due date it gives lies between its fields
  @Test
  void aReportingProfileGivesExactlyOneDueDate_R20() {
    List<FieldError> errors = errorsAfter(doc -> doc.getJsonObject("reporting").put("profiles", new JsonArray()
        .add(new JsonObject().put("sources", new JsonArray(List.of("meeting_decision"))).put("within", "P30D"))
        .add(new JsonObject().put("sources", new JsonArray(List.of("leader_instruction"))).put("within", "P30D").put("replyWithin", "P3M"))
        .add(new JsonObject().put("sources", new JsonArray(List.of("work_report_task")))
            .put("within", "P1M").put("quarterlyBy", new JsonArray(List.of("07-15"))).put("replyWithin", "P3M"))
        .add(new JsonObject().put("sources", new JsonArray(List.of("npc_cppcc_proposal"))).put("earlyReasonBefore", "P5D"))));

    assertThat(errors).containsExactly(
        new FieldError("/reporting/profiles/1", "must give only one of within, quarterlyBy or replyWithin, not within and replyWithin"),
        new FieldError("/reporting/profiles/2",
            "must give only one of within, quarterlyBy or replyWithin, not within and quarterlyBy and replyWithin"),
        new FieldError("/reporting/profiles/3", "must give one of within, quarterlyBy or replyWithin"));
  }

  @Test
  void aDocumentNotOfTheContractsShapeIsNotHalfRead_R13() {
    // the router refuses such a body before it gets here; a caller that skipped the schema is told so
    assertThatThrownBy(() -> ReminderPolicy.fromJson(SHIPPED.toJson().put("version", "1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contract's ReminderPolicy shape");
    assertThatThrownBy(() -> ReminderPolicy.fromJson(new JsonObject()))
        .isInstanceOf(IllegalArgumentException.class);
    JsonObject badTime = SHIPPED.toJson();
    badTime.getJsonObject("quietHours").put("until", "25:00");
    assertThatThrownBy(() -> ReminderPolicy.fromJson(badTime)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSourceMayHaveOnlyOneReportingProfile_R20() {
    assertThat(errorsAfter(doc -> doc.getJsonObject("reporting").getJsonArray("profiles").getJsonObject(3)
        .put("sources", new JsonArray(List.of("npc_cppcc_proposal", "meeting_decision")))))
        .containsExactly(new FieldError("/reporting/profiles/3/sources/1",
            "\"meeting_decision\" is already listed at /reporting/profiles/0/sources/0"));
  }

  @Test
  void policyWithoutQuietHoursRoundTripsWithoutThem_R21() {
    JsonObject doc = SHIPPED.toJson();
    doc.remove("quietHours");

    ReminderPolicy quiet = ReminderPolicy.fromJson(doc);

    assertThat(quiet.quietHours()).isEmpty();
    assertThat(quiet.toJson()).isEqualTo(doc);
    assertThat(quiet).isNotEqualTo(SHIPPED);
  }

  @Test
  void quietHoursMayAlsoLieWithinOneDay_R21() {
    QuietHours noon = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));

    assertThat(noon.contains(LocalTime.of(11, 59))).isFalse();
    assertThat(noon.contains(LocalTime.of(12, 0))).isTrue();
    assertThat(noon.contains(LocalTime.of(14, 0))).isFalse();
  }

  @Test
  void urgeBandsMustEndLaterEachTime_R15() {
    assertThat(errorsAfter(doc -> doc.getJsonObject("urge").getJsonArray("bands").getJsonObject(1).put("until", "PT24H")))
        .containsExactly(new FieldError("/urge/bands/1/until", "must be longer than /urge/bands/0/until"));
  }

  @Test
  void monthlyChainMustRunUrgesThenSponsorThenHandOff_R18() {
    assertThat(errorsAfter(doc -> doc.getJsonObject("monthly")
        .put("urgeTimes", new JsonArray(List.of("08:00", "08:00")))
        .put("sponsorUrge", new JsonObject().put("day", 2).put("time", "08:00"))
        .put("handOff", new JsonObject().put("day", 1).put("time", "08:00"))))
        .containsExactly(
            new FieldError("/monthly/urgeTimes/1", "must be later than /monthly/urgeTimes/0"),
            new FieldError("/monthly/sponsorUrge", "must come after the last urge, on day 2 at 08:00"),
            new FieldError("/monthly/handOff", "must come after /monthly/sponsorUrge"));
  }

  @Test
  void quietHoursMustNotStartAndEndTogether_R21() {
    assertThat(errorsAfter(doc -> doc.getJsonObject("quietHours").put("until", "22:00")))
        .containsExactly(new FieldError("/quietHours/until", "must differ from /quietHours/from"));
  }
}
