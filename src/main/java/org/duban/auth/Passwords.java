package org.duban.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id hashing (password4j), run on worker threads: a hash takes tens of milliseconds on
 * purpose and must never stall an event loop.
 */
public final class Passwords {
  // OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane
  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  public static final int MIN_LENGTH = 10;

  private final Vertx vertx;
  // Checked against when the login is unknown, so that answering "no such person" costs the same time.
  private final Future<String> decoy;

  public Passwords(Vertx vertx) {
    this.vertx = vertx;
    this.decoy = hash("decoy password that matches nothing");
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult(), false);
  }

  public Future<Boolean> matches(String password, String hash) {
    return vertx.executeBlocking(() -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)), false);
  }

  /** Spends the same effort as a real check and always says no. */
  public Future<Boolean> mismatchAfterEqualWork(String password) {
    return decoy.compose(hash -> matches(password, hash)).map(ignored -> false);
  }
}
