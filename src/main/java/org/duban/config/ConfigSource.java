package org.duban.config;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Raw configuration layers: built-in defaults &lt; an optional JSON file (DUBAN_CONFIG) &lt; environment.
 * A key such as {@code http.port} is read from the file as {@code {"http":{"port":8080}}} or
 * {@code {"http.port":8080}}, and from the environment as {@code DUBAN_HTTP_PORT}.
 */
public final class ConfigSource {
  private final Map<String, String> values;
  private final Map<String, String> env;

  private ConfigSource(Map<String, String> values, Map<String, String> env) {
    this.values = values;
    this.env = env;
  }

  /** The layers as the process sees them. */
  public static ConfigSource fromProcess() {
    return of(System.getenv(), Map.of());
  }

  /** Environment plus explicit overrides (the overrides win: used by tests and embedding code). */
  public static ConfigSource of(Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>();
    Optional.ofNullable(env.get("DUBAN_CONFIG")).ifPresent(file -> merged.putAll(readFile(file)));
    env.forEach((name, value) -> keyOfEnv(name).ifPresent(key -> merged.put(key, value)));
    merged.putAll(overrides);
    return new ConfigSource(merged, env);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).map(String::trim);
  }

  /** A variable outside our namespace, such as the standard PG* ones. */
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  static String envNameOf(String key) {
    StringBuilder name = new StringBuilder("DUBAN_");
    for (char c : key.toCharArray()) {
      if (c == '.') name.append('_');
      else if (Character.isUpperCase(c)) name.append('_').append(c);
      else name.append(Character.toUpperCase(c));
    }
    return name.toString();
  }

  private static Optional<String> keyOfEnv(String name) {
    return ConfigKeys.ALL.stream().filter(key -> envNameOf(key).equals(name)).findFirst();
  }

  private static Map<String, String> readFile(String file) {
    try {
      JsonObject json = new JsonObject(Files.readString(Path.of(file)));
      Map<String, String> flat = new HashMap<>();
      flatten("", json, flat);
      return flat;
    } catch (ConfigException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String reason = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
      throw new ConfigException("DUBAN_CONFIG", file, "a readable JSON file (" + reason + ")");
    }
  }

  private static void flatten(String prefix, JsonObject json, Map<String, String> into) {
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      String key = prefix.isEmpty() ? field : prefix + "." + field;
      if (value instanceof JsonObject nested) flatten(key, nested, into);
      else {
        if (!ConfigKeys.ALL.contains(key)) {
          // the value is not shown: a misspelt secret's key must not print the secret
          throw new ConfigException(key, "(hidden)", "a known key: " + String.join(", ", ConfigKeys.ALL));
        }
        into.put(key, String.valueOf(value));
      }
    }
  }
}
