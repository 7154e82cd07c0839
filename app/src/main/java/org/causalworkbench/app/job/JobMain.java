package org.causalworkbench.app.job;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;

/**
 * Entry point for a Flink cluster: {@code flink run -c org.causalworkbench.app.job.JobMain
 * workbench.jar --kafka.bootstrap HOST:PORT --jdbc.url URL [--config FILE]}. Any configuration key
 * can be passed as {@code --key value} or as its {@code WORKBENCH_*} environment variable.
 */
public final class JobMain {

  private JobMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> overrides = new HashMap<>();
    Path file = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (key.equals("config")) {
        file = Path.of(args[i + 1]);
      } else {
        overrides.put(key, args[i + 1]);
      }
    }
    WorkbenchConfig config = WorkbenchConfig.load(file, System.getenv(), overrides);
    if (!config.isSet(WorkbenchOptions.KAFKA_BOOTSTRAP) || !config.isSet(WorkbenchOptions.JDBC_URL)) {
      throw new IllegalArgumentException("on a cluster the job needs kafka.bootstrap and jdbc.url "
          + "(--kafka.bootstrap HOST:PORT --jdbc.url jdbc:postgresql://...)");
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    CausalGraphJob.define(env, config, false);
    env.execute(config.get(WorkbenchOptions.JOB_NAME));
  }
}
