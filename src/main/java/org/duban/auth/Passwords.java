package org.duban.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.duban.fault.Refusal;
import org.duban.fault.Refusal.Kind;

import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id hashing (password4j), run on worker threads: a hash takes tens of milliseconds on
 * purpose and must never stall an event loop.
 */
public final class Passwords {
  // OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane
  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  static final int MAX_IN_FLIGHT = 32;
  private final AtomicInteger inFlight = new AtomicInteger();

  private final Vertx vertx;
  // Checked against when the login is unknown, so that answering "no such person" costs the same time.
  private final Future<String> decoy;

  public Passwords(Vertx vertx) {
    this.vertx = vertx;
    this.decoy = hash("decoy password that matches nothing");
  }

  public Future<String> hash(String password) {
    return bounded(() -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult());
  }

  public Future<Boolean> matches(String password, String hash) {
    return bounded(() -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)));
  }

  /**
   * A flood of logins must not queue minutes of hashing in front of everyone else: past a bound the
   * server answers "busy" at once.
   */
  private <T> Future<T> bounded(Callable<T> work) {
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      return Future.failedFuture(new Refusal(Kind.UNAVAILABLE, "busy", "Too many sign-ins at once", "retry in a few seconds",
          List.of(), Map.of("retryAfterSeconds", 2)));
    }
    return vertx.executeBlocking(work, false).onComplete(done -> inFlight.decrementAndGet());
  }

  /** Spends the same effort as a real check and always says no. */
  public Future<Boolean> mismatchAfterEqualWork(String password) {
    return decoy.compose(hash -> matches(password, hash)).map(ignored -> false);
  }
}
