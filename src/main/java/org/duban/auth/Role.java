package org.duban.auth;

import java.util.Locale;

/** Who a person is to the system. Names match the contract's {@code x-roles} values. */
public enum Role {
  /** 系统管理员: units, people, calendar, clock. */
  ADMIN,
  /** 督查室: key supervision and accountability across all units. */
  SUPERVISION,
  /** 立项科室 staff: registers and supervises items ("whoever registers, supervises"). */
  SPONSOR,
  /** 领导: reads everything, approves. */
  LEADER,
  /** 联络员 of a responsible unit: sees and answers only their own unit's items. */
  LIAISON;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
