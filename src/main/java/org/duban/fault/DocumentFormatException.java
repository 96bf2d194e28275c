package org.duban.fault;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document (a calendar year's notice, a reminder policy) that cannot be accepted. Carries every
 * problem found, not just the first, so an import can show them all at once.
 */
public final class DocumentFormatException extends RuntimeException {
  private final List<FieldError> errors;

  /** @param what the kind of document, for the message: "calendar year", "reminder policy" */
  public DocumentFormatException(String what, List<FieldError> errors) {
    super(summary(what, errors));
    this.errors = List.copyOf(errors);
  }

  /** The problems, in the order they were found; never empty. */
  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(String what, List<FieldError> errors) {
    if (errors.isEmpty()) throw new IllegalArgumentException("a format error needs at least one field error");
    return errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ", "invalid " + what + ": ", ""));
  }

}
