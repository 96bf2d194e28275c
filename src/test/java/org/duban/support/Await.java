package org.duban.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that becomes true asynchronously, failing after a deadline: no fixed sleeps. */
public final class Await {
  private Await() {
  }

  public static void until(String what, BooleanSupplier condition, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      // polls every 20 ms: the condition is checked, not a fixed time waited
      LockSupport.parkNanos(20_000_000L);
    }
  }
}
