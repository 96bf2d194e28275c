package org.duban.live;

import org.duban.remind.Upcoming;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** An item's countdown by the clock alone: its phases and the moments they, or its next reminder, change. */
class CountdownTest {
  static final Instant DEADLINE = Instant.parse("2026-03-09T01:00:00Z");

  static Upcoming reminderAt(Instant sendAt) {
    return new Upcoming(1, 4L, "unit_responsible", List.of("before_deadline"), List.of("R13"), sendAt, sendAt, "k");
  }

  @Test
  void thePhasesFollowTheDeadlineAndKeySupervisionOutranksThem_R16() {
    Countdown countdown = new Countdown(Optional.of(DEADLINE), false, Optional.empty());
    assertThat(countdown.phaseAt(DEADLINE.minus(Duration.ofHours(25)))).isEqualTo("before");
    assertThat(countdown.phaseAt(DEADLINE.minus(Duration.ofHours(24)))).isEqualTo("due_within_24h");
    assertThat(countdown.phaseAt(DEADLINE)).isEqualTo("due_within_24h");
    assertThat(countdown.phaseAt(DEADLINE.plusMillis(1))).isEqualTo("overdue");
    assertThat(new Countdown(Optional.of(DEADLINE), true, Optional.empty()).phaseAt(DEADLINE.minus(Duration.ofDays(5)))).isEqualTo("key_supervision");
    assertThat(new Countdown(Optional.empty(), false, Optional.empty()).phaseAt(DEADLINE)).isEqualTo("none");
  }

  @Test
  void theNextMomentIsTheEarlierOfThePhaseBoundaryAndTheNextReminder() {
    Instant now = DEADLINE.minus(Duration.ofDays(3));
    Instant reminder = DEADLINE.minus(Duration.ofDays(2));
    Countdown countdown = new Countdown(Optional.of(DEADLINE), false, Optional.of(reminderAt(reminder)));
    assertThat(countdown.nextBoundary(now)).contains(reminder);
    assertThat(countdown.reminderDue(now)).isFalse();
    assertThat(countdown.reminderDue(reminder)).isTrue();
    // once it is due, the next moment is the phase's again
    assertThat(countdown.nextBoundary(reminder)).contains(DEADLINE.minus(Duration.ofHours(24)));
    // with nothing owed, only the reminder moves the countdown
    assertThat(new Countdown(Optional.empty(), false, Optional.of(reminderAt(reminder))).nextBoundary(now)).contains(reminder);
    assertThat(new Countdown(Optional.empty(), false, Optional.empty()).nextBoundary(now)).isEmpty();
  }

  @Test
  void theNextReminderIsNamedInTheCountdownOrNull() {
    Instant reminder = DEADLINE.minus(Duration.ofDays(2));
    assertThat(new Countdown(Optional.of(DEADLINE), false, Optional.of(reminderAt(reminder))).toJson(reminder).getJsonObject("nextReminder")
        .getString("sendAt")).isEqualTo(reminder.toString());
    assertThat(new Countdown(Optional.of(DEADLINE), false, Optional.empty()).toJson(reminder).containsKey("nextReminder")).isTrue();
    assertThat(new Countdown(Optional.of(DEADLINE), false, Optional.empty()).toJson(reminder).getValue("nextReminder")).isNull();
  }
}
