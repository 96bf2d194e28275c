package org.duban.time;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A calendar year that cannot be accepted (R12). Carries every problem found, not just the
 * first, so an admin import can show them all at once.
 */
public final class CalendarFormatException extends RuntimeException {
  private final List<FieldError> errors;

  public CalendarFormatException(List<FieldError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  /** The problems, in the order they were found; never empty. */
  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a format error needs at least one field error");
    }
    return errors.stream()
        .map(e -> e.field() + ": " + e.reason())
        .collect(Collectors.joining("; ", "invalid calendar year: ", ""));
  }

  /**
   * One problem.
   *
   * @param field a JSON-pointer-like path such as {@code /holidays/2/from}
   * @param reason readable English, e.g. {@code must be a date in yyyy-MM-dd form}
   */
  public record FieldError(String field, String reason) {}
}
