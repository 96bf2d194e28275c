package org.duban.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Reads one typed value per key, refusing what does not parse or lies outside its range. */
final class Reader {
  private final ConfigSource source;

  Reader(ConfigSource source) {
    this.source = source;
  }

  String text(String key, String fallback) {
    String value = source.get(key).orElse(fallback);
    if (value.isBlank()) throw new ConfigException(key, "(blank)", "a non-blank value");
    return value;
  }

  int integer(String key, int fallback, int min, int max) {
    Optional<String> raw = source.get(key);
    if (raw.isEmpty()) return fallback;
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, raw.get(), "a whole number from " + min + " to " + max);
    }
  }

  boolean bool(String key, boolean fallback) {
    Optional<String> raw = source.get(key);
    if (raw.isEmpty()) return fallback;
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(key, raw.get(), "true or false");
    };
  }

  /** ISO-8601 durations (PT15M) or a number with a unit suffix (15m, 7d, 30s, 500ms), within bounds. */
  Duration duration(String key, Duration fallback, Duration min, Duration max) {
    Optional<String> raw = source.get(key);
    if (raw.isEmpty()) return fallback;
    Duration value = parseDuration(raw.get());
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(key, raw.get(), "a duration from " + min + " to " + max + ", such as PT15M, 15m, 7d or 500ms");
    }
    return value;
  }

  Optional<Instant> instant(String key) {
    Optional<String> raw = source.get(key);
    try {
      return raw.map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw new ConfigException(key, raw.get(), "an ISO-8601 instant such as 2026-03-02T01:00:00Z");
    }
  }

  /** An http(s) URL; its query may carry a token, so the value is not repeated in errors. */
  Optional<String> url(String key) {
    Optional<String> raw = source.get(key).filter(v -> !v.isEmpty());
    raw.ifPresent(value -> {
      try {
        URI uri = URI.create(value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) throw new IllegalArgumentException();
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, "(hidden)", "an http or https URL such as https://sms-relay.example/send");
      }
    });
    return raw;
  }

  /**
   * An origin: http(s), a host, perhaps a port, no path, query or fragment; a trailing slash is dropped.
   * At most {@code maxLength} characters, as it goes into every SMS.
   */
  Optional<String> origin(String key, int maxLength) {
    Optional<String> raw = source.get(key).filter(v -> !v.isEmpty()).map(v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    raw.ifPresent(value -> {
      String allowed = "an http or https origin of at most " + maxLength + " characters, such as https://duban.example.gov.cn";
      try {
        URI uri = URI.create(value);
        boolean origin = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
            && uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
            && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!origin || value.length() > maxLength) throw new ConfigException(key, value, allowed);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, value, allowed);
      }
    });
    return raw;
  }

  /** One of a few words, in any case; answered in lower case. */
  String choice(String key, String fallback, java.util.List<String> allowed) {
    String value = source.get(key).orElse(fallback).toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) throw new ConfigException(key, value, "one of " + String.join(", ", allowed));
    return value;
  }

  /** An HTTP header's name, when one is given. */
  Optional<String> headerName(String key) {
    Optional<String> raw = source.get(key).filter(v -> !v.isEmpty());
    raw.ifPresent(value -> {
      if (!value.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")) throw new ConfigException(key, value, "an HTTP header name such as X-Real-IP");
    });
    return raw;
  }

  /** A secret is checked for length but its value never appears in the error. */
  Optional<String> secret(String key, int minLength) {
    Optional<String> raw = source.get(key).filter(v -> !v.isEmpty());
    if (raw.isPresent() && raw.get().length() < minLength) {
      throw new ConfigException(key, "(" + raw.get().length() + " characters, hidden)", "at least " + minLength + " characters");
    }
    return raw;
  }

  private static Duration parseDuration(String text) {
    try {
      if (text.startsWith("P") || text.startsWith("p")) return Duration.parse(text.toUpperCase(Locale.ROOT));
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.endsWith("ms")) return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
      long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
      return switch (lower.charAt(lower.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }
}
