package org.duban.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client sent, quoted back short: a problem or a log line may show the start of a value, never
 * all of it, so 100 KB in is not 100 KB out (nor 100 KB in the log). Applied where problems and
 * access lines are made, so no refusal has to remember it.
 */
final class Excerpts {
  /** Characters of one quoted value, or of one word (a JSON pointer, a path). */
  static final int VALUE = 64;
  /** Characters of one problem member in all: server texts are far shorter. */
  static final int TEXT = 400;
  static final String CUT = "…";
  // a quoted value is one unit however many spaces it holds; outside quotes a word is one
  private static final Pattern UNITS = Pattern.compile("\"([^\"]*)\"|([^\\s\"]+)");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");

  private Excerpts() {
  }

  /** Each quoted value and each word cut to {@link #VALUE} characters, the whole to {@link #TEXT}. */
  static String bound(String text) {
    if (text == null || text.length() <= VALUE) return text;
    Matcher units = UNITS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (units.find()) {
      String unit = units.group(1) != null ? "\"" + prefix(units.group(1), VALUE) + "\"" : prefix(units.group(2), VALUE);
      units.appendReplacement(out, Matcher.quoteReplacement(unit));
    }
    units.appendTail(out);
    return prefix(out.toString(), TEXT);
  }

  /** For a log line: one line, at most {@code limit} characters. */
  static String forLog(String text, int limit) {
    if (text == null) return "-";
    String start = prefix(text, limit);
    return CONTROL.matcher(start).replaceAll("?");
  }

  /** The first {@code limit} characters (code points, so a pair is never split), and a mark if there was more. */
  static String prefix(String text, int limit) {
    if (text.length() <= limit || text.codePointCount(0, text.length()) <= limit) return text;
    return text.substring(0, text.offsetByCodePoints(0, limit)) + CUT;
  }
}
