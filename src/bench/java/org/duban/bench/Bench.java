package org.duban.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the benchmarks share: which of them run, the machine they ran on, and their sections of docs/performance.md. */
final class Bench {
  private Bench() {
  }

  /**
   * Whether the benchmark called {@code name} runs: all do unless {@code -Dbench} names some
   * ({@code -Dbench=socket}, {@code -Dbench=socket,page}). Names: reminder, report-notify, socket, page.
   */
  static boolean selected(String name) {
    String chosen = System.getProperty("bench", "").trim();
    if (chosen.isEmpty() || chosen.equals("all") || chosen.equals("true")) return true;
    boolean on = Arrays.stream(chosen.split(",")).map(String::trim).anyMatch(name::equals);
    if (!on) System.out.println("-Dbench=" + chosen + ": the " + name + " benchmark is skipped");
    return on;
  }

  /** Cores, memory, JDK and operating system, as a sentence's middle. */
  static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, " + memTotalGiB() + " GiB RAM, " + System.getProperty("java.vm.name")
        + " " + System.getProperty("java.version") + ", " + osName() + " (Linux " + System.getProperty("os.version") + ")";
  }

  static String today() {
    return LocalDate.now().toString();
  }

  private static String memTotalGiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: say so below
    }
    return "?";
  }

  private static String osName() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) return line.substring("PRETTY_NAME=".length()).replace("\"", "");
      }
    } catch (IOException e) {
      // fall through
    }
    return System.getProperty("os.name");
  }

  /**
   * Writes {@code section} (its first line the {@code ## heading}) into {@code report}: in place of the section
   * of that heading if there is one, otherwise at the end; every other section is kept. A report other than
   * docs/performance.md starts as a copy of it, so a smaller run's file reads like the real one.
   */
  static void writeSection(Path report, String heading, String section) throws IOException {
    Path docs = Path.of("docs/performance.md");
    String text = Files.exists(report) ? Files.readString(report) : Files.exists(docs) ? Files.readString(docs) : "# Performance\n";
    String marker = "\n" + heading + "\n";
    int at = text.indexOf(marker);
    String body = section.endsWith("\n") ? section : section + "\n";
    String next;
    if (at < 0) {
      next = (text.endsWith("\n") ? text : text + "\n") + "\n" + body;
    } else {
      int end = text.indexOf("\n## ", at + marker.length());
      next = text.substring(0, at + 1) + body + (end < 0 ? "" : text.substring(end));
    }
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, next);
    System.out.println("written to " + report);
  }

  /**
   * The class path this JVM runs the project from, for processes it starts: under {@code exec:java} the
   * system property names Maven's own launcher, and the project's classes come from the context class loader.
   */
  static String classPath() {
    String own = System.getProperty("java.class.path");
    if (own.contains("target" + File.separator + "classes")) return own;
    List<String> entries = new ArrayList<>();
    for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("a class path entry that is not a file: " + url, e);
          }
        }
      }
    }
    if (entries.isEmpty()) throw new IllegalStateException("cannot tell the project's class path from " + own);
    return String.join(File.pathSeparator, entries);
  }

  /** The middle value (the mean of the two middle ones for an even count); 0 for none. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
