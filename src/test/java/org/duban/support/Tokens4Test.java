package org.duban.support;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Hand-made HS256 tokens, for the tokens the server must refuse (expired, forged). */
public final class Tokens4Test {
  private Tokens4Test() {
  }

  public static String sign(JsonObject claims, String secret) {
    String header = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").encode());
    String payload = b64(claims.encode());
    return header + "." + payload + "." + hmac(header + "." + payload, secret);
  }

  /** The same token with its payload swapped and the old signature kept. */
  public static String withPayload(String token, JsonObject claims) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + b64(claims.encode()) + "." + parts[2];
  }

  public static JsonObject payloadOf(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(String data, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
