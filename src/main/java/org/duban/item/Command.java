package org.duban.item;

import java.time.Instant;
import java.util.List;

/** Everything that can be asked of an item once it exists. */
public sealed interface Command {
  /** R05: a leader approves the draft; its units are assigned and their deadlines start (R10). */
  record Approve() implements Command {}

  /** A unit submits a report (反馈); R22 decides whom an on-time report notifies. */
  record SubmitReport(long unitId, long reportId, boolean completion) implements Command {}

  /** R30: the sponsor returns a unit's report, with a reason. */
  record ReturnReport(long unitId, String reason) implements Command {}

  record AcceptReport(long unitId) implements Command {}

  /** R32: at least 2 days before the deadline, with a plan. */
  record RequestExtension(long unitId, Instant newDeadline, String plan, List<Extension.Milestone> milestones) implements Command {}

  record GrantExtension(long unitId) implements Command {}

  record RefuseExtension(long unitId, String reason) implements Command {}

  /** R31: the service object's answer to the unit's request to agree to completion. */
  record RecordAgreement(long unitId, boolean agreed, String note) implements Command {}

  /** R31: after 3 or more failed attempts, with the sponsor's consent, expert or public verification. */
  record SendToVerification(String method) implements Command {}

  record RecordVerification(boolean passed, String note) implements Command {}

  /** R31: the lead unit applies for completion (办结申请). */
  record RequestCompletion(long unitId) implements Command {}

  /** R33: excellent / good / pass / fail; fail sends the item back to the unit. */
  record GradeCompletion(Grade grade, String note) implements Command {}

  /** R33: a deputy secretary-general or office leader approves the grade. */
  record ApproveGrade() implements Command {}

  /** R34: the sponsor asks for sign-off. */
  record RequestSignOff() implements Command {}

  /** R34: a deputy secretary-general or office leader checks. */
  record CheckSignOff() implements Command {}

  /** R34: a mayor or vice mayor approves; the item is closed, its number cancelled, archived. */
  record ApproveClose() implements Command {}

  /** R37: a re-check of a closed rectification; a failed one reopens it with a new deadline. */
  record Recheck(boolean passed, String reason, Instant newDeadline) implements Command {}

  /**
   * R10, R12: the system, never a person, moves a unit's node-derived deadline LATER to where the node
   * now ends, after the notice of {@code year} made the day it fell on a day off.
   */
  record Recalendar(long unitId, Instant newDeadline, int year) implements Command {}

  /**
   * R16, R18: the system, never a person, puts the item under key supervision when an escalation message
   * falls due: three days overdue ({@code rule} R16), or a board "2" item's monthly report more than two days
   * late and handed to the supervision office (R18). {@code messageKey} names the planned message that did it.
   */
  record EnterKeySupervision(String rule, String messageKey) implements Command {}
}
