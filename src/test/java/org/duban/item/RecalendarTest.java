package org.duban.item;

import io.vertx.core.json.JsonObject;
import org.duban.auth.LeaderRank;
import org.duban.auth.Role;
import org.duban.time.CalendarData;
import org.duban.time.CalendarYear;
import org.duban.time.WorkCalendar;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.duban.item.Decision.Refused.Kind.CONFLICT;
import static org.duban.item.Decision.Refused.Kind.FORBIDDEN;
import static org.duban.item.Decision.Refused.Kind.INVALID;
import static org.duban.item.ItemFixtures.COOP;
import static org.duban.item.ItemFixtures.LEAD;
import static org.duban.item.ItemFixtures.REGISTERED_AT;
import static org.duban.item.ItemFixtures.accepted;
import static org.duban.item.ItemFixtures.admin;
import static org.duban.item.ItemFixtures.leader;
import static org.duban.item.ItemFixtures.liaison;
import static org.duban.item.ItemFixtures.reg;
import static org.duban.item.ItemFixtures.refused;
import static org.duban.item.ItemFixtures.sponsor;
import static org.duban.item.ItemFixtures.supervision;

/**
 * R10, R12 when a missing year's notice is imported: which unit deadlines came from the node and where
 * they fall on the new calendar ({@link Deadlines#recalendared}), and the system's command that moves one
 * ({@link Command.Recalendar}). Items are assigned while 2027 is unknown (Monday to Friday), then
 * recounted on a test-made 2027 notice. Pure: every instant is given.
 */
class RecalendarTest {
  /** The shipped calendar: 2025 and 2026, no 2027. */
  static final WorkCalendar WITHOUT_2027 = ItemFixtures.CALENDAR;
  /** Test data, not the official notice: Spring Festival 6-14 February 2027, Saturday 20 February a make-up working day. */
  static final CalendarYear TEST_2027 = CalendarYear.fromJson(new JsonObject("""
      {"year": 2027, "source": "测试用通知（非官方）",
       "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                    {"name": "春节", "from": "2027-02-06", "to": "2027-02-14"}],
       "makeUpWorkdays": [{"name": "春节", "date": "2027-02-20"}]}"""));
  static final WorkCalendar WITH_2027 = WorkCalendar.of(CalendarData.shipped()).with(TEST_2027);
  static final Lifecycle BEFORE = new Lifecycle(WITHOUT_2027, Deadlines.Policy.DEFAULT);
  static final Lifecycle AFTER = new Lifecycle(WITH_2027, Deadlines.Policy.DEFAULT);

  /** Sunday 10 January 2027, 10:00 in Shanghai. */
  static final Instant ASSIGNED = Instant.parse("2027-01-10T02:00:00Z");
  /** A month later: Wednesday 10 February 2027, 10:00, a working day while 2027 is unknown; Spring Festival in the test notice. */
  static final Instant IN_THE_FESTIVAL = Instant.parse("2027-02-10T02:00:00Z");
  /** The first working day after the test notice's Spring Festival: Monday 15 February 2027, 10:00. */
  static final Instant AFTER_THE_FESTIVAL = Instant.parse("2027-02-15T02:00:00Z");

  static Item assigned(ItemFixtures.Reg reg, Instant at) {
    Item draft = accepted(BEFORE.register(reg.build(), sponsor(), REGISTERED_AT)).item();
    return accepted(BEFORE.decide(draft, new Command.Approve(), leader(LeaderRank.OFFICE_LEADER), at)).item();
  }

  static Item monthItem() {
    return assigned(reg().node(Node.ONE_MONTH), ASSIGNED);
  }

  @Nested
  class WhichDeadlinesMove {

    @Test
    void aMonthNodeThatEndedInTheFestivalMovesToTheFirstWorkingDayAfterForEveryUnit_R10_R12() {
      Item item = monthItem();
      assertThat(item.lead().deadline()).contains(IN_THE_FESTIVAL);
      assertThat(Deadlines.fromNode(item, item.lead(), false)).isTrue();
      assertThat(Deadlines.recalendared(item, false, WITH_2027, Deadlines.Policy.DEFAULT))
          .isEqualTo(Map.of(LEAD, AFTER_THE_FESTIVAL, COOP, AFTER_THE_FESTIVAL));
    }

