package org.duban.item;

import io.vertx.core.json.JsonObject;
import org.duban.auth.LeaderRank;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.item.Decision.Refused.Kind.CONFLICT;
import static org.duban.item.Decision.Refused.Kind.FORBIDDEN;
import static org.duban.item.Decision.Refused.Kind.INVALID;
import static org.duban.item.ItemFixtures.APPROVED_AT;
import static org.duban.item.ItemFixtures.CLOSED_AT;
import static org.duban.item.ItemFixtures.COOP;
import static org.duban.item.ItemFixtures.COOP2;
import static org.duban.item.ItemFixtures.LEAD;
import static org.duban.item.ItemFixtures.LIFECYCLE;
import static org.duban.item.ItemFixtures.REGISTERED_AT;
import static org.duban.item.ItemFixtures.SEVEN_DAY_DEADLINE;
import static org.duban.item.ItemFixtures.SPONSOR_UNIT;
import static org.duban.item.ItemFixtures.STRANGER_UNIT;
import static org.duban.item.ItemFixtures.accepted;
import static org.duban.item.ItemFixtures.active;
import static org.duban.item.ItemFixtures.admin;
import static org.duban.item.ItemFixtures.beforeDeadline;
import static org.duban.item.ItemFixtures.closed;
import static org.duban.item.ItemFixtures.completionRequested;
import static org.duban.item.ItemFixtures.draft;
import static org.duban.item.ItemFixtures.gradeApproved;
import static org.duban.item.ItemFixtures.graded;
import static org.duban.item.ItemFixtures.leader;
import static org.duban.item.ItemFixtures.leaderWithoutRank;
import static org.duban.item.ItemFixtures.liaison;
import static org.duban.item.ItemFixtures.ok;
import static org.duban.item.ItemFixtures.onlyEvent;
import static org.duban.item.ItemFixtures.otherSponsor;
import static org.duban.item.ItemFixtures.reg;
import static org.duban.item.ItemFixtures.refused;
import static org.duban.item.ItemFixtures.reported;
import static org.duban.item.ItemFixtures.signOffChecked;
import static org.duban.item.ItemFixtures.signOffRequested;
import static org.duban.item.ItemFixtures.sponsor;
import static org.duban.item.ItemFixtures.sponsorClaimingMayorRank;
import static org.duban.item.ItemFixtures.sponsorWithoutUnit;
import static org.duban.item.ItemFixtures.supervision;

/**
 * The pure item lifecycle, transition by transition and refusal by refusal, each test named after
 * the rule (rules.md) it proves. No database, no clock: every instant is given.
 */
class LifecycleTest {

  private static Decision.Refused refusal(Decision decision, Decision.Refused.Kind kind, String rule) {
    Decision.Refused r = refused(decision);
    assertThat(r.kind()).as("refusal kind of %s", r).isEqualTo(kind);
    assertThat(r.rule()).as("refusal rule of %s", r).isEqualTo(rule);
    return r;
  }

  private static Decision register(ItemFixtures.Reg reg) {
    return LIFECYCLE.register(reg.build(), sponsor(), REGISTERED_AT);
  }

  private static Decision decide(Item item, Command command, Actor actor) {
    return LIFECYCLE.decide(item, command, actor, beforeDeadline());
  }

  private static Decision decide(Item item, Command command, Actor actor, Instant now) {
    return LIFECYCLE.decide(item, command, actor, now);
  }

  /** Everyone who is not a leader, for the leader-only steps. */
  static Stream<Actor> nonLeaders() {
    return Stream.of(sponsor(), otherSponsor(), liaison(LEAD), liaison(COOP), supervision(), admin(), leaderWithoutRank(),
        sponsorClaimingMayorRank());
  }

  /** Everyone who is not the item's sponsor office, for the sponsor-only steps. */
  static Stream<Actor> notTheSponsor() {
    return Stream.of(otherSponsor(), sponsorWithoutUnit(), liaison(LEAD), liaison(COOP), leader(LeaderRank.MAYOR),
        supervision(), admin());
  }

  // =====================================================================================
  @Nested
  class Registering {

    @Test
    void aSponsorRegistersADraftThatWaitsForApproval_R05() {
      Decision.Accepted a = accepted(register(reg()));
      Item item = a.item();
      assertThat(item.status()).isEqualTo(Status.DRAFT);
      assertThat(item.sponsorUnitId()).isEqualTo(SPONSOR_UNIT);
      assertThat(item.assignedAt()).isEmpty();
      assertThat(item.closedAt()).isEmpty();
      assertThat(item.numberCancelled()).isFalse();
      assertThat(item.node()).contains(Node.SEVEN_DAYS);
      assertThat(item.units()).containsOnlyKeys(LEAD, COOP);
      assertThat(item.units().values()).allSatisfy(u -> {
        assertThat(u.status()).isEqualTo(UnitStatus.ASSIGNED);
        assertThat(u.deadline()).as("no clock runs before approval").isEmpty();
        assertThat(u.returns()).isZero();
        assertThat(u.extension()).isEmpty();
      });
    }

    @Test
    void aDraftCarriesItsSource_R02() {
      assertThat(accepted(register(reg())).item().source()).isEqualTo("meeting_decision");
    }

    @Test
    void aDraftHasExactlyOneLeadUnitAndItsCooperatingUnits_R03() {
      Item item = accepted(register(reg().cooperating(COOP, COOP2))).item();
      assertThat(item.lead().unitId()).isEqualTo(LEAD);
      assertThat(item.units().values().stream().filter(ItemUnit::lead)).hasSize(1);
      assertThat(item.units().get(COOP).lead()).isFalse();
      assertThat(item.units().get(COOP2).lead()).isFalse();
    }

    @Test
    void anItemWithoutCooperatingUnitsHasOnlyItsLead_R03() {
      Item item = accepted(register(reg().cooperating())).item();
      assertThat(item.units()).containsOnlyKeys(LEAD);
    }

    @Test
    void registrationRecordsTheConfidentialityAcknowledgementInItsEvent_R06() {
      Event e = onlyEvent(register(reg()));
      assertThat(e.type()).isEqualTo("registered");
      assertThat(e.rule()).contains("R06");
      assertThat(e.data().getBoolean("confidentialityAcknowledged")).isTrue();
    }

