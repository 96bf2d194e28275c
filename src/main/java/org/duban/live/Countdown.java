package org.duban.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.remind.Upcoming;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An item's countdown as the phone shows it: the deadline that matters to the person (the earliest one a unit
 * they may see still owes) and its phase at a moment. Key supervision (R16) outranks the clock; otherwise
 * {@code overdue} past the deadline, {@code due_within_24h} in its last 24 hours, {@code before} earlier, and
 * {@code none} when nothing is owed (a closed item, one whose reports are all in). With it, the next reminder the
 * person may see ({@link Upcoming#firstSeenBy}), which the clock alone also moves on once it is sent.
 */
record Countdown(Optional<Instant> deadline, boolean keySupervision, Optional<Upcoming> nextReminder) {
  static final Duration DUE_SOON = Duration.ofHours(24);

  /** From a row of {@code GET /items}: its {@code nextDeadline} is already the caller's. */
  static Countdown ofRow(JsonObject row, Optional<Upcoming> nextReminder) {
    return new Countdown(instant(row.getString("nextDeadline")), Boolean.TRUE.equals(row.getBoolean("keySupervision")), nextReminder);
  }

  /**
   * From an item as {@code GET /items/{id}} shows it to the person: the earliest deadline of a unit that still
   * owes a report on an active item. A liaison's view carries the report state of their own unit only, so
   * only its deadline counts, as on their list.
   */
  static Countdown ofItem(JsonObject item, Optional<Upcoming> nextReminder) {
    boolean active = "active".equals(item.getString("status"));
    Instant earliest = null;
    JsonArray units = item.getJsonArray("units", new JsonArray());
    for (int i = 0; active && i < units.size(); i++) {
      JsonObject unit = units.getJsonObject(i);
      String status = unit.getString("status");
      if (!"assigned".equals(status) && !"returned".equals(status)) continue;
      Optional<Instant> deadline = instant(unit.getString("deadline"));
      if (deadline.isPresent() && (earliest == null || deadline.get().isBefore(earliest))) earliest = deadline.get();
    }
    return new Countdown(Optional.ofNullable(earliest), Boolean.TRUE.equals(item.getBoolean("keySupervision")), nextReminder);
  }

  Countdown withNextReminder(Optional<Upcoming> next) {
    return new Countdown(deadline, keySupervision, next);
  }

  /** Whether the next reminder's time has come, so what follows it is to be read. */
  boolean reminderDue(Instant now) {
    return nextReminder.isPresent() && !now.isBefore(nextReminder.get().sendAt());
  }

  String phaseAt(Instant now) {
    if (keySupervision) return "key_supervision";
    if (deadline.isEmpty()) return "none";
    if (now.isAfter(deadline.get())) return "overdue";
    if (!now.isBefore(deadline.get().minus(DUE_SOON))) return "due_within_24h";
    return "before";
  }

  /** The next moment after {@code now} at which the clock alone changes the countdown: its phase or its next reminder. */
  Optional<Instant> nextBoundary(Instant now) {
    Optional<Instant> phase = nextPhaseBoundary(now);
    Optional<Instant> reminder = nextReminder.map(Upcoming::sendAt).filter(now::isBefore);
    if (phase.isEmpty()) return reminder;
    return reminder.isPresent() && reminder.get().isBefore(phase.get()) ? reminder : phase;
  }

  private Optional<Instant> nextPhaseBoundary(Instant now) {
    if (keySupervision || deadline.isEmpty()) return Optional.empty();
    Instant soon = deadline.get().minus(DUE_SOON);
    if (now.isBefore(soon)) return Optional.of(soon);
    // overdue is strictly after the deadline
    Instant past = deadline.get().plusMillis(1);
    return now.isBefore(past) ? Optional.of(past) : Optional.empty();
  }

  JsonObject toJson(Instant now) {
    return new JsonObject().put("deadline", deadline.map(Instant::toString).orElse(null)).put("phase", phaseAt(now))
        .put("nextReminder", nextReminder.map(Upcoming::toJson).orElse(null));
  }

  private static Optional<Instant> instant(String text) {
    return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
  }
}
