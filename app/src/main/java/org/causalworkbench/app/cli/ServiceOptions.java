package org.causalworkbench.app.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import picocli.CommandLine.Option;

/** Options every command that touches the broker or the store takes. */
public final class ServiceOptions {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory of the embedded broker, database and caches (default: ./data).")
  Path dataDir;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of the embedded broker.")
  String bootstrap;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "Use this PostgreSQL (jdbc:postgresql://host:port/db) instead of the embedded one.")
  String jdbcUrl;

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file of configuration keys.")
  Path configFile;

  @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
      description = "Set any configuration key (see 'workbench config').")
  Map<String, String> settings = new LinkedHashMap<>();

  /** Defaults, then the file, then WORKBENCH_* variables, then these flags. */
  public WorkbenchConfig config() {
    for (String key : settings.keySet()) {
      if (!WorkbenchOptions.isKey(key)) {
        throw new IllegalArgumentException("-D " + key + " is no configuration key; ./workbench config lists them all");
      }
    }
    Map<String, String> overrides = new HashMap<>(settings);
    if (dataDir != null) {
      overrides.put(WorkbenchOptions.DATA_DIR.key(), dataDir.toString());
    }
    if (bootstrap != null) {
      overrides.put(WorkbenchOptions.KAFKA_BOOTSTRAP.key(), bootstrap);
    }
    if (jdbcUrl != null) {
      overrides.put(WorkbenchOptions.JDBC_URL.key(), jdbcUrl);
    }
    return WorkbenchConfig.load(configFile, System.getenv(), overrides);
  }
}
