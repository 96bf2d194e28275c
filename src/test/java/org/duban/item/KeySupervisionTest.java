package org.duban.item;

import io.vertx.core.json.JsonObject;
import org.duban.auth.LeaderRank;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.duban.item.Decision.Refused.Kind.CONFLICT;
import static org.duban.item.Decision.Refused.Kind.FORBIDDEN;
import static org.duban.item.ItemFixtures.LEAD;
import static org.duban.item.ItemFixtures.accepted;
import static org.duban.item.ItemFixtures.active;
import static org.duban.item.ItemFixtures.admin;
import static org.duban.item.ItemFixtures.closed;
import static org.duban.item.ItemFixtures.completionRequested;
import static org.duban.item.ItemFixtures.leader;
import static org.duban.item.ItemFixtures.liaison;
import static org.duban.item.ItemFixtures.refused;
import static org.duban.item.ItemFixtures.sponsor;
import static org.duban.item.ItemFixtures.supervision;

/**
 * R16, R18: key supervision is a system command like R12's recalendar: the reminder engine asks it when an
 * escalation falls due, and it goes through the lifecycle, so the item has one writer and the timeline one
 * event, with the system as its actor.
 */
class KeySupervisionTest {
  static final Lifecycle LIFECYCLE = ItemFixtures.LIFECYCLE;
  static final Instant NOW = Instant.parse("2026-03-06T02:00:00Z");

  static Decision enter(Item item, String rule, Actor actor) {
    return LIFECYCLE.decide(item, new Command.EnterKeySupervision(rule, "m-1"), actor, NOW);
  }

  @Test
  void threeDaysOverdueTheSystemPutsTheItemUnderKeySupervisionWithOneEvent_R16() {
    Decision.Accepted entered = accepted(enter(active(), "R16", Actor.SYSTEM));
    assertThat(entered.item().keySupervision()).isTrue();
    assertThat(entered.item().status()).isEqualTo(Status.ACTIVE);
    assertThat(entered.events()).hasSize(1);
    Event event = entered.events().get(0);
    assertThat(event.type()).isEqualTo("key_supervision");
    assertThat(event.rule()).contains("R16");
    assertThat(event.unitId()).isEmpty();
    assertThat(event.data()).isEqualTo(new JsonObject().put("message", "m-1"));
  }

  @Test
  void theMonthlyHandOffDoesTheSameUnderItsOwnRule_R18() {
    Decision.Accepted entered = accepted(enter(active(), "R18", Actor.SYSTEM));
    assertThat(entered.item().keySupervision()).isTrue();
    assertThat(entered.events().get(0).rule()).contains("R18");
  }

  @Test
  void anItemPastActiveButNotClosedStillEscalates_R16() {
    Item waiting = completionRequested(active());
    assertThat(accepted(enter(waiting, "R16", Actor.SYSTEM)).item().keySupervision()).isTrue();
  }

  @Test
  void noPersonPutsAnItemUnderKeySupervisionThisWay_R16() {
    for (Actor person : List.of(sponsor(), admin(), supervision(), liaison(LEAD), leader(LeaderRank.MAYOR))) {
      Decision.Refused r = refused(enter(active(), "R16", person));
      assertThat(r.kind()).isEqualTo(FORBIDDEN);
      assertThat(r.rule()).isEqualTo("R16");
    }
  }

  @Test
  void onceIsEnoughAndAClosedItemIsPastIt_R16_R18() {
    Item under = accepted(enter(active(), "R18", Actor.SYSTEM)).item();
    Decision.Refused again = refused(enter(under, "R16", Actor.SYSTEM));
    assertThat(again.kind()).isEqualTo(CONFLICT);
    assertThat(refused(enter(closed(active()), "R16", Actor.SYSTEM)).kind()).isEqualTo(CONFLICT);
  }

  @Test
  void onlyTheEscalationRulesDoIt() {
    assertThatThrownBy(() -> enter(active(), "R13", Actor.SYSTEM)).isInstanceOf(IllegalArgumentException.class);
  }
}
