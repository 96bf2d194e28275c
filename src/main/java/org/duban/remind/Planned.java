package org.duban.remind;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message the {@link Planner} expects an item to trigger.
 *
 * @param dueAt when the rule says it is due (the earliest of a merged message's parts)
 * @param sendAt when it may go out: {@code dueAt}, or the end of the quiet hours it falls in (R21)
 * @param itemId the item
 * @param unitId the unit it is about; empty for a message about the whole item (key supervision, hand-off)
 * @param recipient who receives it
 * @param kinds what it says, sorted, e.g. {@code [after_deadline, urge]} after a merge (R15 Reading)
 * @param rules the rule IDs that caused it, sorted by number, e.g. {@code [R13, R15, R21]}; R21 is
 *     listed when quiet hours held a part back
 * @param policyVersion the version of the {@link ReminderPolicy} that planned it
 * @param key a dedupe key: the same inputs give the same key, two messages of one plan never share one
 */
public record Planned(Instant dueAt, Instant sendAt, long itemId, Optional<Long> unitId, Recipient recipient,
                      List<String> kinds, List<String> rules, int policyVersion, String key) {
  public static final String BEFORE_DEADLINE = "before_deadline";
  public static final String AFTER_DEADLINE = "after_deadline";
  public static final String URGE = "urge";
  public static final String ESCALATE_SPONSOR = "escalate_sponsor";
  public static final String KEY_SUPERVISION = "key_supervision";
  public static final String WEEKLY = "weekly";
  public static final String MONTHLY_URGE = "monthly_urge";
  public static final String MONTHLY_SPONSOR_URGE = "monthly_sponsor_urge";
  public static final String MONTHLY_HAND_OFF = "monthly_hand_off";
  public static final String QUARTERLY_SUMMARY = "quarterly_summary";
  /** R20: a report due within a span of assignment (meeting decisions, leaders' instructions). */
  public static final String REPORT_DUE = "report_due";
  /** R20: a report on the quarter before, due by a date of the year (the annual key work). */
  public static final String QUARTERLY_REPORT_DUE = "quarterly_report_due";
  /** R20: a reply to the NPC deputy or CPPCC member who made the suggestion or proposal. */
  public static final String REPLY_DUE = "reply_due";
  /** R20: if the unit cannot finish in time, it reports the reasons and its progress now. */
  public static final String REPORT_REASON_EARLY = "report_reason_early";

  public Planned {
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(sendAt, "sendAt");
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(key, "key");
    kinds = List.copyOf(kinds);
    rules = List.copyOf(rules);
    if (sendAt.isBefore(dueAt)) {
      throw new IllegalArgumentException("a message cannot go out before it is due: " + key);
    }
  }
}
