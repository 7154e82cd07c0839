package org.causalworkbench.core.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * One configuration key with its default and what it means. Keys are dotted
 * ({@code kafka.bootstrap}); the same key can be set as an environment variable in upper case with
 * underscores and a {@code WORKBENCH_} prefix ({@code WORKBENCH_KAFKA_BOOTSTRAP}).
 */
public record ConfigOption(String key, String defaultValue, String description) implements Serializable {

  public String environmentVariable() {
    return "WORKBENCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
