package org.duban.remind;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An ISO-8601 amount of time such as {@code PT5H}, {@code P1D}, {@code P1M} or {@code P1DT2H},
 * applied to a local date-time in Asia/Shanghai (R11): the date part by the calendar (so {@code
 * P1M} from 31 January is the end of February), the time part by the clock.
 *
 * <p>Neither {@link Period} nor {@link Duration} alone reads all of these forms, hence this type.
 * It keeps the text it was read from, so a policy document is written back as it was given.
 * Never negative.
 */
public final class Span {
  private final String text;
  private final Period period;
  private final Duration duration;

  private Span(String text, Period period, Duration duration) {
    this.text = text;
    this.period = period;
    this.duration = duration;
  }

  /**
   * Reads {@code P[nY][nM][nW][nD][T[nH][nM][nS]]}.
   *
   * @throws IllegalArgumentException with a readable reason if the text is not such an amount,
   *     or any part of it is negative
   */
  public static Span parse(String text) {
    int t = text.indexOf('T');
    String datePart = t < 0 ? text : text.substring(0, t);
    try {
      Period p = "P".equals(datePart) && t > 0 ? Period.ZERO : Period.parse(datePart);
      Duration d = t < 0 ? Duration.ZERO : Duration.parse("P" + text.substring(t));
      if (p.getYears() < 0 || p.getMonths() < 0 || p.getDays() < 0 || d.isNegative()) {
        throw new IllegalArgumentException("must not be negative, not \"" + text + "\"");
      }
      return new Span(text, p, d);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "must be an ISO-8601 amount such as PT5H, P1D or P1M, not \"" + text + "\"", e);
    }
  }

  public ZonedDateTime after(ZonedDateTime start) {
    return start.plus(period).plus(duration);
  }

  public ZonedDateTime before(ZonedDateTime end) {
    return end.minus(duration).minus(period);
  }

  // the k-th step of a series is counted from its anchor, so that monthly steps do not drift to the 28th
  Span times(int k) {
    return new Span(text + "*" + k, period.multipliedBy(k), duration.multipliedBy(k));
  }

  public boolean isZero() {
    return period.isZero() && duration.isZero();
  }

  /**
   * The length, when the amount is only days and time (no months or years): Shanghai keeps no
   * daylight saving, so a day is always 24 hours there.
   */
  public Optional<Duration> fixedLength() {
    if (period.getYears() != 0 || period.getMonths() != 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofDays(period.getDays()).plus(duration));
  }

  /** Whether there is no time-of-day part, as in {@code P7D}. */
  public boolean wholeDays() {
    return duration.isZero();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Span s && s.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The text it was read from. */
  @Override
  public String toString() {
    return text;
  }
}
