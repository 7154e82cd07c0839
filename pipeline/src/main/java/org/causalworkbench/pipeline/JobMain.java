package org.causalworkbench.pipeline;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.causalworkbench.core.build.BuildInfo;
import org.causalworkbench.core.config.ConfigOption;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.runs.RunStore;
import org.causalworkbench.graph.store.Database;

/**
 * Entry point for a Flink cluster: {@code flink run -c org.causalworkbench.pipeline.JobMain
 * workbench.jar --kafka.bootstrap HOST:PORT --jdbc.url URL [--config FILE]}. Any configuration key
 * can be passed as {@code --key value} or as its {@code WORKBENCH_*} environment variable; an
 * argument that is no configuration key is refused, not dropped.
 */
public final class JobMain {

  /** How {@link ParameterTool} marks a key given without a value (its own constant is protected). */
  private static final String NO_VALUE = "__NO_VALUE_KEY";

  private JobMain() {}

  public static void main(String[] args) throws Exception {
    WorkbenchConfig config = configFrom(args, System.getenv());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // The run is recorded where it is submitted; the cluster owns it from then on, so it stays open.
    String runId;
    try (Database database = Database.open(config.get(WorkbenchOptions.JDBC_URL), config.get(WorkbenchOptions.JDBC_USER),
        config.get(WorkbenchOptions.JDBC_PASSWORD), 1)) {
      runId = new RunStore(database.dataSource())
          .start("flink job", BuildInfo.current().describe(), RunSettings.of(config), false).id();
    }
    CausalGraphJob.define(env, config, runId, false);
    env.execute(config.get(WorkbenchOptions.JOB_NAME));
  }

  /** The job's configuration from its arguments (Flink's {@link ParameterTool}), a file and the environment. */
  static WorkbenchConfig configFrom(String[] args, Map<String, String> environment) {
    ParameterTool parameters;
    try {
      parameters = ParameterTool.fromArgs(args);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("job arguments are --key value pairs: " + e.getMessage(), e);
    }
    Set<String> known = WorkbenchOptions.all().stream().map(ConfigOption::key).collect(Collectors.toSet());
    Map<String, String> overrides = new HashMap<>();
    Path file = null;
    for (Map.Entry<String, String> p : parameters.toMap().entrySet()) {
      if (p.getKey().equals("config")) {
        file = Path.of(p.getValue());
      } else if (!WorkbenchOptions.isKey(p.getKey())) {
        throw new IllegalArgumentException("--" + p.getKey() + " is no configuration key (did you mean --"
            + closest(p.getKey(), known) + "? ./workbench config lists them all)");
      } else if (NO_VALUE.equals(p.getValue())) {
        throw new IllegalArgumentException("--" + p.getKey() + " needs a value");
      } else {
        overrides.put(p.getKey(), p.getValue());
      }
    }
    WorkbenchConfig config = WorkbenchConfig.load(file, environment, overrides);
    if (!config.isSet(WorkbenchOptions.KAFKA_BOOTSTRAP) || !config.isSet(WorkbenchOptions.JDBC_URL)) {
      throw new IllegalArgumentException("on a cluster the job needs kafka.bootstrap and jdbc.url "
          + "(--kafka.bootstrap HOST:PORT --jdbc.url jdbc:postgresql://...)");
    }
    return config;
  }

  /** The known key sharing the longest start with {@code key}: a typo is mostly near its end. */
  private static String closest(String key, Set<String> known) {
    return known.stream().sorted().max(Comparator.comparingInt(k -> commonStart(key, k))).orElse("");
  }

  private static int commonStart(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }
}
