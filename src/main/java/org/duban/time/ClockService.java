package org.duban.time;

import io.vertx.core.json.JsonObject;
import org.duban.fault.Refusal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one domain clock, and the drill controls over it. Without {@code clock.simulated} the clock is
 * the system's: it reads, but it cannot be set or advanced, and the controls say so (a conflict with the
 * mode the server was started in, not a missing resource) and name the switch a drill needs.
 */
public final class ClockService {
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private final Clock clock;
  private final Optional<SimulatedClock> simulated;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  private ClockService(Clock clock, Optional<SimulatedClock> simulated) {
    this.clock = clock;
    this.simulated = simulated;
  }

  public static ClockService system() {
    return new ClockService(Clock.systemUTC(), Optional.empty());
  }

  public static ClockService simulated(Instant start) {
    SimulatedClock sim = new SimulatedClock(start);
    return new ClockService(sim, Optional.of(sim));
  }

  public Clock clock() {
    return clock;
  }

  public JsonObject describe() {
    Instant now = clock.instant();
    return new JsonObject()
        .put("now", now.toString())
        .put("local", now.atZone(Zones.SHANGHAI).toOffsetDateTime().toString())
        .put("zone", Zones.SHANGHAI.getId())
        .put("simulated", simulated.isPresent());
  }

  public JsonObject set(Instant to) {
    SimulatedClock clock = drill();
    clock.set(withinRange("/now", to));
    listeners.forEach(Runnable::run);
    return describe();
  }

  /** Called after every drill change of time: whatever waits for a moment must look again. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  public JsonObject advance(Duration by) {
    SimulatedClock clock = drill();
    if (by.isNegative() || by.isZero()) throw Refusal.invalid("/by", "must be a positive duration such as PT5H");
    try {
      clock.set(withinRange("/by", clock.instant().plus(by)));
    } catch (ArithmeticException | DateTimeException tooFar) {
      throw Refusal.invalid("/by", "would take the clock beyond " + LATEST);
    }
    listeners.forEach(Runnable::run);
    return describe();
  }

  /** Drills stay within the years the calendar and the database are meant for. */
  private static Instant withinRange(String field, Instant instant) {
    if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
      throw Refusal.invalid(field, "the clock must stay between " + EARLIEST + " and " + LATEST);
    }
    return instant;
  }

  private SimulatedClock drill() {
    return simulated.orElseThrow(ClockService::onSystemClock);
  }

  private static Refusal onSystemClock() {
    return new Refusal(Refusal.Kind.CONFLICT, "conflict", "The server runs on the system clock",
        "the server runs on the system clock, which cannot be set or advanced; drills need a server started with"
            + " clock.simulated (DUBAN_CLOCK_SIMULATED=true, and DUBAN_CLOCK_START for where it begins)", List.of(), null);
  }
}
