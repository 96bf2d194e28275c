package org.duban.remind;

import java.util.Optional;

/**
 * One reminder SMS as the phone receives it: {@code 【督办】number《title》texts link}, within two
 * segments. A text with any Chinese in it goes as UCS-2, 70 characters in one segment or 67 in each
 * part of a concatenated one, so two segments hold {@link #MAX} characters, counted as UTF-16 code
 * units (a character beyond the BMP takes two, in Java's count as on the air).
 *
 * <p>What gives way when it does not fit: first the title, down to {@link #TITLE_FLOOR} characters and
 * "…" (the number names the item exactly; the title only helps a person recognise it); then the texts,
 * which grow long when R15's merge puts several rules' messages in one SMS; then what is left of the
 * title. The number and the link are never shortened: without them the SMS is no use.
 */
final class SmsText {
  static final int MAX = 134;
  static final int TITLE_FLOOR = 8;
  static final String ELLIPSIS = "…";
  private static final String HEAD = "【督办】";

  private SmsText() {
  }

  /** @param link the sign-in link to the item ({@code https://…/m#code}), when the server has a public address */
  static String of(String number, String title, String texts, Optional<String> link) {
    String tail = link.map(l -> " " + l).orElse("");
    int room = MAX - HEAD.length() - number.length() - "《》".length() - tail.length();
    String[] fitted = fit(title, texts, room);
    return HEAD + number + "《" + fitted[0] + "》" + fitted[1] + tail;
  }

  /** The title and the texts, shortened as little as needed to take at most {@code room} characters together. */
  private static String[] fit(String title, String texts, int room) {
    if (title.length() + texts.length() <= room) return new String[] {title, texts};
    int titleFloor = Math.min(title.length(), TITLE_FLOOR + ELLIPSIS.length());
    if (texts.length() + titleFloor <= room) return new String[] {shorten(title, room - texts.length()), texts};
    String keptTitle = shorten(title, titleFloor);
    String keptTexts = shorten(texts, Math.max(0, room - keptTitle.length()));
    return new String[] {shorten(keptTitle, Math.max(0, room - keptTexts.length())), keptTexts};
  }

  /** At most {@code max} characters, the last of them "…" when anything was cut; a surrogate pair is never split. */
  static String shorten(String text, int max) {
    if (text.length() <= max) return text;
    if (max < ELLIPSIS.length()) return "";
    int end = max - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) end--;
    return text.substring(0, end) + ELLIPSIS;
  }
}
