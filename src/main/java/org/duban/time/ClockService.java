package org.duban.time;

import io.vertx.core.json.JsonObject;
import org.duban.http.Problem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one domain clock, and the drill controls over it. Without {@code clock.simulated} the clock is
 * the system's and the controls answer 404, as if they did not exist.
 */
public final class ClockService {
  private final Clock clock;
  private final Optional<SimulatedClock> simulated;

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
    drill().set(to);
    return describe();
  }

  public JsonObject advance(Duration by) {
    if (by.isNegative() || by.isZero()) throw Problem.invalid("/by", "must be a positive duration such as PT5H");
    drill().advance(by);
    return describe();
  }

  private SimulatedClock drill() {
    return simulated.orElseThrow(() -> Problem.notFound("the clock control (the server runs on the system clock)"));
  }
}
