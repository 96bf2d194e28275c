package org.duban.config;

/** A configuration value the server cannot start with: names the key, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String value, String allowed) {
    super("config " + key + "=" + value + " is not allowed: " + allowed);
  }
}
