package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.duban.fault.Refusal;
import org.duban.fault.Refusal.Kind;
import org.duban.notify.Outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in with the link of a reminder SMS (R60): the link's code, once, signs its person in on the
 * phone that opened it, or, where the policy asks for it ({@link Mode#CODE}), has a six-digit code sent
 * to that person's phone first, so that a forwarded link is no use to whoever it was forwarded to.
 *
 * <p>A link that cannot sign anyone in (used, expired, bound to nobody, its person deactivated or moved
 * to another phone) gets one answer, whichever it is; a genuine one also names its item, so the app can
 * open it once the person has signed in another way. An unknown code gets the same answer without an
 * item: it reveals nothing. Every try, a refused one included, takes a token from its client's bucket
 * ({@link LinkThrottle}) before the database is asked anything.
 */
public final class LinkSignIn {
  /** {@code auth.linkSignIn}: whether a link signs in on its own, or asks for a one-time code sent to the phone. */
  public enum Mode {
    DIRECT, CODE;

    public static Mode fromWire(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  static final Duration OTP_TTL = Duration.ofMinutes(10);
  static final int OTP_ATTEMPTS = 5;
  static final int OTP_SENDS = 3;
  /** Long enough after expiry to tell its person the link is spent rather than unknown; then forgotten. */
  static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(7);
  static final String OTP_TEXT = "【督办】登录验证码 %s，%d 分钟内有效。如非本人操作，请忽略本短信。";

  private final Pool pool;
  private final LinkRepository links;
  private final AuthService auth;
  private final Clock wall;
  private final Mode mode;
  private final LinkThrottle throttle;
  private final Runnable onQueued;

  /** What a link did. */
  public sealed interface Outcome permits SignedIn, StillSignedIn, CodeSent {
  }

  /** A new session for the link's person, as a login makes it. */
  public record SignedIn(JsonObject tokens, long itemId) implements Outcome {
  }

  /** Its person was signed in on this phone already: the session goes on, the link is spent. */
  public record StillSignedIn(long itemId) implements Outcome {
  }

  /**
   * A one-time code is on its way to the phone ({@code sentTo}, shown masked): sent now ({@code fresh}), or
   * earlier and still valid, so no other was sent. The link is genuine: its item may be named.
   */
  public record CodeSent(String sentTo, Duration expiresIn, boolean fresh, long itemId) implements Outcome {
  }

  /**
   * @param wall     security times run on the wall clock, like sessions'
   * @param onQueued told when a one-time code's SMS is in the outbox, to hand it to the relay at once
   */
  public LinkSignIn(Pool pool, AuthService auth, Clock wall, Mode mode, int triesPerMinute, Runnable onQueued) {
    this.pool = pool;
    this.links = new LinkRepository(pool);
    this.auth = auth;
    this.wall = wall;
    this.mode = mode;
    this.throttle = new LinkThrottle(wall, triesPerMinute);
    this.onQueued = onQueued;
  }

  /**
   * A link opened from {@code client}, by {@code caller} when someone is signed in on that phone already.
   * With {@code otp}, in {@link Mode#CODE}, the one-time code sent for it.
   */
  public Future<Outcome> open(String client, String code, Optional<String> otp, Optional<Principal> caller) {
    return throttled(client).compose(v -> {
      byte[] hash = LinkCodes.digest(code);
      if (caller.isPresent()) return openSignedIn(hash, caller.get());
      if (mode == Mode.DIRECT) return signIn(hash, "signed in");
      return otp.isPresent() ? confirm(hash, otp.get()) : sendCode(hash);
    });
  }

  /** Forgets links expired a week ago. */
  public Future<Integer> purge() {
    return links.purge(wall.instant().minus(KEPT_AFTER_EXPIRY));
  }

  private Future<Void> throttled(String client) {
    return throttle.take(client).map(wait -> Future.<Void>failedFuture(tooMany(wait))).orElseGet(Future::succeededFuture);
  }

  /** Spent and a session opened in one transaction: if the session cannot be written, the link still works. */
  private Future<Outcome> signIn(byte[] hash, String reason) {
    Instant now = wall.instant();
    return pool.withTransaction(tx -> links.spend(tx, hash, now, reason).compose(spent -> spent
            .map(s -> auth.openSession(tx, s.personId(), s.role()).map(tokens -> Optional.<Outcome>of(new SignedIn(tokens, s.itemId()))))
            .orElseGet(() -> Future.succeededFuture(Optional.empty()))))
        .compose(done -> done.map(Future::succeededFuture).orElseGet(() -> refused(hash, now)));
  }

  /**
   * Someone is signed in on the phone already. Its own link just opens the item; anyone else's is spent
   * without signing in (it was forwarded, or the phone is shared), so it cannot be used after a sign-out either.
   */
  private Future<Outcome> openSignedIn(byte[] hash, Principal caller) {
    Instant now = wall.instant();
    return pool.withTransaction(tx -> links.spend(tx, hash, now, "opened while person " + caller.personId() + " was signed in"))
        .compose(spent -> spent
            .map(s -> s.personId() == caller.personId()
                ? Future.<Outcome>succeededFuture(new StillSignedIn(s.itemId()))
                : Future.<Outcome>failedFuture(unusable(Optional.of(s.itemId()))))
            .orElseGet(() -> refused(hash, now)));
  }

  /** {@link Mode#CODE}: a one-time code to the link's phone, through the outbox, unless one is on its way already. */
  private Future<Outcome> sendCode(byte[] hash) {
    Instant now = wall.instant();
    String otp = LinkCodes.newOneTimeCode();
    return pool.withTransaction(tx -> links.issueOtp(tx, hash, LinkCodes.oneTimeDigest(hash, otp), now, now.plus(OTP_TTL), OTP_SENDS)
            .compose(issued -> issued
                .map(i -> Outbox.signInCode(tx, i.itemId(), i.phone(), OTP_TEXT.formatted(otp, OTP_TTL.toMinutes()), List.of("R60"), otp, now)
                    .map(Optional.of(i)))
                .orElseGet(() -> Future.succeededFuture(Optional.empty()))))
        .compose(issued -> {
          if (issued.isEmpty()) return noCodeIssued(hash, now);
          onQueued.run();
          return Future.succeededFuture(new CodeSent(masked(issued.get().phone()), OTP_TTL, true, issued.get().itemId()));
        });
  }

  /** A code still on its way is not sent twice; a link whose codes ran out is spent. */
  private Future<Outcome> noCodeIssued(byte[] hash, Instant now) {
    return links.find(hash, now).compose(found -> {
      if (found.isEmpty() || !found.get().usable()) return refused(found);
      LinkRepository.Found f = found.get();
      if (f.otpExpiresAt().filter(now::isBefore).isPresent()) {
        return Future.succeededFuture(new CodeSent(masked(f.phone()), Duration.between(now, f.otpExpiresAt().get()), false, f.itemId()));
      }
      return links.burn(hash, now, "one-time codes used up").compose(v -> refused(found));
    });
  }

  /** {@link Mode#CODE}, the second step: the six digits, counted before they are compared. */
  private Future<Outcome> confirm(byte[] hash, String otp) {
    Instant now = wall.instant();
    return links.reserveAttempt(hash, now, OTP_ATTEMPTS).compose(attempt -> {
      if (attempt.isEmpty()) return noAttempt(hash, now);
      if (LinkCodes.sameOneTimeCode(attempt.get().otpHash(), hash, otp)) return signIn(hash, "signed in with a one-time code");
      int left = OTP_ATTEMPTS - attempt.get().attempts();
      if (left > 0) return Future.failedFuture(wrongCode(left));
      return links.burn(hash, now, "one-time code wrong " + OTP_ATTEMPTS + " times").compose(v -> refused(hash, now));
    });
  }

  /** No attempt could be counted: the link is unusable, or its code expired (open the link again for another). */
  private Future<Outcome> noAttempt(byte[] hash, Instant now) {
    return links.find(hash, now).compose(found -> found.isPresent() && found.get().usable()
        ? Future.failedFuture(codeExpired(found.get().itemId()))
        : refused(found));
  }

  private Future<Outcome> refused(byte[] hash, Instant now) {
    return links.find(hash, now).compose(this::refused);
  }

  private Future<Outcome> refused(Optional<LinkRepository.Found> found) {
    return Future.failedFuture(unusable(found.map(LinkRepository.Found::itemId)));
  }

  /** 138****0008: enough for the person to recognise their phone, not enough to learn someone's number. */
  static String masked(String phone) {
    if (phone.length() < 8) return "****" + phone.substring(Math.max(0, phone.length() - 2));
    return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
  }

  static Refusal unusable(Optional<Long> itemId) {
    return new Refusal(Kind.UNAUTHENTICATED, "link-unusable", "This link can no longer sign you in",
        "this link can no longer sign you in: sign in with your login and password", List.of(),
        itemId.map(id -> Map.<String, Object>of("itemId", id)).orElse(null));
  }

  private static Refusal tooMany(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return new Refusal(Kind.TOO_MANY, "rate-limited", "Too many sign-in links tried",
        "too many sign-in links were tried from this address; try again in " + seconds + " seconds",
        List.of(), Map.of("retryAfterSeconds", seconds));
  }

  private static Refusal wrongCode(int attemptsLeft) {
    return new Refusal(Kind.UNAUTHENTICATED, "otp-wrong", "The one-time code is wrong",
        "the one-time code is not the one sent; " + attemptsLeft + " more tries", List.of(), Map.of("attemptsLeft", attemptsLeft));
  }

  private static Refusal codeExpired(long itemId) {
    return new Refusal(Kind.UNAUTHENTICATED, "otp-expired", "The one-time code has expired",
        "the one-time code has expired: ask for a new one by opening the link again", List.of(), Map.of("itemId", itemId));
  }
}
