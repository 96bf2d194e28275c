package org.duban.item;

/** Where an item stands in its lifecycle (R05, R31, R33, R34). */
public enum Status {
  /** registered, awaiting a leader's approval (R05) */
  DRAFT,
  /** approved and assigned: units work and report */
  ACTIVE,
  /** the lead unit applied for completion (R31) */
  COMPLETION_REQUESTED,
  /** graded by the sponsor, awaiting a leader's approval of the grade (R33) */
  GRADED,
  /** the grade is approved; the sponsor may ask for sign-off */
  GRADE_APPROVED,
  /** sign-off asked; a deputy secretary-general or office leader checks it (R34) */
  SIGN_OFF_REQUESTED,
  /** checked; a mayor or vice mayor approves the close-out (R34) */
  SIGN_OFF_CHECKED,
  /** closed out (办结清零), number cancelled (销号), archived */
  CLOSED
}
