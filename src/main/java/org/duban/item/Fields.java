package org.duban.item;

import org.duban.fault.Refusal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Conversions of request fields the contract has checked for shape but not for meaning. */
public final class Fields {
  private Fields() {
  }

  /** An offset date-time as an instant, or a problem naming the field. */
  public static Instant instant(String field, String text) {
    if (text == null) return null;
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(field, "must be a date-time with an offset, such as 2026-03-02T18:00:00+08:00");
    }
  }
}
