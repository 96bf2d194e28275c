package org.duban.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.auth.JWTOptions;
import org.duban.Digests;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Short-lived signed access tokens (HS256) that name a session, and opaque refresh tokens of which the
 * database keeps only a SHA-256 digest. Token lifetimes run on the wall clock, not the domain clock:
 * advancing a drill's simulated time must neither log everyone out nor stretch a token's life.
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final JWTAuth jwt;
  private final Duration accessTtl;

  public Tokens(Vertx vertx, String secret, Duration accessTtl) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    this.accessTtl = accessTtl;
  }

  public JWTAuth provider() {
    return jwt;
  }

  public Duration accessTtl() {
    return accessTtl;
  }

  public String access(long personId, UUID sessionId, Role role) {
    JsonObject claims = new JsonObject().put("sid", sessionId.toString()).put("role", role.wire());
    return jwt.generateToken(claims, new JWTOptions()
        .setAlgorithm("HS256")
        .setSubject(Long.toString(personId))
        .setExpiresInSeconds((int) accessTtl.toSeconds()));
  }

  public static String newRefreshToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] digest(String refreshToken) {
    return Digests.sha256(refreshToken);
  }

  /** A random signing secret for servers started without one: tokens then die with the process. */
  public static String randomSecret() {
    byte[] bytes = new byte[48];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
