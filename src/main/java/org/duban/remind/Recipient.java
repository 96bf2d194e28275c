package org.duban.remind;

/** Who a planned message is for (R03, R13, R16, R18). */
public enum Recipient {
  /** the unit's first and specific responsible persons (R03, 001 §6, §9) */
  UNIT_RESPONSIBLE,
  /** the sponsor office (立项主体 / 督办主体) that registered and supervises the item */
  SPONSOR_OFFICE,
  /** the supervision office (督查室): key supervision and accountability */
  SUPERVISION_OFFICE
}
