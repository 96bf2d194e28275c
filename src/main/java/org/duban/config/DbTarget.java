package org.duban.config;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where PostgreSQL is. {@code db.url} (DUBAN_DB_URL) wins; otherwise the default
 * {@code postgresql://postgres@127.0.0.1:5432/duban} with any standard PG* variable replacing its part.
 */
public record DbTarget(String host, int port, String database, String user, Optional<String> password) {
  static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/duban";

  static DbTarget resolve(ConfigSource source) {
    Optional<String> explicit = source.get(ConfigKeys.DB_URL).filter(v -> !v.isBlank());
    if (explicit.isPresent()) return parse(explicit.get());
    DbTarget base = parse(DEFAULT_URL);
    return new DbTarget(
        source.env("PGHOST").orElse(base.host),
        source.env("PGPORT").map(p -> port(p, "PGPORT")).orElse(base.port),
        source.env("PGDATABASE").orElse(base.database),
        source.env("PGUSER").orElse(base.user),
        source.env("PGPASSWORD"));
  }

  static DbTarget parse(String url) {
    try {
      URI uri = URI.create(url);
      if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) throw new IllegalArgumentException();
      String userInfo = Optional.ofNullable(uri.getRawUserInfo()).orElse("postgres");
      String[] userAndPassword = userInfo.split(":", 2);
      String database = uri.getPath() == null || uri.getPath().length() < 2 ? "duban" : uri.getPath().substring(1);
      return new DbTarget(
          Optional.ofNullable(uri.getHost()).orElse("127.0.0.1"),
          uri.getPort() < 0 ? 5432 : uri.getPort(),
          decode(database),
          decode(userAndPassword[0]),
          userAndPassword.length > 1 ? Optional.of(decode(userAndPassword[1])) : Optional.empty());
    } catch (RuntimeException e) {
      throw new ConfigException(ConfigKeys.DB_URL, redact(url), "a URL such as postgresql://user:password@host:5432/database");
    }
  }

  /** The same server, another database: used to create ours, and by tests for throwaway ones. */
  public DbTarget withDatabase(String other) {
    return new DbTarget(host, port, other, user, password);
  }

  /** The full URL, password included: for handing to another process, never for logs. */
  public String url() {
    String credentials = encode(user) + password.map(p -> ":" + encode(p)).orElse("");
    return "postgresql://" + credentials + "@" + host + ":" + port + "/" + encode(database);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + (password.isPresent() ? ":***" : "") + "@" + host + ":" + port + "/" + database;
  }

  private static int port(String text, String key) {
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) throw new NumberFormatException();
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, text, "a port from 1 to 65535");
    }
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
  }
}
