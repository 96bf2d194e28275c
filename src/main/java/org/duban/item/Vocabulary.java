package org.duban.item;

import java.util.Locale;

/** The item's small vocabularies, each spelled on the wire in lower case. */
final class Vocabulary {
  private Vocabulary() {
  }

  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }
}
