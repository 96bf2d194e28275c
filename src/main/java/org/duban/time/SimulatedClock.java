package org.duban.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until it is set or advanced, for demos and tests that need to
 * reach a deadline without waiting for it. Thread-safe. Its zone is UTC like the server's;
 * rules convert with {@link Zones#SHANGHAI} (R11), so the zone never changes a deadline.
 */
public final class SimulatedClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public SimulatedClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  // views made by withZone share the instant, so moving one moves them all
  private SimulatedClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in {@code zone} that reads and moves the same instant as this clock. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new SimulatedClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** Jumps to {@code instant}, forwards or backwards. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Moves time forward by {@code duration} and returns the new instant.
   *
   * @throws IllegalArgumentException if {@code duration} is zero or negative
   */
  public Instant advance(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("can only advance by a positive duration: " + duration);
    }
    return now.updateAndGet(i -> i.plus(duration));
  }

  @Override
  public String toString() {
    return "SimulatedClock[" + instant() + ", " + zone + "]";
  }
}
