package org.duban.remind;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A reminder policy document that cannot be accepted. Carries every problem found, not just the
 * first, so an administrator sees them all at once.
 */
public final class PolicyFormatException extends RuntimeException {
  private final List<FieldError> errors;

  public PolicyFormatException(List<FieldError> errors) {
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
        .collect(Collectors.joining("; ", "invalid reminder policy: ", ""));
  }

  /**
   * One problem.
   *
   * @param field a JSON-pointer path such as {@code /urge/bands/1/every}
   * @param reason readable English, e.g. {@code must be longer than zero}
   */
  public record FieldError(String field, String reason) {}
}
