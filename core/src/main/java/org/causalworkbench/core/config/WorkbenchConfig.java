package org.causalworkbench.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolved configuration. A key's value comes from, last wins: its default, a properties file, a
 * {@code WORKBENCH_*} environment variable, then explicit overrides (command-line flags).
 * Serializable so Flink operators can carry it to task managers.
 */
public final class WorkbenchConfig implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, String> values;

  private WorkbenchConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Only defaults; what tests start from. */
  public static WorkbenchConfig defaults() {
    return new WorkbenchConfig(Map.of());
  }

  /**
   * Resolves configuration from an optional properties file, the environment and overrides.
   *
   * @param propertiesFile may be null or missing
   */
  public static WorkbenchConfig load(Path propertiesFile, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    if (propertiesFile != null && Files.isRegularFile(propertiesFile)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read configuration file " + propertiesFile + ": " + e.getMessage(), e);
      }
      properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
    }
    for (ConfigOption option : WorkbenchOptions.all()) {
      if (option.isPrefix()) {
        continue;
      }
      String fromEnv = environment.get(option.environmentVariable());
      if (fromEnv != null) {
        values.put(option.key(), fromEnv);
      }
    }
    values.putAll(overrides);
    return new WorkbenchConfig(values);
  }

  /** A copy with {@code key} set to {@code value}. */
  public WorkbenchConfig with(ConfigOption option, String value) {
    return with(option.key(), value);
  }

  /** A copy with the configuration key {@code key} (as {@code -D} names it) set to {@code value}. */
  public WorkbenchConfig with(String key, String value) {
    if (!WorkbenchOptions.isKey(key)) {
      throw new IllegalArgumentException("'" + key + "' is no configuration key; ./workbench config lists them all");
    }
    Map<String, String> copy = new HashMap<>(values);
    copy.put(key, value);
    return new WorkbenchConfig(copy);
  }

  /** The keys under a prefix option, with the prefix taken off ({@code security.protocol}). */
  public Map<String, String> withPrefix(ConfigOption prefix) {
    requirePrefix(prefix);
    Map<String, String> out = new java.util.TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix.key()) && k.length() > prefix.key().length()) {
        out.put(k.substring(prefix.key().length()), v);
      }
    });
    return out;
  }

  /** A copy without any key under a prefix option. */
  public WorkbenchConfig withoutPrefix(ConfigOption prefix) {
    requirePrefix(prefix);
    Map<String, String> copy = new HashMap<>(values);
    copy.keySet().removeIf(k -> k.startsWith(prefix.key()));
    return new WorkbenchConfig(copy);
  }

  private static void requirePrefix(ConfigOption option) {
    if (!option.isPrefix()) {
      throw new IllegalArgumentException(option.key() + " is a key, not a prefix");
    }
  }

  public String get(ConfigOption option) {
    return values.getOrDefault(option.key(), option.defaultValue());
  }

  public boolean isSet(ConfigOption option) {
    String value = values.get(option.key());
    return value != null && !value.isBlank();
  }

  public int getInt(ConfigOption option) {
    return parse(option, Integer::parseInt);
  }

  public long getLong(ConfigOption option) {
    return parse(option, Long::parseLong);
  }

  public double getDouble(ConfigOption option) {
    return parse(option, Double::parseDouble);
  }

  public boolean getBoolean(ConfigOption option) {
    String raw = get(option).trim();
    if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(raw);
    }
    throw new IllegalArgumentException("configuration key " + option.key() + " must be true or false, but is '" + raw + "'");
  }

  public Path getPath(ConfigOption option) {
    return Path.of(get(option));
  }

  private <T> T parse(ConfigOption option, java.util.function.Function<String, T> parser) {
    String raw = get(option).trim();
    try {
      return parser.apply(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "configuration key " + option.key() + " must be a number, but is '" + raw + "' (default "
              + option.defaultValue() + ")", e);
    }
  }

  @Override
  public String toString() {
    return "WorkbenchConfig" + values.keySet();
  }
}
