package org.duban.remind;

import java.util.Locale;

/** Who a planned message is for (R03, R13, R16, R18). */
public enum Recipient {
  /** the unit's first and specific responsible persons (R03, 001 §6, §9) */
  UNIT_RESPONSIBLE,
  /** the sponsor office (立项主体 / 督办主体) that registered and supervises the item */
  SPONSOR_OFFICE,
  /** the supervision office (督查室): key supervision and accountability */
  SUPERVISION_OFFICE;

  /** As stored: {@code unit_responsible}, {@code sponsor_office}, {@code supervision_office}. */
  static Recipient stored(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /**
   * Whether the reader differs by unit: a unit's responsible persons are that unit's, while an office
   * is one reader whatever unit a message is about (R15 Reading: its messages due together are one).
   */
  boolean readsPerUnit() {
    return this == UNIT_RESPONSIBLE;
  }
}
