package org.duban.remind;

import org.duban.remind.ReminderPolicy.QuietHours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.duban.remind.Fixtures.sh;

/** What a claim does with messages that come to it late: the rules re-read at the moment of sending. */
class LateFiringTest {
  static final Optional<QuietHours> QUIET = Optional.of(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));
  static final Instant DEADLINE = sh("2026-03-03 09:00");

  static FiringRepository.Claimed message(String key, long unit, String sendAt, List<String> kinds, List<String> rules) {
    Instant at = sh(sendAt);
    return new FiringRepository.Claimed(key, 7, unit, "unit_responsible", kinds, rules, 1, at, at, at);
  }

  static LateFiring.Outcome sort(Instant now, FiringRepository.Claimed... claimed) {
    return LateFiring.sort(List.of(claimed), now, version -> QUIET, (item, unit) -> Optional.of(DEADLINE));
  }

  @Test
  void anOnTimeMessageGoesAsPlanned() {
    FiringRepository.Claimed urge = message("a", 21, "2026-03-03 12:00", List.of("urge"), List.of("R15"));
    LateFiring.Outcome outcome = sort(sh("2026-03-03 12:00"), urge);
    assertThat(outcome.send()).containsExactly(new LateFiring.Send(urge, List.of()));
    assertThat(outcome.hold()).isEmpty();
    assertThat(outcome.skip()).isEmpty();
  }

  @Test
  void aBeforeTheDeadlineReminderClaimedAfterTheDeadlineIsSkipped_R13() {
    FiringRepository.Claimed before = message("b", 21, "2026-03-03 07:00", List.of("before_deadline"), List.of("R13", "R21"));
    LateFiring.Outcome outcome = sort(sh("2026-03-03 10:00"), before);
    assertThat(outcome.send()).isEmpty();
    assertThat(outcome.skip()).containsOnlyKeys("b");
  }

  @Test
  void aBeforeTheDeadlineReminderClaimedLateButBeforeTheDeadlineStillGoes_R13() {
    FiringRepository.Claimed before = message("b", 21, "2026-03-03 07:00", List.of("before_deadline"), List.of("R13", "R21"));
    LateFiring.Outcome outcome = sort(sh("2026-03-03 08:59"), before);
    assertThat(outcome.send()).extracting(s -> s.message().key()).containsExactly("b");
  }

  @Test
  void aMergedMessageLosesOnlyItsBeforeTheDeadlinePart_R13() {
    FiringRepository.Claimed merged = message("m", 21, "2026-03-03 07:00", List.of("before_deadline", "weekly"), List.of("R13", "R17"));
    LateFiring.Outcome outcome = sort(sh("2026-03-03 09:30"), merged);
    assertThat(outcome.send()).singleElement().satisfies(s -> assertThat(s.message().kinds()).containsExactly("weekly"));
  }

  @Test
  void aMessageClaimedLateInTheQuietHoursWaitsForTheirEnd_R21() {
    FiringRepository.Claimed urge = message("u", 21, "2026-03-03 21:00", List.of("urge"), List.of("R15"));
    LateFiring.Outcome outcome = sort(sh("2026-03-03 23:30"), urge);
    assertThat(outcome.send()).isEmpty();
    assertThat(outcome.hold()).containsExactly(Map.entry("u", sh("2026-03-04 07:00")));
  }

  @Test
  void aMessageLateAfterMidnightWaitsForSevenTheSameMorning_R21() {
    FiringRepository.Claimed urge = message("u", 21, "2026-03-03 21:00", List.of("urge"), List.of("R15"));
    assertThat(sort(sh("2026-03-04 01:10"), urge).hold()).containsExactly(Map.entry("u", sh("2026-03-04 07:00")));
  }

  @Test
  void aMessageOnlyMinutesLateIntoTheQuietHoursStillGoes_R21() {
    FiringRepository.Claimed urge = message("u", 21, "2026-03-03 21:58", List.of("urge"), List.of("R15"));
    LateFiring.Outcome outcome = sort(sh("2026-03-03 22:02"), urge);
    assertThat(outcome.hold()).isEmpty();
    assertThat(outcome.send()).hasSize(1);
  }

  @Test
  void aPolicyWithoutQuietHoursHoldsNothing_R21() {
    FiringRepository.Claimed urge = message("u", 21, "2026-03-03 21:00", List.of("urge"), List.of("R15"));
    LateFiring.Outcome outcome = LateFiring.sort(List.of(urge), sh("2026-03-03 23:30"), version -> Optional.empty(),
        (item, unit) -> Optional.of(DEADLINE));
    assertThat(outcome.send()).hasSize(1);
  }

  @Test
  void lateMessagesToOnePersonAreOneMessageCarriedByTheLatest_R15() {
    FiringRepository.Claimed urge1 = message("u1", 21, "2026-03-03 12:00", List.of("urge"), List.of("R15"));
    FiringRepository.Claimed after = message("a5", 21, "2026-03-03 14:00", List.of("after_deadline"), List.of("R13"));
    FiringRepository.Claimed urge2 = message("u2", 21, "2026-03-03 15:00", List.of("urge"), List.of("R15"));
    LateFiring.Outcome outcome = sort(sh("2026-03-03 20:00"), urge2, urge1, after);
    assertThat(outcome.send()).singleElement().satisfies(s -> {
      assertThat(s.message().key()).isEqualTo("u2");
      assertThat(s.message().kinds()).containsExactly("after_deadline", "urge");
      assertThat(s.message().rules()).containsExactly("R13", "R15");
      assertThat(s.carried()).containsExactly("u1", "a5");
    });
  }

  @Test
  void messagesForDifferentUnitsOrRecipientsStaySeparate_R15() {
    FiringRepository.Claimed lead = message("l", 21, "2026-03-03 12:00", List.of("urge"), List.of("R15"));
    FiringRepository.Claimed coop = message("c", 22, "2026-03-03 12:00", List.of("urge"), List.of("R15"));
    Instant at = sh("2026-03-03 12:00");
    FiringRepository.Claimed sponsor = new FiringRepository.Claimed("s", 7, 21L, "sponsor_office", List.of("escalate_sponsor"),
        List.of("R16"), 1, at, at, at);
    assertThat(sort(sh("2026-03-03 20:00"), lead, coop, sponsor).send()).hasSize(3).allSatisfy(s -> assertThat(s.carried()).isEmpty());
  }

  @Test
  void messagesOnTimeOrOnlySecondsLateAreNotGatheredWhateverTheyShare_R15() {
    FiringRepository.Claimed a = message("a", 21, "2026-03-03 12:00", List.of("urge"), List.of("R15"));
    FiringRepository.Claimed b = message("b", 21, "2026-03-03 12:00", List.of("weekly"), List.of("R17"));
    assertThat(sort(sh("2026-03-03 12:00"), a, b).send()).hasSize(2).allSatisfy(s -> assertThat(s.carried()).isEmpty());
    assertThat(sort(sh("2026-03-03 12:04"), a, b).send()).hasSize(2);
    assertThat(sort(sh("2026-03-03 12:06"), a, b).send()).hasSize(1);
  }

  @Test
  void messagesHeldOverTheQuietHoursAreGatheredWhenTheyEnd_R15_R21() {
    Instant seven = sh("2026-03-04 07:00");
    FiringRepository.Claimed urge1 = new FiringRepository.Claimed("u1", 7, 21L, "unit_responsible", List.of("urge"), List.of("R15"), 1,
        sh("2026-03-03 18:00"), seven, sh("2026-03-03 18:00"));
    FiringRepository.Claimed urge2 = new FiringRepository.Claimed("u2", 7, 21L, "unit_responsible", List.of("urge"), List.of("R15"), 1,
        sh("2026-03-03 21:00"), seven, sh("2026-03-03 21:00"));
    LateFiring.Outcome outcome = sort(sh("2026-03-04 07:00"), urge1, urge2);
    assertThat(outcome.hold()).isEmpty();
    assertThat(outcome.send()).singleElement().satisfies(s -> assertThat(s.carried()).hasSize(1));
  }

  @Test
  void ruleIdsAreOrderedByNumberNotAsText() {
    FiringRepository.Claimed a = message("a", 21, "2026-03-03 12:00", List.of("urge"), List.of("R9"));
    FiringRepository.Claimed b = message("b", 21, "2026-03-03 13:00", List.of("after_deadline"), List.of("R13"));
    assertThat(sort(sh("2026-03-03 20:00"), a, b).send().get(0).message().rules()).containsExactly("R9", "R13");
  }
}
