package org.duban.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void timeStandsStillUntilMoved() throws InterruptedException {
    SimulatedClock clock = new SimulatedClock(START);
    Thread.sleep(5);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
  }

  @Test
  void setJumpsToTheGivenInstant() {
    SimulatedClock clock = new SimulatedClock(START);
    Instant later = Instant.parse("2026-10-08T01:00:00Z");
    clock.set(later);
    assertThat(clock.instant()).isEqualTo(later);
  }

  @Test
  void advanceMovesForwardAndReturnsTheNewInstant() {
    SimulatedClock clock = new SimulatedClock(START);
    assertThat(clock.advance(Duration.ofHours(30))).isEqualTo(START.plus(Duration.ofHours(30)));
    assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(30)));
  }

  @Test
  void advanceByNegativeOrZeroIsRejectedAndLeavesTimeAlone() {
    SimulatedClock clock = new SimulatedClock(START);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.advance(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void zoneIsUtcAndAZoneViewSharesTheInstant_R11() {
    SimulatedClock clock = new SimulatedClock(START);
    Clock shanghai = clock.withZone(Zones.SHANGHAI);
    clock.advance(Duration.ofHours(1));
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(shanghai.getZone()).isEqualTo(Zones.SHANGHAI);
    assertThat(shanghai.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
    assertThat(ZonedDateTime.now(shanghai).getHour()).isEqualTo(9);
  }

  @Test
  void todayIsTheShanghaiDateNotTheUtcDate_R11() {
    SimulatedClock clock = new SimulatedClock(Instant.parse("2026-09-30T16:30:00Z"));
    assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.parse("2026-09-30"));
    assertThat(Zones.today(clock)).isEqualTo(LocalDate.parse("2026-10-01"));
  }

  @Test
  void concurrentAdvancesAreNotLost() throws InterruptedException {
    SimulatedClock clock = new SimulatedClock(START);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 10_000; i++) {
      pool.execute(() -> clock.advance(Duration.ofMillis(1)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(clock.instant()).isEqualTo(START.plusMillis(10_000));
  }
}
