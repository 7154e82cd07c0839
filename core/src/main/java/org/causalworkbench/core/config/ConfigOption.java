package org.causalworkbench.core.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * One configuration key with its default and what it means. Keys are dotted
 * ({@code kafka.bootstrap}); the same key can be set as an environment variable in upper case with
 * underscores and a {@code WORKBENCH_} prefix ({@code WORKBENCH_KAFKA_BOOTSTRAP}).
 *
 * <p>A key ending in a dot is a prefix: every key that starts with it is passed on to a library as
 * its own property ({@code kafka.client.security.protocol}). Prefixed keys come from the
 * configuration file or command-line flags, not the environment, whose names cannot tell a dot from
 * a dash.
 */
public record ConfigOption(String key, String defaultValue, String description) implements Serializable {

  public boolean isPrefix() {
    return key.endsWith(".");
  }

  public String environmentVariable() {
    if (isPrefix()) {
      return "file or flag only";
    }
    return "WORKBENCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
