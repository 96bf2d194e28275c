package org.duban.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that becomes true asynchronously, failing after a deadline: no fixed sleeps. */
public final class Await {
  private Await() {
  }

  public static void until(String what, BooleanSupplier condition, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