    @Test
    void aDeadlineOnADayTheNoticeLeavesWorkingStays_R12() {
      // 1-day node: Monday 11 January 2027, a working day in the notice too
      Item item = assigned(reg().node(Node.ONE_DAY), ASSIGNED);
      assertThat(Deadlines.fromNode(item, item.lead(), false)).isTrue();
      assertThat(Deadlines.recalendared(item, false, WITH_2027, Deadlines.Policy.DEFAULT)).isEmpty();
    }

    @Test
    void aDeadlineNeverMovesEarlierWhenAMakeUpDayWouldAllowIt_R12() {
      // 7-day node from Saturday 13 February: plain end Saturday 20 February, rolled to Monday 22 February while
      // 2027 is unknown; the notice makes the 20th a make-up working day, but the unit was told the 22nd
      Item item = assigned(reg().node(Node.SEVEN_DAYS), Instant.parse("2027-02-13T02:00:00Z"));
      assertThat(item.lead().deadline()).contains(Instant.parse("2027-02-22T02:00:00Z"));
      assertThat(Deadlines.initial(item, item.assignedAt().get(), WITH_2027, Deadlines.Policy.DEFAULT))
          .isEqualTo(Instant.parse("2027-02-20T02:00:00Z"));
      assertThat(Deadlines.recalendared(item, false, WITH_2027, Deadlines.Policy.DEFAULT)).isEmpty();
    }

    @Test
    void aRectificationsLimitIsRecountedLikeANode_R12_R36() {
      // an ordinary rectification (7 days) assigned Wednesday 3 February: due Wednesday 10 February, in the festival
      Item item = assigned(reg().rectification("ordinary"), Instant.parse("2027-02-03T02:00:00Z"));
      assertThat(item.lead().deadline()).contains(IN_THE_FESTIVAL);
      assertThat(Deadlines.recalendared(item, false, WITH_2027, Deadlines.Policy.DEFAULT))
          .containsEntry(LEAD, AFTER_THE_FESTIVAL);
    }

    @Test
    void aDeadlineGivenByHandAtRegistrationIsNotTheNodesAndStays_R10() {
      Item item = assigned(reg().noNode().deadline(IN_THE_FESTIVAL), ASSIGNED);
      assertThat(Deadlines.fromNode(item, item.lead(), false)).isFalse();
      assertThat(Deadlines.recalendared(item, false, WITH_2027, Deadlines.Policy.DEFAULT)).isEmpty();
    }

    @Test
    void aDeadlineSetByAnExtensionOrAReCheckStays_R32_R37() {
      Item item = monthItem();
      // the timeline says an extension was granted or a re-check reopened the item
      assertThat(Deadlines.fromNode(item, item.lead(), true)).isFalse();
      assertThat(Deadlines.recalendared(item, true, WITH_2027, Deadlines.Policy.DEFAULT)).isEmpty();
    }

    @Test
    void aDeadlineThatIsNotWhereTheNodePutsOneIsNotTheNodes_R10_R12() {
      Item item = monthItem();
      // another time of day, or further than any roll from the plain end: set otherwise, whatever the timeline says
      Item otherTime = item.withUnit(LEAD, u -> u.withDeadline(IN_THE_FESTIVAL.plusSeconds(3600)));
      Item farLater = item.withUnit(LEAD, u -> u.withDeadline(IN_THE_FESTIVAL.plus(java.time.Duration.ofDays(40))));
      assertThat(Deadlines.fromNode(otherTime, otherTime.lead(), false)).isFalse();
      assertThat(Deadlines.fromNode(farLater, farLater.lead(), false)).isFalse();
      assertThat(Deadlines.recalendared(otherTime, false, WITH_2027, Deadlines.Policy.DEFAULT)).containsOnlyKeys(COOP);
    }

    @Test
    void withoutTheRollPolicyNothingMoves_R12() {
      Deadlines.Policy noRoll = new Deadlines.Policy(false);
      Lifecycle plain = new Lifecycle(WITHOUT_2027, noRoll);
      Item draft = accepted(plain.register(reg().node(Node.ONE_MONTH).build(), sponsor(), REGISTERED_AT)).item();
      Item item = accepted(plain.decide(draft, new Command.Approve(), leader(LeaderRank.OFFICE_LEADER), ASSIGNED)).item();
      assertThat(Deadlines.recalendared(item, false, WITH_2027, noRoll)).isEmpty();
    }
  }