    @Test
    void registrationWithoutTheConfidentialityAcknowledgementIsInvalid_R06() {
      Decision.Refused r = refusal(register(reg().unacknowledged()), INVALID, "R06");
      assertThat(r.field()).isEqualTo("/confidentialityAcknowledged");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"KEY_TASK", "MAJOR_REFORM"})
    void keyTasksAndMajorReformsGoOnBoardTwoByDefault_R01(Kind kind) {
      assertThat(accepted(register(reg().kind(kind))).item().board()).isEqualTo(Board.KEY);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"MEETING_DECISION", "LEADER_INSTRUCTION", "OTHER"})
    void meetingDecisionsAndInstructionsGoOnBoardOneByDefault_R01(Kind kind) {
      assertThat(accepted(register(reg().kind(kind))).item().board()).isEqualTo(Board.DAILY);
    }

    @Test
    void anExplicitBoardMustFitTheKind_R01() {
      assertThat(accepted(register(reg().kind(Kind.MEETING_DECISION).board(Board.CONTINUOUS))).item().board()).isEqualTo(Board.CONTINUOUS);
      assertThat(accepted(register(reg().kind(Kind.KEY_TASK).board(Board.CONTINUOUS))).item().board()).isEqualTo(Board.CONTINUOUS);
      assertThat(refusal(register(reg().kind(Kind.MEETING_DECISION).board(Board.KEY)), INVALID, "R01").field()).isEqualTo("/board");
      refusal(register(reg().kind(Kind.MAJOR_REFORM).board(Board.DAILY)), INVALID, "R01");
    }

    @Test
    void theLeadUnitCannotAlsoCooperate_R03() {
      Decision.Refused r = refusal(register(reg().cooperating(COOP, LEAD)), INVALID, "R03");
      assertThat(r.field()).isEqualTo("/cooperatingUnitIds");
    }

    @Test
    void aCooperatingUnitListedTwiceIsInvalid_R03() {
      Decision.Refused r = refusal(register(reg().cooperating(COOP, COOP2, COOP)), INVALID, "R03");
      assertThat(r.field()).isEqualTo("/cooperatingUnitIds");
      assertThat(r.reason()).contains("twice");
    }

    @Test
    void aTimeNodeAndAnExplicitDeadlineTogetherAreInvalid_R10() {
      Decision.Refused r = refusal(register(reg().node(Node.ONE_DAY).deadline(REGISTERED_AT.plus(Duration.ofDays(5)))),
          INVALID, "R10");
      assertThat(r.field()).isEqualTo("/deadline");
    }

    @Test
    void neitherATimeNodeNorADeadlineIsInvalid_R10() {
      Decision.Refused r = refusal(register(reg().noNode()), INVALID, "R10");
      assertThat(r.field()).isEqualTo("/node");
    }

    @ParameterizedTest
    @EnumSource(Node.class)
    void everyThirteenSevenTenNodeIsAccepted_R10(Node node) {
      assertThat(accepted(register(reg().node(node))).item().node()).contains(node);
    }

    @Test
    void anExplicitFutureDeadlineWithoutANodeIsAccepted_R10() {
      Instant deadline = REGISTERED_AT.plus(Duration.ofDays(20));
      Item item = accepted(register(reg().noNode().deadline(deadline))).item();
      assertThat(item.explicitDeadline()).contains(deadline);
      assertThat(item.node()).isEmpty();
    }

    @Test
    void aDeadlineInThePastIsInvalid_R10() {
      Decision.Refused r = refusal(register(reg().noNode().deadline(REGISTERED_AT.minusSeconds(3600))), INVALID, "R10");
      assertThat(r.field()).isEqualTo("/deadline");
    }

    @Test
    void aDeadlineOfExactlyNowIsNotInTheFuture_R10() {
      refusal(register(reg().noNode().deadline(REGISTERED_AT)), INVALID, "R10");
      accepted(register(reg().noNode().deadline(REGISTERED_AT.plusSeconds(1))));
    }

    @Test
    void aRectificationNeedsAProblemList_R36() {
      Decision.Refused r = refusal(register(reg().rectification("ordinary").problems()), INVALID, "R36");
      assertThat(r.field()).isEqualTo("/problems");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aRectificationNeedsAPlan_R36(String plan) {
      Decision.Refused r = refusal(register(reg().rectification("ordinary").plan(plan)), INVALID, "R36");
      assertThat(r.field()).isEqualTo("/plan");
    }

    @Test
    void aRectificationNeedsASeverityWhenItHasNoNodeOrDeadline_R36() {
      Decision.Refused r = refusal(register(reg().rectification("ordinary").severity(null)), INVALID, "R36");
      assertThat(r.field()).isEqualTo("/severity");
    }

    @Test
    void aRectificationAlwaysNamesItsSeverity_R36() {
      Decision.Refused r = refusal(register(reg().rectification("ordinary").severity(null).node(Node.THREE_DAYS)), INVALID, "R36");
      assertThat(r.field()).isEqualTo("/severity");
      refusal(register(reg().rectification("ordinary").severity(null).deadline(REGISTERED_AT.plus(Duration.ofDays(5)))), INVALID, "R36");
    }

    @Test
    void aRectificationOnANodeWithinItsSeverityIsAccepted_R36() {
      Item item = accepted(register(reg().rectification("ordinary").node(Node.THREE_DAYS))).item();
      assertThat(item.kind()).isEqualTo(Kind.RECTIFICATION);
      assertThat(item.severity()).contains("ordinary");
      Decision.Refused r = refusal(register(reg().rectification("ordinary").node(Node.ONE_MONTH)), INVALID, "R36");
      assertThat(r.field()).isEqualTo("/node");
    }

    @Test
    void aMajorRectificationMayRunExactlyThirtyDaysButNotASecondMore_R36() {
      accepted(register(reg().rectification("major").deadline(REGISTERED_AT.plus(Duration.ofDays(30)))));
      Decision.Refused r = refusal(register(reg().rectification("major").deadline(REGISTERED_AT.plus(Duration.ofDays(30)).plusSeconds(1))),
          INVALID, "R36");
      assertThat(r.field()).isEqualTo("/deadline");
      refusal(register(reg().rectification("ordinary").deadline(REGISTERED_AT.plus(Duration.ofDays(8)))), INVALID, "R36");
    }

    @Test
    void theSixtyDayCapIsOnlyForRectifications_R36() {
      accepted(register(reg().noNode().deadline(REGISTERED_AT.plus(Duration.ofDays(200)))));
    }

    @Test
    void anOrdinaryItemNeedsNoProblemListOrPlan_R36() {
      Item item = accepted(register(reg())).item();
      assertThat(item.isRectification()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#nonSponsors")
    void onlySponsorOfficeStaffRegister_R05(Actor actor) {
      refusal(LIFECYCLE.register(reg().build(), actor, REGISTERED_AT), FORBIDDEN, "R05");
    }

    @Test
    void aSponsorWithoutAnOfficeCannotRegister_R05() {
      refusal(LIFECYCLE.register(reg().build(), sponsorWithoutUnit(), REGISTERED_AT), FORBIDDEN, "R05");
    }

    @Test
    void theSponsorIsTheRegisteringOfficeWhoeverRegistersSupervises_R03() {
      Item item = accepted(LIFECYCLE.register(reg().build(), otherSponsor(), REGISTERED_AT)).item();
      assertThat(item.sponsorUnitId()).isEqualTo(ItemFixtures.OTHER_SPONSOR_UNIT);
    }

    @Test
    void whoMayRegisterIsCheckedBeforeWhatIsRegistered_R05() {
      refusal(LIFECYCLE.register(reg().unacknowledged().build(), liaison(LEAD), REGISTERED_AT), FORBIDDEN, "R05");
    }

    @Test
    void aRectificationSeverityOtherThanOrdinaryOrMajorIsInvalid_R36() {
      Decision.Refused r = refusal(register(reg().rectification("Major")), INVALID, "R36");
      assertThat(r.field()).isEqualTo("/severity");
    }
  }

  static Stream<Actor> nonSponsors() {
    return Stream.of(liaison(LEAD), leader(LeaderRank.MAYOR), leader(LeaderRank.OFFICE_LEADER), supervision(), admin());
  }

  // =====================================================================================
  @Nested
  class Approving {

    @ParameterizedTest
    @EnumSource(LeaderRank.class)
    void approvalByAnyLeaderAtOfficeLeaderRankOrAboveAssignsEveryUnitWithItsDeadline_R05(LeaderRank rank) {
      Decision.Accepted a = accepted(decide(draft(reg().cooperating(COOP, COOP2)), new Command.Approve(), leader(rank), APPROVED_AT));
      Item item = a.item();
      assertThat(item.status()).isEqualTo(Status.ACTIVE);
      assertThat(item.assignedAt()).contains(APPROVED_AT);
      assertThat(item.units().values()).hasSize(3).allSatisfy(u -> {
        assertThat(u.deadline()).contains(SEVEN_DAY_DEADLINE);
        assertThat(u.status()).isEqualTo(UnitStatus.ASSIGNED);
      });
    }

    @Test
    void approvalEmitsApprovedThenOneAssignedEventPerUnit_R05() {
      List<Event> events = accepted(decide(draft(reg().cooperating(COOP, COOP2)), new Command.Approve(),
          leader(LeaderRank.DEPUTY_SECRETARY_GENERAL), APPROVED_AT)).events();
      assertThat(events).hasSize(4);
      assertThat(events.get(0).type()).isEqualTo("approved");
      assertThat(events.get(0).rule()).contains("R05");
      List<Event> assigned = events.subList(1, 4);
      assertThat(assigned).allSatisfy(e -> {
        assertThat(e.type()).isEqualTo("assigned");
        assertThat(e.rule()).contains("R10");
        assertThat(e.data().getString("deadline")).isEqualTo(SEVEN_DAY_DEADLINE.toString());
      });
      assertThat(assigned).extracting(e -> e.unitId().orElseThrow()).containsExactlyInAnyOrder(LEAD, COOP, COOP2);
      assertThat(assigned).filteredOn(e -> e.unitId().orElseThrow() == LEAD)
          .singleElement().satisfies(e -> assertThat(e.data().getString("role")).isEqualTo("lead"));
      assertThat(assigned).filteredOn(e -> e.unitId().orElseThrow() != LEAD)
          .allSatisfy(e -> assertThat(e.data().getString("role")).isEqualTo("cooperating"));
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#nonLeaders")
    void approvalByAnyoneButALeaderIsForbidden_R05(Actor actor) {
      refusal(decide(draft(), new Command.Approve(), actor, APPROVED_AT), FORBIDDEN, "R05");
    }

    @Test
    void approvingAnItemThatIsNoLongerADraftIsAConflictNamingTheState_R05() {
      Decision.Refused r = refusal(decide(active(), new Command.Approve(), leader(LeaderRank.MAYOR), APPROVED_AT), CONFLICT, "R05");
      assertThat(r.reason()).contains("active").contains("draft");
    }

    @Test
    void theNodeClockStartsAtApprovalNotAtRegistration_R10() {
      Instant approvedLater = Instant.parse("2026-03-03T02:00:00Z"); // Tuesday 10:00 Shanghai
      Item item = ok(draft(reg().node(Node.THREE_DAYS)), new Command.Approve(), leader(LeaderRank.OFFICE_LEADER), approvedLater);
      assertThat(item.lead().deadline()).contains(Instant.parse("2026-03-06T02:00:00Z")); // Friday 10:00
    }

    @Test
    void anExplicitDeadlineIsGivenToEveryUnitUnchanged_R10() {
      Instant deadline = Instant.parse("2026-03-15T07:00:00Z"); // a Sunday: explicit dates are not moved
      Item item = active(reg().noNode().deadline(deadline));
      assertThat(item.units().values()).allSatisfy(u -> assertThat(u.deadline()).contains(deadline));
    }

    @Test
    void anOrdinaryRectificationIsDueSevenDaysAfterAssignment_R36() {
      Item item = active(reg().rectification("ordinary"));
      assertThat(item.lead().deadline()).contains(APPROVED_AT.plus(Duration.ofDays(7)));
    }

    @Test
    void aMajorRectificationIsDueThirtyDaysAfterAssignment_R36() {
      Item item = active(reg().rectification("major"));
      assertThat(item.lead().deadline()).contains(APPROVED_AT.plus(Duration.ofDays(30)));
    }

    @Test
    void aRectificationOnATimeNodeFollowsTheNode_R36() {
      Item item = active(reg().rectification("major").node(Node.ONE_DAY));
      assertThat(item.lead().deadline()).contains(APPROVED_AT.plus(Duration.ofDays(1)));
    }

    @Test
    void decidingNeverChangesTheItemItWasGiven() {
      Item draft = draft();
      accepted(decide(draft, new Command.Approve(), leader(LeaderRank.MAYOR), APPROVED_AT));
      assertThat(draft.status()).isEqualTo(Status.DRAFT);
      assertThat(draft.units().values()).allSatisfy(u -> assertThat(u.deadline()).isEmpty());
    }

    @Test
    void approvingADraftWhoseExplicitDeadlineHasPassedIsRefused_R10() {
      Item draft = draft(reg().noNode().deadline(REGISTERED_AT.plus(Duration.ofHours(2))));
      refusal(decide(draft, new Command.Approve(), leader(LeaderRank.OFFICE_LEADER), REGISTERED_AT.plus(Duration.ofHours(3))),
          INVALID, "R10");
    }
  }

  // =====================================================================================
  @Nested
  class Reporting {

    @Test
    void theLeadLiaisonReportsOnTimeAndTheSponsorIsNotified_R22() {
      Instant at = beforeDeadline();
      Decision d = decide(active(), new Command.SubmitReport(LEAD, 77, false), liaison(LEAD), at);
      Item item = accepted(d).item();
      assertThat(item.units().get(LEAD).status()).isEqualTo(UnitStatus.REPORTED);
      assertThat(item.units().get(LEAD).lastReportedAt()).contains(at);
      assertThat(item.units().get(COOP).status()).isEqualTo(UnitStatus.ASSIGNED);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("reported");
      assertThat(e.rule()).contains("R22");
      assertThat(e.unitId()).contains(LEAD);
      assertThat(e.data().getLong("reportId")).isEqualTo(77L);
      assertThat(e.data().getBoolean("onTime")).isTrue();
      assertThat(e.data().getBoolean("completion")).isFalse();
      assertThat(e.data().getJsonObject("notify")).isEqualTo(new JsonObject().put("unitId", SPONSOR_UNIT).put("rule", "R22"));
    }

    @Test
    void aCooperatingUnitsLiaisonReportsForItsOwnUnit_R03() {
      Item item = ok(active(), new Command.SubmitReport(COOP, 1, true), liaison(COOP), beforeDeadline());
      assertThat(item.units().get(COOP).status()).isEqualTo(UnitStatus.REPORTED);
      assertThat(item.units().get(LEAD).status()).isEqualTo(UnitStatus.ASSIGNED);
    }

    @Test
    void theCompletionFlagTravelsWithTheReport_R22() {
      Event e = onlyEvent(decide(active(), new Command.SubmitReport(LEAD, 1, true), liaison(LEAD)));
      assertThat(e.data().getBoolean("completion")).isTrue();
    }

    @Test
    void aReportExactlyAtTheDeadlineIsOnTime_R22() {
      Event e = onlyEvent(decide(active(), new Command.SubmitReport(LEAD, 1, false), liaison(LEAD), SEVEN_DAY_DEADLINE));
      assertThat(e.data().getBoolean("onTime")).isTrue();
      assertThat(e.data().getJsonObject("notify")).isNotNull();
    }

    @Test
    void aLateReportIsAcceptedButDoesNotNotifyTheSponsor_R22() {
      Decision d = decide(active(), new Command.SubmitReport(LEAD, 1, false), liaison(LEAD), SEVEN_DAY_DEADLINE.plusSeconds(1));
      Item item = accepted(d).item();
      assertThat(item.units().get(LEAD).status()).isEqualTo(UnitStatus.REPORTED);
      Event e = onlyEvent(d);
      assertThat(e.data().getBoolean("onTime")).isFalse();
      assertThat(e.data().containsKey("notify")).isFalse();
      assertThat(e.rule()).isEmpty();
    }

    @Test
    void anotherUnitsLiaisonCannotReportForTheLead_R03() {
      refusal(decide(active(), new Command.SubmitReport(LEAD, 1, false), liaison(COOP)), FORBIDDEN, "R03");
    }

    @Test
    void aLiaisonOfAUnitNotOnTheItemCannotReport_R03() {
      refusal(decide(active(), new Command.SubmitReport(STRANGER_UNIT, 1, false), liaison(STRANGER_UNIT)), FORBIDDEN, "R03");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notLiaisons")
    void onlyLiaisonsReportNotSponsorsOrLeaders_R03(Actor actor) {
      refusal(decide(active(), new Command.SubmitReport(LEAD, 1, false), actor), FORBIDDEN, "R03");
    }

    @Test
    void reportingOnADraftIsAConflictNamingTheState() {
      Decision.Refused r = refusal(decide(draft(), new Command.SubmitReport(LEAD, 1, false), liaison(LEAD)), CONFLICT, null);
      assertThat(r.reason()).contains("draft").contains("active");
    }

    @Test
    void reportingOnAClosedItemIsAConflictNamingTheState() {
      Decision.Refused r = refusal(decide(closed(active()), new Command.SubmitReport(LEAD, 1, false), liaison(LEAD)), CONFLICT, null);
      assertThat(r.reason()).contains("closed");
    }

    @Test
    void reportingWhileCompletionIsRequestedIsAConflict() {
      Decision.Refused r = refusal(decide(completionRequested(active()), new Command.SubmitReport(COOP, 1, false), liaison(COOP)),
          CONFLICT, null);
      assertThat(r.reason()).contains("completion_requested");
    }

    @Test
    void aReturnedUnitReportsAgain_R30() {
      Item returned = ok(reported(active(), LEAD, beforeDeadline()), new Command.ReturnReport(LEAD, "too thin"), sponsor(), beforeDeadline());
      Item again = reported(returned, LEAD, beforeDeadline().plusSeconds(60));
      assertThat(again.units().get(LEAD).status()).isEqualTo(UnitStatus.REPORTED);
      assertThat(again.units().get(LEAD).returns()).isEqualTo(1);
    }
  }

  static Stream<Actor> notLiaisons() {
    return Stream.of(sponsor(), leader(LeaderRank.MAYOR), supervision(), admin());
  }

  // =====================================================================================
  @Nested
  class ReturningAndAccepting {

    private Item reportedByLead() {
      return reported(active(), LEAD, beforeDeadline());
    }

    @Test
    void theSponsorReturnsAReportWithAReason_R30() {
      Decision d = decide(reportedByLead(), new Command.ReturnReport(LEAD, "缺少佐证材料"), sponsor());
      ItemUnit lead = accepted(d).item().units().get(LEAD);
      assertThat(lead.status()).isEqualTo(UnitStatus.RETURNED);
      assertThat(lead.returns()).isEqualTo(1);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("returned");
      assertThat(e.rule()).contains("R30");
      assertThat(e.unitId()).contains(LEAD);
      assertThat(e.reason()).contains("缺少佐证材料");
      assertThat(e.data().getInteger("returns")).isEqualTo(1);
    }

    @Test
    void returnsAreCountedOneTwoThree_R30() {
      Item item = active();
      for (int n = 1; n <= 3; n++) {
        item = reported(item, LEAD, beforeDeadline());
        Decision d = decide(item, new Command.ReturnReport(LEAD, "again " + n), sponsor());
        assertThat(onlyEvent(d).data().getInteger("returns")).isEqualTo(n);
        item = accepted(d).item();
        assertThat(item.units().get(LEAD).returns()).isEqualTo(n);
      }
      assertThat(item.units().get(COOP).returns()).as("returns are counted per unit").isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" \t"})
    void aReturnWithoutAReasonIsInvalid_R30(String reason) {
      Decision.Refused r = refusal(decide(reportedByLead(), new Command.ReturnReport(LEAD, reason), sponsor()), INVALID, "R30");
      assertThat(r.field()).isEqualTo("/reason");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notTheSponsor")
    void onlyTheItemsSponsorOfficeReturnsAReport_R30(Actor actor) {
      refusal(decide(reportedByLead(), new Command.ReturnReport(LEAD, "no"), actor), FORBIDDEN, "R30");
    }

    @Test
    void returningWhenNoReportAwaitsReviewIsAConflict_R30() {
      Decision.Refused r = refusal(decide(active(), new Command.ReturnReport(LEAD, "nothing to return"), sponsor()), CONFLICT, null);
      assertThat(r.reason()).contains("assigned");
    }

    @Test
    void returningAnAlreadyReturnedReportIsAConflict_R30() {
      Item returned = ok(reportedByLead(), new Command.ReturnReport(LEAD, "thin"), sponsor(), beforeDeadline());
      Decision.Refused r = refusal(decide(returned, new Command.ReturnReport(LEAD, "again"), sponsor()), CONFLICT, null);
      assertThat(r.reason()).contains("returned");
    }

    @Test
    void returningAnAcceptedReportIsAConflict_R30() {
      Item acceptedItem = ok(reportedByLead(), new Command.AcceptReport(LEAD), sponsor(), beforeDeadline());
      Decision.Refused r = refusal(decide(acceptedItem, new Command.ReturnReport(LEAD, "changed my mind"), sponsor()), CONFLICT, null);
      assertThat(r.reason()).contains("accepted");
    }

    @Test
    void returningForAUnitNotOnTheItemIsInvalid_R30() {
      Decision.Refused r = refusal(decide(reportedByLead(), new Command.ReturnReport(STRANGER_UNIT, "x"), sponsor()), INVALID, null);
      assertThat(r.field()).isEqualTo("/unitId");
    }

    @Test
    void returningOnceTheItemHasLeftActiveIsAConflict_R30() {
      Item item = completionRequested(reported(active(), COOP, beforeDeadline()));
      Decision.Refused r = refusal(decide(item, new Command.ReturnReport(COOP, "late objection"), sponsor()), CONFLICT, null);
      assertThat(r.reason()).contains("completion_requested");
    }

    @Test
    void theSponsorAcceptsAReport() {
      Decision d = decide(reportedByLead(), new Command.AcceptReport(LEAD), sponsor());
      assertThat(accepted(d).item().units().get(LEAD).status()).isEqualTo(UnitStatus.ACCEPTED);
      assertThat(accepted(d).item().units().get(LEAD).returns()).isZero();
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("accepted");
      assertThat(e.unitId()).contains(LEAD);
      assertThat(e.rule()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notTheSponsor")
    void onlyTheItemsSponsorOfficeAcceptsAReport_R30(Actor actor) {
      refusal(decide(reportedByLead(), new Command.AcceptReport(LEAD), actor), FORBIDDEN, "R30");
    }

    @Test
    void acceptingWhenNoReportAwaitsReviewIsAConflict() {
      refusal(decide(active(), new Command.AcceptReport(LEAD), sponsor()), CONFLICT, null);
    }

    @Test
    void acceptingForAUnitNotOnTheItemIsInvalid() {
      assertThat(refusal(decide(reportedByLead(), new Command.AcceptReport(STRANGER_UNIT), sponsor()), INVALID, null).field())
          .isEqualTo("/unitId");
    }

    @Test
    void anAcceptedOrPendingReportIsNotOverdueButAReturnedOneIs_R30() {
      Instant late = SEVEN_DAY_DEADLINE.plus(Duration.ofHours(1));
      Item item = reportedByLead();
      assertThat(item.units().get(LEAD).overdueAt(late)).as("awaiting review").isFalse();
      Item acceptedItem = ok(item, new Command.AcceptReport(LEAD), sponsor(), beforeDeadline());
      assertThat(acceptedItem.units().get(LEAD).overdueAt(late)).as("accepted").isFalse();
      Item returned = ok(item, new Command.ReturnReport(LEAD, "thin"), sponsor(), beforeDeadline());
      assertThat(returned.units().get(LEAD).overdueAt(late)).as("returned").isTrue();
      assertThat(returned.units().get(LEAD).overdueAt(SEVEN_DAY_DEADLINE)).as("at the deadline itself").isFalse();
    }
  }

  // =====================================================================================
  @Nested
  class Extending {

    private final Instant newDeadline = SEVEN_DAY_DEADLINE.plus(Duration.ofDays(30));

    private Command.RequestExtension request(Instant to, String plan) {
      return new Command.RequestExtension(LEAD, to, plan,
          List.of(new Extension.Milestone(java.time.LocalDate.parse("2026-03-20"), "招标完成"),
              new Extension.Milestone(java.time.LocalDate.parse("2026-04-01"), "开工")));
    }

    private Command.RequestExtension request() {
      return request(newDeadline, "分三步推进");
    }

    private Item pending(Item item) {
      return ok(item, request(), liaison(LEAD), beforeDeadline());
    }

    @Test
    void theLeadLiaisonRequestsAnExtensionWithAPlan_R32() {
      Decision d = decide(active(), request(), liaison(LEAD));
      Item item = accepted(d).item();
      ItemUnit lead = item.units().get(LEAD);
      assertThat(lead.extension()).hasValueSatisfying(x -> {
        assertThat(x.state()).isEqualTo(Extension.State.REQUESTED);
        assertThat(x.newDeadline()).isEqualTo(newDeadline);
        assertThat(x.plan()).isEqualTo("分三步推进");
        assertThat(x.requestedAt()).isEqualTo(beforeDeadline());
        assertThat(x.milestones()).hasSize(2);
      });
      assertThat(lead.deadline()).as("unchanged until the sponsor agrees").contains(SEVEN_DAY_DEADLINE);
      assertThat(item.board()).isEqualTo(Board.DAILY);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("extension_requested");
      assertThat(e.rule()).contains("R32");
      assertThat(e.unitId()).contains(LEAD);
      assertThat(e.data().getString("newDeadline")).isEqualTo(newDeadline.toString());
      assertThat(e.data().getString("plan")).isEqualTo("分三步推进");
      assertThat(e.data().getInteger("milestones")).isEqualTo(2);
    }

    @Test
    void aCooperatingUnitsLiaisonCannotRequestAnExtension_R32() {
      Command.RequestExtension forCoop = new Command.RequestExtension(COOP, newDeadline, "plan", List.of());
      refusal(decide(active(), forCoop, liaison(COOP)), FORBIDDEN, "R32");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notLeadLiaison")
    void onlyTheLeadUnitsLiaisonRequestsAnExtension_R32(Actor actor) {
      refusal(decide(active(), request(), actor), FORBIDDEN, "R32");
    }

    @ParameterizedTest
    @EnumSource(value = Node.class, names = {"ONE_DAY", "THREE_DAYS"})
    void itemsOnTheOneOrThreeDayNodeCannotBeExtended_R32(Node node) {
      Item item = active(reg().node(node));
      Instant now = APPROVED_AT; // long enough ahead is irrelevant: the node itself is not extendable
      Decision.Refused r = refusal(decide(item, new Command.RequestExtension(LEAD, newDeadline, "plan", List.of()), liaison(LEAD), now),
          INVALID, "R32");
      assertThat(r.field()).isEqualTo("/newDeadline");
    }

    @ParameterizedTest
    @EnumSource(value = Node.class, names = {"SEVEN_DAYS", "ONE_MONTH"})
    void itemsOnTheSevenDayOrOneMonthNodeCanBeExtended_R32(Node node) {
      Item item = active(reg().node(node));
      accepted(decide(item, request(item.lead().deadline().orElseThrow().plus(Duration.ofDays(30)), "plan"), liaison(LEAD), APPROVED_AT));
    }

    @Test
    void anItemWithAnExplicitDeadlineCanBeExtended_R32() {
      Item item = active(reg().noNode().deadline(APPROVED_AT.plus(Duration.ofDays(10))));
      accepted(decide(item, request(APPROVED_AT.plus(Duration.ofDays(40)), "plan"), liaison(LEAD), APPROVED_AT));
    }

    @Test
    void anExtensionAskedExactlyTwoDaysBeforeTheDeadlineIsAccepted_R32() {
      accepted(decide(active(), request(), liaison(LEAD), SEVEN_DAY_DEADLINE.minus(Duration.ofDays(2))));
    }

    @Test
    void anExtensionAskedLessThanTwoDaysBeforeTheDeadlineIsInvalid_R32() {
      Decision.Refused r = refusal(decide(active(), request(), liaison(LEAD), SEVEN_DAY_DEADLINE.minus(Duration.ofDays(2)).plusSeconds(1)),
          INVALID, "R32");
      assertThat(r.field()).isEqualTo("/newDeadline");
      assertThat(r.reason()).contains("2 days");
    }

    @Test
    void anExtensionAskedAfterTheDeadlineIsInvalid_R32() {
      refusal(decide(active(), request(), liaison(LEAD), SEVEN_DAY_DEADLINE.plus(Duration.ofDays(1))), INVALID, "R32");
    }

    @Test
    void theNewDeadlineMustBeLaterThanTheCurrentOne_R32() {
      Decision.Refused same = refusal(decide(active(), request(SEVEN_DAY_DEADLINE, "plan"), liaison(LEAD)), INVALID, "R32");
      assertThat(same.field()).isEqualTo("/newDeadline");
      refusal(decide(active(), request(SEVEN_DAY_DEADLINE.minusSeconds(1), "plan"), liaison(LEAD)), INVALID, "R32");
      accepted(decide(active(), request(SEVEN_DAY_DEADLINE.plusSeconds(1), "plan"), liaison(LEAD)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void anExtensionNeedsAConcretePlan_R32(String plan) {
      Decision.Refused r = refusal(decide(active(), request(newDeadline, plan), liaison(LEAD)), INVALID, "R32");
      assertThat(r.field()).isEqualTo("/plan");
    }

    @Test
    void onlyOneExtensionRequestMayWaitAtATime_R32() {
      refusal(decide(pending(active()), request(newDeadline.plus(Duration.ofDays(1)), "another"), liaison(LEAD)), CONFLICT, "R32");
    }

    @Test
    void extendingAnItemThatIsNotActiveIsAConflict_R32() {
      refusal(decide(draft(), request(), liaison(LEAD)), CONFLICT, "R32");
      refusal(decide(completionRequested(active()), request(), liaison(LEAD)), CONFLICT, "R32");
    }

    @Test
    void grantingMovesTheItemToContinuousFollowUpWithTheNewDeadline_R32() {
      Decision d = decide(pending(active()), new Command.GrantExtension(LEAD), sponsor());
      Item item = accepted(d).item();
      assertThat(item.board()).isEqualTo(Board.CONTINUOUS);
      assertThat(item.status()).isEqualTo(Status.ACTIVE);
      assertThat(item.units().get(LEAD).deadline()).contains(newDeadline);
      assertThat(item.units().get(LEAD).extension()).map(Extension::state).contains(Extension.State.GRANTED);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("extension_granted");
      assertThat(e.rule()).contains("R32");
      assertThat(e.unitId()).contains(LEAD);
      assertThat(e.data().getString("deadline")).isEqualTo(newDeadline.toString());
    }

    @Test
    void aKeyTaskGrantedAnExtensionAlsoMovesToContinuousFollowUp_R32() {
      Item item = ok(pending(active(reg().kind(Kind.KEY_TASK))), new Command.GrantExtension(LEAD), sponsor(), beforeDeadline());
      assertThat(item.board()).isEqualTo(Board.CONTINUOUS);
    }

    @Test
    void aGrantedExtensionMeansTheLeadIsNotOverdueAtTheOldDeadline_R32() {
      Item item = ok(pending(active()), new Command.GrantExtension(LEAD), sponsor(), beforeDeadline());
      assertThat(item.units().get(LEAD).overdueAt(SEVEN_DAY_DEADLINE.plus(Duration.ofHours(1)))).isFalse();
      assertThat(item.units().get(LEAD).overdueAt(newDeadline.plusSeconds(1))).isTrue();
    }

    @Test
    void afterAGrantTheLeadMayAskForAnotherExtension_R32() {
      Item granted = ok(pending(active()), new Command.GrantExtension(LEAD), sponsor(), beforeDeadline());
      accepted(decide(granted, request(newDeadline.plus(Duration.ofDays(30)), "phase 2"), liaison(LEAD)));
    }

    @Test
    void refusingKeepsTheDeadlineAndTheBoardAndNeedsAReason_R32() {
      Decision d = decide(pending(active()), new Command.RefuseExtension(LEAD, "方案不具体"), sponsor());
      Item item = accepted(d).item();
      assertThat(item.board()).isEqualTo(Board.DAILY);
      assertThat(item.units().get(LEAD).deadline()).contains(SEVEN_DAY_DEADLINE);
      assertThat(item.units().get(LEAD).extension()).map(Extension::state).contains(Extension.State.REFUSED);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("extension_refused");
      assertThat(e.rule()).contains("R32");
      assertThat(e.reason()).contains("方案不具体");
      assertThat(e.data().getString("deadline")).isEqualTo(SEVEN_DAY_DEADLINE.toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void aRefusalWithoutAReasonIsInvalidAndTheRequestStillWaits_R32(String reason) {
      Item pending = pending(active());
      Decision.Refused r = refusal(decide(pending, new Command.RefuseExtension(LEAD, reason), sponsor()), INVALID, "R32");
      assertThat(r.field()).isEqualTo("/reason");
      accepted(decide(pending, new Command.GrantExtension(LEAD), sponsor()));
    }

    @Test
    void afterARefusalTheLeadMayAskAgain_R32() {
      Item refusedItem = ok(pending(active()), new Command.RefuseExtension(LEAD, "no"), sponsor(), beforeDeadline());
      accepted(decide(refusedItem, request(newDeadline, "a better plan"), liaison(LEAD)));
    }

    @Test
    void decidingWhenNoExtensionWaitsIsAConflict_R32() {
      refusal(decide(active(), new Command.GrantExtension(LEAD), sponsor()), CONFLICT, "R32");
      refusal(decide(active(), new Command.RefuseExtension(LEAD, "no"), sponsor()), CONFLICT, "R32");
      Item granted = ok(pending(active()), new Command.GrantExtension(LEAD), sponsor(), beforeDeadline());
      refusal(decide(granted, new Command.GrantExtension(LEAD), sponsor()), CONFLICT, "R32");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notTheSponsor")
    void onlyTheSponsorOfficeDecidesAnExtension_R32(Actor actor) {
      Item pending = pending(active());
      refusal(decide(pending, new Command.GrantExtension(LEAD), actor), FORBIDDEN, "R32");
      refusal(decide(pending, new Command.RefuseExtension(LEAD, "no"), actor), FORBIDDEN, "R32");
    }

    @Test
    void decidingAnExtensionForAUnitNotOnTheItemIsInvalid() {
      assertThat(refusal(decide(pending(active()), new Command.GrantExtension(STRANGER_UNIT), sponsor()), INVALID, null).field())
          .isEqualTo("/unitId");
    }

    @Test
    void aRectificationMayBeExtendedToExactlySixtyDaysFromAssignment_R36() {
      Item item = active(reg().rectification("ordinary"));
      accepted(decide(item, request(APPROVED_AT.plus(Duration.ofDays(60)), "plan"), liaison(LEAD), APPROVED_AT));
    }

    @Test
    void aRectificationExtendedBeyondSixtyDaysFromAssignmentIsInvalid_R36() {
      Item item = active(reg().rectification("ordinary"));
      Decision.Refused r = refusal(decide(item, request(APPROVED_AT.plus(Duration.ofDays(60)).plusSeconds(1), "plan"), liaison(LEAD),
          APPROVED_AT), INVALID, "R36");
      assertThat(r.field()).isEqualTo("/newDeadline");
    }

    @Test
    void aGrantedRectificationExtensionMovesTheDeadlineButKeepsItsBoard_R36() {
      // Reading in Lifecycle.decideExtension: rectifications stay on their board when extended
      Item item = active(reg().rectification("major"));
      Instant to = APPROVED_AT.plus(Duration.ofDays(50));
      item = ok(item, request(to, "plan"), liaison(LEAD), APPROVED_AT);
      item = ok(item, new Command.GrantExtension(LEAD), sponsor(), APPROVED_AT);
      assertThat(item.board()).isEqualTo(Board.DAILY);
      assertThat(item.lead().deadline()).contains(to);
    }

    @Test
    void grantingAnExtensionOnAnItemThatIsNoLongerActiveIsAConflict_R32() {
      Item closed = closed(pending(active()));
      assertThat(closed.status()).isEqualTo(Status.CLOSED);
      refusal(decide(closed, new Command.GrantExtension(LEAD), sponsor(), CLOSED_AT), CONFLICT, "R32");
    }

    @Test
    void aGrantedExtensionAlsoMovesTheCooperatingUnitsDeadlines_R32() {
      Item item = ok(pending(active()), new Command.GrantExtension(LEAD), sponsor(), beforeDeadline());
      assertThat(item.units().get(COOP).deadline()).contains(newDeadline);
    }
  }

  static Stream<Actor> notLeadLiaison() {
    return Stream.of(liaison(COOP), liaison(STRANGER_UNIT), sponsor(), leader(LeaderRank.MAYOR), supervision(), admin());
  }

  // =====================================================================================
  @Nested
  class ServiceObject {

    private Item withServiceObject() {
      return active(reg().serviceObject("某小区业主"));
    }

    private Item disagreed(Item item, int times) {
      for (int i = 0; i < times; i++) item = ok(item, new Command.RecordAgreement(LEAD, false, "不同意 " + i), liaison(LEAD), beforeDeadline());
      return item;
    }

    @Test
    void completionIsBlockedUntilTheServiceObjectAgrees_R31() {
      Decision.Refused r = refusal(decide(reported(withServiceObject(), LEAD, beforeDeadline()), new Command.RequestCompletion(LEAD),
          liaison(LEAD)), CONFLICT, "R31");
      assertThat(r.reason()).contains("service object");
    }

    @Test
    void theServiceObjectsAgreementClearsCompletion_R31() {
      Decision d = decide(withServiceObject(), new Command.RecordAgreement(LEAD, true, "满意"), liaison(LEAD));
      Item item = accepted(d).item();
      assertThat(item.verification()).contains("agreed");
      assertThat(item.agreementFailures()).isZero();
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("service_object_agreed");
      assertThat(e.rule()).contains("R31");
      assertThat(e.reason()).contains("满意");
      assertThat(e.data().getInteger("failedAttempts")).isZero();
      assertThat(ok(reported(item, LEAD, beforeDeadline()), new Command.RequestCompletion(LEAD), liaison(LEAD), beforeDeadline()).status())
          .isEqualTo(Status.COMPLETION_REQUESTED);
    }

    @Test
    void failedAttemptsToAgreeAreCountedOneTwoThree_R31() {
      Item item = withServiceObject();
      for (int n = 1; n <= 3; n++) {
        Decision d = decide(item, new Command.RecordAgreement(LEAD, false, "不同意"), liaison(LEAD));
        Event e = onlyEvent(d);
        assertThat(e.type()).isEqualTo("service_object_disagreed");
        assertThat(e.data().getInteger("failedAttempts")).isEqualTo(n);
        item = accepted(d).item();
        assertThat(item.agreementFailures()).isEqualTo(n);
        assertThat(item.verification()).isEmpty();
      }
      refusal(decide(item, new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
    }

    @Test
    void verificationNeedsAtLeastThreeFailedAttempts_R31() {
      Decision.Refused r = refusal(decide(disagreed(withServiceObject(), 2), new Command.SendToVerification("expert_review"), sponsor()),
          CONFLICT, "R31");
      assertThat(r.reason()).contains("there were 2");
      refusal(decide(withServiceObject(), new Command.SendToVerification("expert_review"), sponsor()), CONFLICT, "R31");
    }

    @Test
    void afterThreeFailedAttemptsTheSponsorSendsItToVerification_R31() {
      Decision d = decide(disagreed(withServiceObject(), 3), new Command.SendToVerification("expert_review"), sponsor());
      Item item = accepted(d).item();
      assertThat(item.verification()).contains("pending:expert_review");
      assertThat(item.agreementFailures()).isEqualTo(3);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("verification_started");
      assertThat(e.rule()).contains("R31");
      assertThat(e.data().getString("method")).isEqualTo("expert_review");
      refusal(decide(item, new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
    }

    @Test
    void moreThanThreeFailedAttemptsAlsoAllowVerification_R31() {
      accepted(decide(disagreed(withServiceObject(), 5), new Command.SendToVerification("public_evaluation"), sponsor()));
    }

    @Test
    void aPassedVerificationClearsCompletion_R31() {
      Item item = ok(disagreed(withServiceObject(), 3), new Command.SendToVerification("public_evaluation"), sponsor(), beforeDeadline());
      Decision d = decide(item, new Command.RecordVerification(true, "专家论证通过"), sponsor());
      item = accepted(d).item();
      assertThat(item.verification()).contains("verified");
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("verification_passed");
      assertThat(e.reason()).contains("专家论证通过");
      assertThat(ok(reported(item, LEAD, beforeDeadline()), new Command.RequestCompletion(LEAD), liaison(LEAD), beforeDeadline()).status())
          .isEqualTo(Status.COMPLETION_REQUESTED);
    }

    @Test
    void aFailedVerificationKeepsCompletionBlocked_R31() {
      Item item = ok(disagreed(withServiceObject(), 3), new Command.SendToVerification("expert_review"), sponsor(), beforeDeadline());
      Decision d = decide(item, new Command.RecordVerification(false, "不通过"), sponsor());
      item = accepted(d).item();
      assertThat(item.verification()).contains("not_verified");
      assertThat(onlyEvent(d).type()).isEqualTo("verification_failed");
      refusal(decide(item, new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
      refusal(decide(item, new Command.RecordVerification(true, "again"), sponsor()), CONFLICT, "R31");
    }

    @Test
    void recordingAVerificationWhenNoneIsUnderWayIsAConflict_R31() {
      refusal(decide(withServiceObject(), new Command.RecordVerification(true, "x"), sponsor()), CONFLICT, "R31");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notLeadLiaison")
    void onlyTheLeadLiaisonRecordsTheServiceObjectsAnswer_R31(Actor actor) {
      refusal(decide(withServiceObject(), new Command.RecordAgreement(LEAD, true, ""), actor), FORBIDDEN, "R31");
      refusal(decide(withServiceObject(), new Command.RecordAgreement(COOP, true, ""), liaison(COOP)), FORBIDDEN, "R31");
    }

    @Test
    void recordingAnAnswerOnAnItemWithoutAServiceObjectIsAConflict_R31() {
      refusal(decide(active(), new Command.RecordAgreement(LEAD, true, ""), liaison(LEAD)), CONFLICT, "R31");
    }

    @Test
    void recordingAnAnswerOnAnItemThatIsNotActiveIsAConflict_R31() {
      Item item = ok(withServiceObject(), new Command.RecordAgreement(LEAD, true, ""), liaison(LEAD), beforeDeadline());
      item = completionRequested(item);
      refusal(decide(item, new Command.RecordAgreement(LEAD, false, ""), liaison(LEAD)), CONFLICT, "R31");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notTheSponsor")
    void onlyTheSponsorConsentsToAndRecordsVerification_R31(Actor actor) {
      Item three = disagreed(withServiceObject(), 3);
      refusal(decide(three, new Command.SendToVerification("expert_review"), actor), FORBIDDEN, "R31");
      Item pending = ok(three, new Command.SendToVerification("expert_review"), sponsor(), beforeDeadline());
      refusal(decide(pending, new Command.RecordVerification(true, ""), actor), FORBIDDEN, "R31");
    }

    @Test
    void sendingADraftToVerificationIsAConflict_R31() {
      refusal(decide(draft(reg().serviceObject("x")), new Command.SendToVerification("expert_review"), sponsor()), CONFLICT, "R31");
    }

    @Test
    void aDisagreementAfterAnAgreementBlocksCompletionAgain_R31() {
      Item item = ok(withServiceObject(), new Command.RecordAgreement(LEAD, true, "ok"), liaison(LEAD), beforeDeadline());
      item = ok(item, new Command.RecordAgreement(LEAD, false, "withdrawn"), liaison(LEAD), beforeDeadline());
      refusal(decide(item, new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
    }
  }

  // =====================================================================================
  @Nested
  class Completing {

    @Test
    void theLeadLiaisonAppliesForCompletion_R31() {
      Decision d = decide(reported(active(), LEAD, beforeDeadline()), new Command.RequestCompletion(LEAD), liaison(LEAD));
      assertThat(accepted(d).item().status()).isEqualTo(Status.COMPLETION_REQUESTED);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("completion_requested");
      assertThat(e.rule()).contains("R31");
      assertThat(e.unitId()).contains(LEAD);
    }

    @Test
    void applyingForCompletionBeforeAnyReportIsAConflict_R31() {
      Decision.Refused r = refusal(decide(active(), new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
      assertThat(r.reason()).contains("report");
      Item returned = ok(reported(active(), LEAD, beforeDeadline()), new Command.ReturnReport(LEAD, "不全"), sponsor(), beforeDeadline());
      refusal(decide(returned, new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
    }

    @Test
    void aCooperatingUnitCannotApplyForCompletion_R31() {
      refusal(decide(active(), new Command.RequestCompletion(COOP), liaison(COOP)), FORBIDDEN, "R31");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notLeadLiaison")
    void onlyTheLeadLiaisonAppliesForCompletion_R31(Actor actor) {
      refusal(decide(active(), new Command.RequestCompletion(LEAD), actor), FORBIDDEN, "R31");
    }

    @Test
    void applyingTwiceOrOnADraftIsAConflict_R31() {
      refusal(decide(completionRequested(active()), new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
      refusal(decide(draft(), new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
    }
  }

  // =====================================================================================
  @Nested
  class Grading {

    @ParameterizedTest
    @EnumSource(value = Grade.class, names = {"EXCELLENT", "GOOD", "PASS"})
    void aPassingGradeMovesTheItemToGraded_R33(Grade grade) {
      Decision d = decide(completionRequested(active()), new Command.GradeCompletion(grade, "按时高质量"), sponsor());
      Item item = accepted(d).item();
      assertThat(item.status()).isEqualTo(Status.GRADED);
      assertThat(item.grade()).contains(grade);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("graded");
      assertThat(e.rule()).contains("R33");
      assertThat(e.reason()).contains("按时高质量");
      assertThat(e.data().getString("grade")).isEqualTo(grade.name().toLowerCase());
      assertThat(e.unitId()).isEmpty();
    }

    @Test
    void aFailIsApprovedLikeAnyGradeAndThenSendsTheItemBackToTheLeadUnit_R33() {
      Item before = completionRequested(reported(active(), COOP, beforeDeadline()));
      Decision graded = decide(before, new Command.GradeCompletion(Grade.FAIL, "未落实"), sponsor());
      assertThat(accepted(graded).item().status()).isEqualTo(Status.GRADED);
      assertThat(accepted(graded).item().grade()).contains(Grade.FAIL);
      assertThat(onlyEvent(graded).data().getString("grade")).isEqualTo("fail");
      Decision d = LIFECYCLE.decide(accepted(graded).item(), new Command.ApproveGrade(), leader(LeaderRank.DEPUTY_SECRETARY_GENERAL),
          beforeDeadline());
      Item item = accepted(d).item();
      assertThat(item.status()).isEqualTo(Status.ACTIVE);
      assertThat(item.grade()).isEmpty();
      assertThat(item.units().get(LEAD).status()).isEqualTo(UnitStatus.RETURNED);
      assertThat(item.units().get(COOP).status()).as("the cooperating unit is untouched").isEqualTo(UnitStatus.REPORTED);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("grade_approved");
      assertThat(e.data().getString("grade")).isEqualTo("fail");
      assertThat(e.data().getBoolean("sentBack")).isTrue();
      assertThat(e.unitId()).contains(LEAD);
    }

    @Test
    void afterAFailTheLeadReportsAgainAndReappliesForCompletion_R33() {
      Item item = ok(completionRequested(active()), new Command.GradeCompletion(Grade.FAIL, "no"), sponsor(), beforeDeadline());
      item = ok(item, new Command.ApproveGrade(), leader(LeaderRank.OFFICE_LEADER), beforeDeadline());
      item = reported(item, LEAD, beforeDeadline());
      item = ok(item, new Command.RequestCompletion(LEAD), liaison(LEAD), beforeDeadline());
      item = ok(item, new Command.GradeCompletion(Grade.PASS, "ok now"), sponsor(), beforeDeadline());
      assertThat(item.status()).isEqualTo(Status.GRADED);
      assertThat(item.grade()).contains(Grade.PASS);
    }

    @Test
    void aFailGivesNoNewDeadlineSoALateFailLeavesTheLeadOverdueAtOnce_R33() {
      // Reading: the regulation sends a fail back "to continue" without a new time limit
      Item item = completionRequested(active());
      Instant late = SEVEN_DAY_DEADLINE.plus(Duration.ofDays(3));
      item = ok(item, new Command.GradeCompletion(Grade.FAIL, "no"), sponsor(), late);
      assertThat(item.overdueAt(LEAD, late)).as("no unit owes anything while the grade awaits approval").isFalse();
      item = ok(item, new Command.ApproveGrade(), leader(LeaderRank.DEPUTY_SECRETARY_GENERAL), late);
      assertThat(item.lead().deadline()).contains(SEVEN_DAY_DEADLINE);
      assertThat(item.overdueAt(LEAD, late)).isTrue();
    }

    @Test
    void gradingAnItemThatWasNeverReportedIsAConflict_R33() {
      Decision.Refused r = refusal(decide(active(), new Command.GradeCompletion(Grade.GOOD, ""), sponsor()), CONFLICT, "R33");
      assertThat(r.reason()).contains("active").contains("completion_requested");
      refusal(decide(draft(), new Command.GradeCompletion(Grade.GOOD, ""), sponsor()), CONFLICT, "R33");
      refusal(decide(graded(active(), Grade.GOOD), new Command.GradeCompletion(Grade.EXCELLENT, ""), sponsor()), CONFLICT, "R33");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notTheSponsor")
    void onlyTheSponsorOfficeGrades_R33(Actor actor) {
      refusal(decide(completionRequested(active()), new Command.GradeCompletion(Grade.GOOD, ""), actor), FORBIDDEN, "R33");
    }

    @ParameterizedTest
    @EnumSource(value = LeaderRank.class, names = {"VICE_MAYOR", "MAYOR"})
    void aMayorOrViceMayorLeavesGradeApprovalToTheSecretariat_R33(LeaderRank rank) {
      refusal(decide(graded(active(), Grade.EXCELLENT), new Command.ApproveGrade(), leader(rank)), FORBIDDEN, "R33");
    }

    @ParameterizedTest
    @EnumSource(value = LeaderRank.class, names = {"OFFICE_LEADER", "DEPUTY_SECRETARY_GENERAL", "SECRETARY_GENERAL"})
    void aSecretariatLeaderApprovesTheGrade_R33(LeaderRank rank) {
      Decision d = decide(graded(active(), Grade.EXCELLENT), new Command.ApproveGrade(), leader(rank));
      Item item = accepted(d).item();
      assertThat(item.status()).isEqualTo(Status.GRADE_APPROVED);
      assertThat(item.grade()).contains(Grade.EXCELLENT);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("grade_approved");
      assertThat(e.rule()).contains("R33");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#nonLeaders")
    void onlyALeaderApprovesTheGrade_R33(Actor actor) {
      refusal(decide(graded(active(), Grade.GOOD), new Command.ApproveGrade(), actor), FORBIDDEN, "R33");
    }

    @Test
    void approvingAGradeBeforeGradingIsAConflict_R33() {
      Decision.Refused r = refusal(decide(completionRequested(active()), new Command.ApproveGrade(),
          leader(LeaderRank.DEPUTY_SECRETARY_GENERAL)), CONFLICT, "R33");
      assertThat(r.reason()).contains("completion_requested").contains("graded");
    }
  }

  // =====================================================================================
  @Nested
  class SigningOffAndClosing {

    @Test
    void theSponsorRequestsSignOffOnceTheGradeIsApproved_R34() {
      Decision d = decide(gradeApproved(active()), new Command.RequestSignOff(), sponsor());
      assertThat(accepted(d).item().status()).isEqualTo(Status.SIGN_OFF_REQUESTED);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("sign_off_requested");
      assertThat(e.rule()).contains("R34");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notTheSponsor")
    void onlyTheSponsorOfficeRequestsSignOff_R34(Actor actor) {
      refusal(decide(gradeApproved(active()), new Command.RequestSignOff(), actor), FORBIDDEN, "R34");
    }

    @Test
    void requestingSignOffBeforeTheGradeIsApprovedIsAConflict_R34() {
      refusal(decide(graded(active(), Grade.GOOD), new Command.RequestSignOff(), sponsor()), CONFLICT, "R34");
      refusal(decide(active(), new Command.RequestSignOff(), sponsor()), CONFLICT, "R34");
    }

    @ParameterizedTest
    @EnumSource(value = LeaderRank.class, names = {"VICE_MAYOR", "MAYOR"})
    void theMayorWhoClosesDoesNotAlsoCheckTheSignOff_R34(LeaderRank rank) {
      refusal(decide(signOffRequested(active()), new Command.CheckSignOff(), leader(rank)), FORBIDDEN, "R34");
    }

    @ParameterizedTest
    @EnumSource(value = LeaderRank.class, names = {"OFFICE_LEADER", "DEPUTY_SECRETARY_GENERAL", "SECRETARY_GENERAL"})
    void aSecretariatLeaderChecksTheSignOff_R34(LeaderRank rank) {
      Decision d = decide(signOffRequested(active()), new Command.CheckSignOff(), leader(rank));
      assertThat(accepted(d).item().status()).isEqualTo(Status.SIGN_OFF_CHECKED);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("sign_off_checked");
      assertThat(e.rule()).contains("R34");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#nonLeaders")
    void onlyALeaderChecksTheSignOff_R34(Actor actor) {
      refusal(decide(signOffRequested(active()), new Command.CheckSignOff(), actor), FORBIDDEN, "R34");
    }

    @Test
    void checkingASignOffThatWasNotRequestedIsAConflict_R34() {
      refusal(decide(gradeApproved(active()), new Command.CheckSignOff(), leader(LeaderRank.OFFICE_LEADER)), CONFLICT, "R34");
    }

    @ParameterizedTest
    @EnumSource(value = LeaderRank.class, names = {"VICE_MAYOR", "MAYOR"})
    void aViceMayorOrMayorClosesTheItemCancellingItsNumber_R34(LeaderRank rank) {
      Decision d = decide(signOffChecked(active()), new Command.ApproveClose(), leader(rank), CLOSED_AT);
      Item item = accepted(d).item();
      assertThat(item.status()).isEqualTo(Status.CLOSED);
      assertThat(item.numberCancelled()).isTrue();
      assertThat(item.closedAt()).contains(CLOSED_AT);
      assertThat(item.grade()).contains(Grade.GOOD);
    }

    @Test
    void closingNotifiesEveryUnitAndArchives_R34() {
      Item checked = signOffChecked(active(reg().cooperating(COOP2, COOP)));
      Event e = onlyEvent(decide(checked, new Command.ApproveClose(), leader(LeaderRank.MAYOR), CLOSED_AT));
      assertThat(e.type()).isEqualTo("closed");
      assertThat(e.rule()).contains("R34");
      assertThat(e.data().getBoolean("numberCancelled")).isTrue();
      assertThat(e.data().getBoolean("archived")).isTrue();
      assertThat(e.data().getJsonArray("notify").getList()).containsExactly(LEAD, COOP, COOP2);
    }

    @ParameterizedTest
    @EnumSource(value = LeaderRank.class, names = {"OFFICE_LEADER", "DEPUTY_SECRETARY_GENERAL", "SECRETARY_GENERAL"})
    void leadersBelowViceMayorCannotClose_R34(LeaderRank rank) {
      Decision.Refused r = refusal(decide(signOffChecked(active()), new Command.ApproveClose(), leader(rank), CLOSED_AT), FORBIDDEN, "R34");
      assertThat(r.reason()).contains("mayor");
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#nonLeaders")
    void nonLeadersCannotClose_R34(Actor actor) {
      refusal(decide(signOffChecked(active()), new Command.ApproveClose(), actor, CLOSED_AT), FORBIDDEN, "R34");
    }

    @Test
    void closingBeforeTheSignOffIsCheckedIsAConflict_R34() {
      Decision.Refused r = refusal(decide(signOffRequested(active()), new Command.ApproveClose(), leader(LeaderRank.MAYOR), CLOSED_AT),
          CONFLICT, "R34");
      assertThat(r.reason()).contains("sign_off_requested").contains("sign_off_checked");
      refusal(decide(active(), new Command.ApproveClose(), leader(LeaderRank.MAYOR), CLOSED_AT), CONFLICT, "R34");
    }

    @Test
    void closingAClosedItemIsAConflictNamingTheState_R34() {
      Decision.Refused r = refusal(decide(closed(active()), new Command.ApproveClose(), leader(LeaderRank.MAYOR), CLOSED_AT),
          CONFLICT, "R34");
      assertThat(r.reason()).contains("closed");
    }

    @Test
    void aClosedItemAcceptsNoFurtherWork() {
      Item closed = closed(active());
      refusal(decide(closed, new Command.RequestCompletion(LEAD), liaison(LEAD)), CONFLICT, "R31");
      refusal(decide(closed, new Command.RequestExtension(LEAD, CLOSED_AT.plus(Duration.ofDays(30)), "p", List.of()), liaison(LEAD)),
          CONFLICT, "R32");
      refusal(decide(closed, new Command.GradeCompletion(Grade.FAIL, ""), sponsor()), CONFLICT, "R33");
      refusal(decide(closed, new Command.ApproveGrade(), leader(LeaderRank.DEPUTY_SECRETARY_GENERAL)), CONFLICT, "R33");
      refusal(decide(closed, new Command.RequestSignOff(), sponsor()), CONFLICT, "R34");
      refusal(decide(closed, new Command.CheckSignOff(), leader(LeaderRank.DEPUTY_SECRETARY_GENERAL)), CONFLICT, "R34");
      refusal(decide(closed, new Command.Approve(), leader(LeaderRank.MAYOR)), CONFLICT, "R05");
    }
  }

  // =====================================================================================
  @Nested
  class Rechecking {

    private final Instant recheckAt = Instant.parse("2026-06-01T02:00:00Z");
    private final Instant reopenedDeadline = Instant.parse("2026-06-15T02:00:00Z");

    private Item closedRectification() {
      return closed(active(reg().rectification("ordinary")));
    }

    @Test
    void aPassedRecheckLeavesTheRectificationClosed_R37() {
      Item closed = closedRectification();
      Decision d = decide(closed, new Command.Recheck(true, null, null), sponsor(), recheckAt);
      assertThat(accepted(d).item()).isEqualTo(closed);
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("recheck_passed");
      assertThat(e.rule()).contains("R37");
    }

    @Test
    void theSupervisionOfficeMayAlsoRecheck_R37() {
      accepted(decide(closedRectification(), new Command.Recheck(true, "回头看无问题", null), supervision(), recheckAt));
    }

    @Test
    void aFailedRecheckReopensTheRectificationWithANewDeadline_R37() {
      Item before = closedRectification();
      Decision d = decide(before, new Command.Recheck(false, "问题反弹", reopenedDeadline), supervision(), recheckAt);
      Item item = accepted(d).item();
      assertThat(item.status()).isEqualTo(Status.ACTIVE);
      assertThat(item.numberCancelled()).isFalse();
      assertThat(item.closedAt()).isEmpty();
      assertThat(item.grade()).isEmpty();
      assertThat(item.units().values()).hasSize(2).allSatisfy(u -> {
        assertThat(u.status()).isEqualTo(UnitStatus.ASSIGNED);
        assertThat(u.deadline()).contains(reopenedDeadline);
      });
      Event e = onlyEvent(d);
      assertThat(e.type()).isEqualTo("reopened");
      assertThat(e.rule()).contains("R37");
      assertThat(e.reason()).contains("问题反弹");
      assertThat(e.data().getString("deadline")).isEqualTo(reopenedDeadline.toString());
    }

    @Test
    void aReopenedRectificationRunsThroughTheLifecycleAgain_R37() {
      Item item = ok(closedRectification(), new Command.Recheck(false, "问题反弹", reopenedDeadline), sponsor(), recheckAt);
      Event report = onlyEvent(decide(item, new Command.SubmitReport(LEAD, 9, true), liaison(LEAD), recheckAt.plus(Duration.ofDays(1))));
      assertThat(report.data().getBoolean("onTime")).isTrue();
      assertThat(item.lead().overdueAt(reopenedDeadline.plusSeconds(1))).isTrue();
      item = reported(item, LEAD, recheckAt);
      item = ok(item, new Command.RequestCompletion(LEAD), liaison(LEAD), recheckAt);
      assertThat(item.status()).isEqualTo(Status.COMPLETION_REQUESTED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aFailedRecheckNeedsAReason_R37(String reason) {
      Decision.Refused r = refusal(decide(closedRectification(), new Command.Recheck(false, reason, reopenedDeadline), sponsor(), recheckAt),
          INVALID, "R37");
      assertThat(r.field()).isEqualTo("/reason");
    }

    @Test
    void aFailedRecheckNeedsAFutureDeadline_R37() {
      Item closed = closedRectification();
      assertThat(refusal(decide(closed, new Command.Recheck(false, "bad", null), sponsor(), recheckAt), INVALID, "R37").field())
          .isEqualTo("/newDeadline");
      refusal(decide(closed, new Command.Recheck(false, "bad", recheckAt), sponsor(), recheckAt), INVALID, "R37");
      refusal(decide(closed, new Command.Recheck(false, "bad", recheckAt.minusSeconds(1)), sponsor(), recheckAt), INVALID, "R37");
      accepted(decide(closed, new Command.Recheck(false, "bad", recheckAt.plusSeconds(1)), sponsor(), recheckAt));
    }

    @Test
    void onlyRectificationsAreRechecked_R37() {
      Decision.Refused r = refusal(decide(closed(active()), new Command.Recheck(false, "bad", reopenedDeadline), sponsor(), recheckAt),
          CONFLICT, "R37");
      assertThat(r.reason()).contains("rectification");
    }

    @Test
    void onlyAClosedRectificationIsRechecked_R37() {
      Item open = active(reg().rectification("ordinary"));
      Decision.Refused r = refusal(decide(open, new Command.Recheck(true, null, null), sponsor(), recheckAt), CONFLICT, "R37");
      assertThat(r.reason()).contains("active").contains("closed");
      refusal(decide(signOffChecked(active(reg().rectification("major"))), new Command.Recheck(false, "x", reopenedDeadline), sponsor(),
          recheckAt), CONFLICT, "R37");
    }

    @Test
    void aReopenedRectificationMayStillAskForAnExtensionWithinSixtyDaysOfReopening_R36_R37() {
      Item item = ok(closedRectification(), new Command.Recheck(false, "问题反弹", reopenedDeadline), sponsor(), recheckAt);
      Command.RequestExtension ask = new Command.RequestExtension(LEAD, reopenedDeadline.plus(Duration.ofDays(14)), "加固方案", List.of());
      accepted(decide(item, ask, liaison(LEAD), recheckAt.plus(Duration.ofDays(1))));
    }

    @ParameterizedTest
    @MethodSource("org.duban.item.LifecycleTest#notSponsorNorSupervision")
    void onlyTheSponsorOrTheSupervisionOfficeRechecks_R37(Actor actor) {
      refusal(decide(closedRectification(), new Command.Recheck(false, "x", reopenedDeadline), actor, recheckAt), FORBIDDEN, "R37");
    }
  }

  static Stream<Actor> notSponsorNorSupervision() {
    return Stream.of(otherSponsor(), liaison(LEAD), leader(LeaderRank.MAYOR), admin());
  }

  // =====================================================================================
  @Nested
  class WholeLife {

    @Test
    void anItemGoesFromRegistrationToClosedAlongTheRules_R05_R22_R30_R31_R33_R34() {
      Map<Long, Actor> liaisons = Map.of(LEAD, liaison(LEAD), COOP, liaison(COOP));
      Instant t = REGISTERED_AT;
      Decision.Accepted registered = accepted(LIFECYCLE.register(reg().kind(Kind.KEY_TASK).node(Node.ONE_MONTH).build(), sponsor(), t));
      Item item = registered.item();
      assertThat(item.board()).isEqualTo(Board.KEY);

      item = ok(item, new Command.Approve(), leader(LeaderRank.DEPUTY_SECRETARY_GENERAL), APPROVED_AT);
      Instant monthDeadline = Instant.parse("2026-04-02T02:00:00Z"); // Thursday 10:00 Shanghai, a working day
      assertThat(item.lead().deadline()).contains(monthDeadline);

      t = APPROVED_AT.plus(Duration.ofDays(10));
      item = ok(item, new Command.SubmitReport(COOP, 1, false), liaisons.get(COOP), t);
      item = ok(item, new Command.AcceptReport(COOP), sponsor(), t);
      item = ok(item, new Command.SubmitReport(LEAD, 2, false), liaisons.get(LEAD), t);
      item = ok(item, new Command.ReturnReport(LEAD, "数据缺失"), sponsor(), t);
      item = ok(item, new Command.SubmitReport(LEAD, 3, true), liaisons.get(LEAD), t.plus(Duration.ofDays(1)));
      item = ok(item, new Command.AcceptReport(LEAD), sponsor(), t.plus(Duration.ofDays(1)));
      assertThat(item.units().get(LEAD).returns()).isEqualTo(1);

      item = ok(item, new Command.RequestCompletion(LEAD), liaisons.get(LEAD), t.plus(Duration.ofDays(2)));
      item = ok(item, new Command.GradeCompletion(Grade.EXCELLENT, "按时高质量"), sponsor(), t.plus(Duration.ofDays(3)));
      item = ok(item, new Command.ApproveGrade(), leader(LeaderRank.OFFICE_LEADER), t.plus(Duration.ofDays(3)));
      item = ok(item, new Command.RequestSignOff(), sponsor(), t.plus(Duration.ofDays(4)));
      item = ok(item, new Command.CheckSignOff(), leader(LeaderRank.DEPUTY_SECRETARY_GENERAL), t.plus(Duration.ofDays(4)));
      Instant closedAt = t.plus(Duration.ofDays(5));
      item = ok(item, new Command.ApproveClose(), leader(LeaderRank.MAYOR), closedAt);

      assertThat(item.status()).isEqualTo(Status.CLOSED);
      assertThat(item.grade()).contains(Grade.EXCELLENT);
      assertThat(item.numberCancelled()).isTrue();
      assertThat(item.closedAt()).contains(closedAt);
      assertThat(item.board()).isEqualTo(Board.KEY);
      assertThat(item.units().values()).allSatisfy(u -> assertThat(u.status()).isEqualTo(UnitStatus.ACCEPTED));
    }

    @Test
    void anExtendedItemWithAServiceObjectClosesAfterVerification_R31_R32() {
      Item item = active(reg().node(Node.ONE_MONTH).serviceObject("企业"));
      Instant newDeadline = Instant.parse("2026-06-30T02:00:00Z");
      item = ok(item, new Command.RequestExtension(LEAD, newDeadline, "plan", List.of()), liaison(LEAD), APPROVED_AT.plus(Duration.ofDays(5)));
      item = ok(item, new Command.GrantExtension(LEAD), sponsor(), APPROVED_AT.plus(Duration.ofDays(6)));
      assertThat(item.board()).isEqualTo(Board.CONTINUOUS);
      for (int i = 0; i < 3; i++) item = ok(item, new Command.RecordAgreement(LEAD, false, "no"), liaison(LEAD), APPROVED_AT);
      item = ok(item, new Command.SendToVerification("expert_review"), sponsor(), APPROVED_AT);
      item = ok(item, new Command.RecordVerification(true, "ok"), sponsor(), APPROVED_AT);
      item = closed(item);
      assertThat(item.status()).isEqualTo(Status.CLOSED);
      assertThat(item.board()).isEqualTo(Board.CONTINUOUS);
    }

    @Test
    void aCooperatingUnitsLatenessStaysVisibleWhileTheLeadIsOnTime_R03() {
      Item item = reported(active(), LEAD, beforeDeadline());
      item = ok(item, new Command.AcceptReport(LEAD), sponsor(), beforeDeadline());
      Instant late = SEVEN_DAY_DEADLINE.plus(Duration.ofHours(5));
      assertThat(item.units().get(LEAD).overdueAt(late)).isFalse();
      assertThat(item.units().get(COOP).overdueAt(late)).isTrue();
      assertThat(item.units().get(COOP).overdueAt(SEVEN_DAY_DEADLINE)).as("not before the deadline has passed").isFalse();

      Event coopLate = onlyEvent(decide(item, new Command.SubmitReport(COOP, 5, false), liaison(COOP), late));
      assertThat(coopLate.data().getBoolean("onTime")).isFalse();
      assertThat(coopLate.data().containsKey("notify")).isFalse();
    }

    @Test
    void noUnitIsOverdueBeforeApproval_R05() {
      Item draft = draft();
      assertThat(draft.units().values()).allSatisfy(u -> assertThat(u.overdueAt(Instant.parse("2030-01-01T00:00:00Z"))).isFalse());
    }

  }
}
