package org.duban.auth;

import java.util.Locale;

/**
 * How senior a leader is, for the approvals the regulations ask of particular levels (001 §12,
 * §17, §18): an office leader (办公厅分管领导) or a deputy secretary-general (副秘书长) "or above"
 * approves registration and grades and checks a sign-off; only a mayor or vice mayor closes an item.
 */
public enum LeaderRank {
  OFFICE_LEADER, DEPUTY_SECRETARY_GENERAL, SECRETARY_GENERAL, VICE_MAYOR, MAYOR;

  /**
   * The secretariat level (办公厅分管领导, 副秘书长, 秘书长): it approves grades and checks sign-offs
   * (001 §17, §18), so the mayor or vice mayor who closes an item is someone else.
   */
  public boolean isSecretariat() {
    return this == OFFICE_LEADER || this == DEPUTY_SECRETARY_GENERAL || this == SECRETARY_GENERAL;
  }

  public boolean atLeast(LeaderRank other) {
    return compareTo(other) >= 0;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LeaderRank fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