  @Nested
  class TheSystemsCommand {

    static Decision recalendar(Item item, long unit, Instant to, Actor actor) {
      return AFTER.decide(item, new Command.Recalendar(unit, to, 2027), actor, ASSIGNED.plusSeconds(86_400));
    }

    static Decision.Refused refusal(Decision decision, Decision.Refused.Kind kind) {
      Decision.Refused r = refused(decision);
      assertThat(r.kind()).as("refusal kind of %s", r).isEqualTo(kind);
      assertThat(r.rule()).as("refusal rule of %s", r).isEqualTo("R12");
      return r;
    }

    @Test
    void theSystemMovesAUnitsDeadlineLaterWithAnEventSayingWhy_R10_R12() {
      Item item = monthItem();
      Decision.Accepted moved = accepted(recalendar(item, LEAD, AFTER_THE_FESTIVAL, Actor.SYSTEM));
      assertThat(moved.item().units().get(LEAD).deadline()).contains(AFTER_THE_FESTIVAL);
      assertThat(moved.item().units().get(COOP).deadline()).contains(IN_THE_FESTIVAL);
      assertThat(moved.item().status()).isEqualTo(Status.ACTIVE);
      assertThat(moved.events()).hasSize(1);
      Event event = moved.events().get(0);
      assertThat(event.type()).isEqualTo("deadline_moved");
      assertThat(event.rule()).contains("R12");
      assertThat(event.unitId()).contains(LEAD);
      assertThat(event.data()).isEqualTo(new JsonObject().put("from", IN_THE_FESTIVAL.toString())
          .put("to", AFTER_THE_FESTIVAL.toString()).put("year", 2027));
    }

    @Test
    void noPersonMayMoveADeadlineThisWay_R12() {
      Item item = monthItem();
      for (Actor person : List.of(sponsor(), admin(), supervision(), liaison(LEAD), leader(LeaderRank.MAYOR))) {
        refusal(recalendar(item, LEAD, AFTER_THE_FESTIVAL, person), FORBIDDEN);
      }
    }

    @Test
    void aDeadlineIsNeverMovedEarlierNorToWhereItIs_R12() {
      Item item = monthItem();
      refusal(recalendar(item, LEAD, IN_THE_FESTIVAL.minusSeconds(86_400), Actor.SYSTEM), CONFLICT);
      refusal(recalendar(item, LEAD, IN_THE_FESTIVAL, Actor.SYSTEM), CONFLICT);
      // the make-up day case: the node would now end earlier, and the command would not shorten it either
      Item rolled = assigned(reg().node(Node.SEVEN_DAYS), Instant.parse("2027-02-13T02:00:00Z"));
      refusal(AFTER.decide(rolled, new Command.Recalendar(LEAD, Instant.parse("2027-02-20T02:00:00Z"), 2027), Actor.SYSTEM,
          ASSIGNED), CONFLICT);
    }

    @Test
    void theNewDeadlineIsWhereTheNodeEndsOnTheCalendarAsItStands_R12() {
      Item item = monthItem();
      refusal(recalendar(item, LEAD, AFTER_THE_FESTIVAL.plusSeconds(86_400), Actor.SYSTEM), INVALID);
    }

    @Test
    void onlyAnActiveItemsDeadlinesMove_R12() {
      Item item = monthItem().withStatus(Status.COMPLETION_REQUESTED);
      refusal(recalendar(item, LEAD, AFTER_THE_FESTIVAL, Actor.SYSTEM), CONFLICT);
    }

    @Test
    void theSystemIsNoPersonAndNoPersonIsTheSystem_R12() {
      assertThat(Actor.SYSTEM.isSystem()).isTrue();
      assertThat(Actor.SYSTEM.person()).isEmpty();
      assertThat(Actor.SYSTEM.wireRole()).isEqualTo("system");
      assertThat(sponsor().isSystem()).isFalse();
      assertThatThrownBy(() -> new Actor(7, null, Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Actor(7, Role.ADMIN, Optional.empty(), Optional.empty(), true)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
