package org.causalworkbench.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.causalworkbench.app.cluster.ClusterFile;
import org.causalworkbench.app.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A real Flink and Kafka cluster and PostgreSQL on this machine, each part its own process. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"start: a Flink 2.2 session cluster (a JobManager and " + LocalCluster.TASK_MANAGERS
        + " TaskManagers), " + LocalCluster.BROKERS + " Kafka brokers in KRaft mode (topics replicated 3 times, 2 in"
        + " sync) and PostgreSQL, each its own process; prints the --bootstrap, --jdbc-url and --flink addresses."
        + " stop: ends them. status: which run.",
        "Example: ./workbench cluster start --dir cluster; ./workbench ingest corpus/sample --bootstrap B"
            + " -D kafka.topic.replication=3; ./workbench job --flink F --bootstrap B --jdbc-url J"
            + " -D job.checkpoint-dir=cluster/checkpoints"})
public final class ClusterCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop or status")
  String action;

  @Option(names = "--dir", defaultValue = "cluster", paramLabel = "DIR",
      description = "The cluster's directory: configuration, logs, data (default: ./cluster).")
  Path dir;

  @Override
  public Integer call() {
    switch (action) {
      case "start" -> {
        LocalCluster cluster = LocalCluster.start(dir);
        print(cluster.file());
        System.out.println("stop it with: ./workbench cluster stop --dir " + dir);
        return 0;
      }
      case "stop" -> {
        LocalCluster.of(dir).stop();
        System.out.println("stopped the cluster of " + dir.toAbsolutePath());
        return 0;
      }
      case "status" -> {
        LocalCluster cluster = LocalCluster.of(dir);
        print(cluster.file());
        cluster.status().forEach(System.out::println);
        return cluster.file().nodes().stream().allMatch(ClusterFile.Node::alive) ? 0 : 3;
      }
      default -> throw new IllegalArgumentException("unknown action '" + action + "': start, stop or status");
    }
  }

  private static void print(ClusterFile file) {
    System.out.println("--bootstrap " + file.bootstrap());
    System.out.println("--jdbc-url  " + file.jdbcUrl() + "   (user " + file.jdbcUser() + ")");
    System.out.println("--flink     " + file.flink() + "   (Flink's web UI: http://" + file.flink() + "/)");
  }
}
