package org.duban.time;

import org.duban.fault.DocumentFormatException;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The work calendar years shipped with the server (R12), read from the classpath. A new year
 * is shipped by adding {@code calendar/prc-YYYY.json} and a line naming it in {@code
 * calendar/index.txt}; between releases an admin import adds it at run time.
 */
public final class CalendarData {
  static final String DIRECTORY = "calendar/";
  static final String INDEX = DIRECTORY + "index.txt";

  private CalendarData() {}

  /**
   * Every year listed in the index, in index order.
   *
   * @throws IllegalStateException if the index or a listed file is missing or invalid: the
   *     build shipped broken data and the server must not start with it
   */
  public static List<CalendarYear> shipped() {
    List<CalendarYear> years = new ArrayList<>();
    for (String name : fileNames()) {
      years.add(parse(name, read(DIRECTORY + name)));
    }
    return List.copyOf(years);
  }

  /** File names from the index; blank lines and {@code #} comments are skipped. */
  static List<String> fileNames() {
    return read(INDEX).lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static CalendarYear parse(String name, String text) {
    try {
      return CalendarYear.fromJson(new JsonObject(text));
    } catch (DecodeException | DocumentFormatException e) {
      throw new IllegalStateException("shipped calendar " + name + " is invalid: "
          + e.getMessage(), e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = CalendarData.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
