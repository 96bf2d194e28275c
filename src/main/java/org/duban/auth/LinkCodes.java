package org.duban.auth;

import org.duban.Digests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of a sign-in link: its code, 96 bits from {@link SecureRandom} in 16 characters of
 * base64url (an SMS has little room, and a guess among 2^96 codes, at a handful a minute, never lands),
 * and, when the policy asks for it, a six-digit one-time code sent to the phone. Both are kept only as
 * SHA-256 digests.
 */
final class LinkCodes {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final int CODE_BYTES = 12;

  private LinkCodes() {
  }

  static String newCode() {
    byte[] bytes = new byte[CODE_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] digest(String code) {
    return Digests.sha256(code);
  }

  /** Six digits, leading zeros kept. */
  static String newOneTimeCode() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  /** Tied to its link: the same six digits for another link are another digest. */
  static byte[] oneTimeDigest(byte[] linkHash, String oneTimeCode) {
    byte[] digits = oneTimeCode.getBytes(StandardCharsets.US_ASCII);
    byte[] both = new byte[linkHash.length + digits.length];
    System.arraycopy(linkHash, 0, both, 0, linkHash.length);
    System.arraycopy(digits, 0, both, linkHash.length, digits.length);
    return Digests.sha256(both);
  }

  /** In constant time: how long a comparison takes says nothing of how many digits were right. */
  static boolean sameOneTimeCode(byte[] stored, byte[] linkHash, String presented) {
    return stored != null && MessageDigest.isEqual(stored, oneTimeDigest(linkHash, presented));
  }
}
