package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import org.duban.fault.Refusal;
import org.duban.fault.Refusal.Kind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Password login with lock-out, refresh-token rotation and logout. Security times (token and session
 * expiry, lock-out) follow the wall clock given here, never the simulated domain clock.
 */
public final class AuthService {
  private final AuthRepository repository;
  private final Passwords passwords;
  private final Tokens tokens;
  private final Clock wall;
  private final Duration refreshTtl;
  private final int maxFailures;
  private final Duration lockout;

  public AuthService(Pool pool, Passwords passwords, Tokens tokens, Clock wall, Duration refreshTtl,
                     int maxFailures, Duration lockout) {
    this.repository = new AuthRepository(pool);
    this.passwords = passwords;
    this.tokens = tokens;
    this.wall = wall;
    this.refreshTtl = refreshTtl;
    this.maxFailures = maxFailures;
    this.lockout = lockout;
  }

  /**
   * Each attempt is counted per login name before the password is checked, known name or not, so
   * parallel guesses cannot outrun the lock and the lock does not reveal which names exist.
   */
  public Future<JsonObject> login(String login, String password) {
    Instant now = wall.instant();
    return repository.reserveAttempt(login, maxFailures, now.plus(lockout), now).compose(allowed -> allowed
        ? repository.credentials(login).compose(found -> found
            .map(credentials -> check(login, credentials, password))
            .orElseGet(() -> passwords.mismatchAfterEqualWork(password).compose(no -> Future.failedFuture(badCredentials()))))
        : repository.lockedUntil(login).compose(until -> Future.failedFuture(locked(Duration.between(now, until.orElse(now))))));
  }

  public Future<JsonObject> refresh(String refreshToken) {
    String next = Tokens.newRefreshToken();
    Instant now = wall.instant();
    byte[] presented = Tokens.digest(refreshToken);
    return repository.rotate(presented, Tokens.digest(next), now, now.plus(refreshTtl))
        .compose(rotated -> rotated
            .map(r -> Future.succeededFuture(tokenPair(r.personId(), r.sessionId(), r.role(), next)))
            .orElseGet(() -> repository.endOnReuse(presented, now).compose(reused -> Future.failedFuture(Refusal.unauthenticated(reused
                ? "this refresh token was already used; the session is ended, sign in again"
                : "the refresh token is unknown, expired or ended")))));
  }

  /** How long a session lasts without use: the refresh cookie's lifetime too. */
  public Duration refreshTtl() {
    return refreshTtl;
  }

  public Future<Void> logout(Principal principal) {
    return repository.endSession(principal.sessionId(), wall.instant(), "logout");
  }

  /** The principal behind a session, if the session and its person are still active. */
  public Future<Optional<Principal>> principal(UUID sessionId) {
    return repository.activePrincipal(sessionId, wall.instant());
  }

  /** Of many sessions at once, those still open with their person active, each with its principal as the database says now. */
  public Future<java.util.Map<UUID, Principal>> principals(java.util.Collection<UUID> sessionIds) {
    if (sessionIds.isEmpty()) return Future.succeededFuture(java.util.Map.of());
    return repository.activePrincipals(sessionIds, wall.instant());
  }

  private Future<JsonObject> check(String login, AuthRepository.Credentials credentials, String password) {
    return passwords.matches(password, credentials.passwordHash()).compose(ok -> ok && credentials.active()
        ? openSession(login, credentials)
        : Future.failedFuture(badCredentials()));
  }

  private Future<JsonObject> openSession(String login, AuthRepository.Credentials credentials) {
    return repository.clearAttempts(login)
        .compose(v -> openSession(repository.pool(), credentials.personId(), credentials.role()));
  }

  /**
   * A new session for a person, as a login makes it: its row, an access token naming it and a refresh
   * token. Written through {@code client}, so a sign-in link can be spent in the same transaction.
   */
  Future<JsonObject> openSession(SqlClient client, long personId, Role role) {
    UUID sessionId = UUID.randomUUID();
    String refresh = Tokens.newRefreshToken();
    Instant now = wall.instant();
    return repository.openSession(client, sessionId, personId, Tokens.digest(refresh), now, now.plus(refreshTtl))
        .map(v -> tokenPair(personId, sessionId, role, refresh));
  }

  private JsonObject tokenPair(long personId, UUID sessionId, Role role, String refresh) {
    return new JsonObject()
        .put("accessToken", tokens.access(personId, sessionId, role))
        .put("tokenType", "Bearer")
        .put("expiresIn", tokens.accessTtl().toSeconds())
        .put("refreshToken", refresh)
        .put("personId", personId)
        .put("role", role.wire());
  }

  private static Refusal badCredentials() {
    return Refusal.unauthenticated("the login or password is wrong, or the account is disabled");
  }

  private static Refusal locked(Duration remaining) {
    long seconds = Math.max(1, remaining.toSeconds());
    return new Refusal(Kind.TOO_MANY, "locked", "Too many failed logins",
        "this account is locked after repeated failed logins; try again in " + seconds + " seconds",
        List.of(), Map.of("retryAfterSeconds", seconds));
  }
}
