package org.duban.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.duban.Digests;

import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sign-in links as a phone gets them: items registered through the API, their first reminders fired by
 * the engine on the drill's clock, and each SMS's link read from what the relay received.
 */
public final class Links4Test {
  /** The public address the SMS link to in tests; a browser test opens the same path on its own origin. */
  public static final String PUBLIC_URL = "https://duban.example.gov.cn";
  private static final Pattern LINK = Pattern.compile(" " + Pattern.quote(PUBLIC_URL) + "/m#([A-Za-z0-9_-]{16})$");
  /** The phones of the demo units an item from {@link Items4Test#registration} reminds (R03). */
  public static final String FGW_FIRST = "13800000007";
  public static final String FGW_LIAISON = "13800000008";
  public static final String ZJJ_FIRST = "13800000009";
  public static final String ZJJ_LIAISON = "13800000010";

  private Links4Test() {
  }

  /** The drill's settings for SMS with links, beyond {@code extra}. */
  public static Map<String, String> settings(Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(Map.of("app.publicUrl", PUBLIC_URL));
    all.putAll(extra);
    return all;
  }

  /**
   * Registers and approves one-day items at the drill's start, then moves the clock to their first
   * reminders (Tuesday 07:00, as the quiet hours hold them): each item's SMS by the phone it went to.
   */
  public static Map<Long, Map<String, JsonObject>> firstReminders(Drill drill, List<String> titles) {
    drill.clockTo("2026-03-02T01:00:00Z");
    List<Long> ids = titles.stream().map(t -> drill.flow.active(t, "1d").getLong("id")).toList();
    drill.clockTo("2026-03-02T23:00:01Z");
    Map<Long, Map<String, JsonObject>> sms = new LinkedHashMap<>();
    for (long id : ids) {
      Await.until("the first reminders of item " + id, () -> drill.receivedFor(id).size() >= 4, Duration.ofSeconds(20));
      Map<String, JsonObject> byPhone = new LinkedHashMap<>();
      drill.receivedFor(id).forEach(m -> byPhone.putIfAbsent(m.getString("to"), m));
      sms.put(id, byPhone);
    }
    return sms;
  }

  /** The code of the link an SMS ends in. */
  public static String codeIn(JsonObject sms) {
    Matcher m = LINK.matcher(sms.getString("text"));
    if (!m.find()) throw new AssertionError("no sign-in link at the end of: " + sms.getString("text"));
    return m.group(1);
  }

  /** The stored digest of a code, as SQL can name it: {@code '\x…'::bytea}. */
  public static String hashLiteral(String code) {
    return "'\\x" + HexFormat.of().formatHex(Digests.sha256(code)) + "'::bytea";
  }

  /** The link's row, found by its code. */
  public static Map<String, Object> row(TestServer server, String code) {
    List<Map<String, Object>> rows = server.database().rows("SELECT * FROM sign_in_link WHERE hash = " + hashLiteral(code));
    if (rows.size() != 1) throw new AssertionError("no link stored for the code");
    return rows.get(0);
  }

  public static HttpResponse<Buffer> open(TestServer server, String code, String token) {
    return server.send(HttpMethod.POST, "/auth/link", token, new JsonObject().put("code", code));
  }

  public static HttpResponse<Buffer> confirm(TestServer server, String code, String otp) {
    return server.send(HttpMethod.POST, "/auth/link", null, new JsonObject().put("code", code).put("otp", otp));
  }

  /** Open sessions of a person: what signing in adds to. */
  public static long sessions(TestServer server, long personId) {
    return ((Number) server.database().rows("SELECT count(*) AS n FROM session WHERE person_id = " + personId + " AND ended_at IS NULL")
        .get(0).get("n")).longValue();
  }
}
