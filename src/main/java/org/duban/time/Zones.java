package org.duban.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The zone every deadline and schedule is evaluated in (R11: China Standard Time, whatever
 * the server's own zone is).
 */
public final class Zones {
  /** Asia/Shanghai: the only zone rules are evaluated in (R11). */
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private Zones() {}

  /** Today's date in Shanghai by {@code clock}, so a UTC server clock cannot shift it (R11). */
  public static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(SHANGHAI));
  }

  /** The Shanghai date of {@code instant} (R11). */
  public static LocalDate localDate(Instant instant) {
    return instant.atZone(SHANGHAI).toLocalDate();
  }
}
