package org.duban.item;

import java.time.Period;

/** R10: the 13710 time nodes, counted from assignment. */
public enum Node {
  ONE_DAY("1d", Period.ofDays(1)),
  THREE_DAYS("3d", Period.ofDays(3)),
  SEVEN_DAYS("7d", Period.ofDays(7)),
  ONE_MONTH("1m", Period.ofMonths(1));

  final String wire;
  final Period period;

  Node(String wire, Period period) {
    this.wire = wire;
    this.period = period;
  }

  public String wire() {
    return wire;
  }

  public static Node fromWire(String value) {
    for (Node node : values()) if (node.wire.equals(value)) return node;
    throw new IllegalArgumentException("unknown node " + value);
  }

  /** R32: only these nodes may be extended into continuous follow-up. */
  boolean extendable() {
    return this == SEVEN_DAYS || this == ONE_MONTH;
  }
}
