package org.causalworkbench.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.causalworkbench.graph.embedded.EmbeddedPostgres;
import org.causalworkbench.ingest.kafka.KafkaStorage;
import org.causalworkbench.ingest.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.causalworkbench.core.net.LoopbackPort;
/**
 * A real cluster on one machine, each part its own process as on separate hosts: a Flink session
 * cluster (one JobManager, {@value #TASK_MANAGERS} TaskManagers), {@value #BROKERS} Kafka brokers in
 * KRaft mode (each broker and controller, topics replicated three times with two in sync), and
 * PostgreSQL. The processes run Flink's and Kafka's own entry points from the workbench's
 * classpath (the Maven Central jars it ships), so they outlive the command that starts them;
 * {@link #stop} ends them. Everything lives in one directory: configuration, logs, data, and
 * {@code cluster.json} with the addresses and each process's command line.
 */
public final class LocalCluster {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

  public static final int BROKERS = 3;
  public static final int TASK_MANAGERS = 2;
  /** Task slots per TaskManager: one TaskManager alone can run the job at parallelism 2. */
  public static final int SLOTS = 2;
  private static final String HOST = LoopbackPort.HOST;
  private static final Duration READY_WAIT = Duration.ofSeconds(180);

  /** The JDK 17 module openings Flink's own configuration gives every JVM (env.java.opts.all). */
  private static final List<String> JAVA_OPENS = List.of(
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Path dir;
  private ClusterFile file;

  private LocalCluster(Path dir, ClusterFile file) {
    this.dir = dir;
    this.file = file;
  }

  /** Starts every process (refusing when a cluster of this directory still runs) and waits until all serve. */
  public static LocalCluster start(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    ClusterFile.read(dir).ifPresent(old -> {
      if (old.nodes().stream().anyMatch(ClusterFile.Node::alive)) {
        throw new IllegalStateException("a cluster already runs from " + dir + " (./workbench cluster status --dir "
            + dir + "); stop it first");
      }
    });
    List<ClusterFile.Node> nodes = new ArrayList<>();
    try {
      Files.createDirectories(dir.resolve("logs"));
      Files.writeString(dir.resolve("classpath.args"), "-cp " + quoted(System.getProperty("java.class.path")) + "\n");
      Files.writeString(dir.resolve("log4j2.xml"), LOG_CONFIG);

      // Kafka: static controller quorum, so the ports are fixed for the cluster's life.
      int[] brokerPorts = new int[BROKERS];
      int[] controllerPorts = new int[BROKERS];
      for (int i = 0; i < BROKERS; i++) {
        brokerPorts[i] = LoopbackPort.free();
        controllerPorts[i] = LoopbackPort.free();
      }
      String clusterId = Files.exists(dir.resolve("kafka.cluster.id"))
          ? Files.readString(dir.resolve("kafka.cluster.id")).strip() : Uuid.randomUuid().toString();
      StringBuilder voters = new StringBuilder();
      for (int i = 0; i < BROKERS; i++) {
        voters.append(i == 0 ? "" : ",").append(i).append('@').append(HOST).append(':').append(controllerPorts[i]);
      }
      for (int i = 0; i < BROKERS; i++) {
        Path logDir = dir.resolve("kafka-" + i);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
          KafkaStorage.format(logDir, i, clusterId, Map.of());
        }
        Path properties = dir.resolve("kafka-" + i + ".properties");
        writeBrokerProperties(properties, i, brokerPorts[i], controllerPorts[i], voters.toString(), logDir);
        nodes.add(launch(dir, "broker-" + i, "broker", "kafka.Kafka", List.of(properties.toString()), List.of("-Xmx512m")));
      }
      Files.writeString(dir.resolve("kafka.cluster.id"), clusterId);
      StringBuilder bootstrap = new StringBuilder();
      for (int i = 0; i < BROKERS; i++) {
        bootstrap.append(i == 0 ? "" : ",").append(HOST).append(':').append(brokerPorts[i]);
      }
      // The brokers' ports were only free when chosen: have them bound before Flink's processes and
      // PostgreSQL start taking ports of their own, or one may take a port a slow broker wanted.
      new LocalCluster(dir, new ClusterFile(bootstrap.toString(), "", "", "", List.copyOf(nodes), Instant.now()))
          .awaitBrokers(BROKERS);

      // Flink: a session cluster; the TaskManagers register with the JobManager's RPC port.
      int restPort = LoopbackPort.free();
      Path flinkConf = dir.resolve("flink-conf");
      Files.createDirectories(flinkConf);
      Files.writeString(flinkConf.resolve("config.yaml"), flinkConfig(LoopbackPort.free(), restPort, dir));
      nodes.add(launch(dir, "jobmanager", "jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
          List.of("--configDir", flinkConf.toString()), List.of("-Xmx512m")));
      for (int i = 0; i < TASK_MANAGERS; i++) {
        nodes.add(launch(dir, "taskmanager-" + i, "taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            List.of("--configDir", flinkConf.toString()),
            List.of("-Xmx" + TASK_HEAP_MB + "m", "-XX:MaxDirectMemorySize=512m", "-XX:MaxMetaspaceSize=384m")));
      }

      EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres"));
      LocalCluster cluster = new LocalCluster(dir, new ClusterFile(bootstrap.toString(), postgres.jdbcUrl(),
          postgres.user(), HOST + ":" + restPort, nodes, Instant.now()));
      cluster.file.write(dir);
      cluster.awaitBrokers(BROKERS);
      cluster.awaitTaskManagers(TASK_MANAGERS);
      return cluster;
    } catch (IOException e) {
      stopLaunched(nodes);
      throw new UncheckedIOException("cannot start the cluster in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // A start that fails leaves no process behind to hold ports and files.
      stopLaunched(nodes);
      throw e;
    }
  }

  private static void stopLaunched(List<ClusterFile.Node> nodes) {
    for (ClusterFile.Node node : nodes) {
      ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** The cluster of {@code directory}, as its last start left it. */
  public static LocalCluster of(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    return new LocalCluster(dir, ClusterFile.read(dir).orElseThrow(() -> new IllegalStateException(
        "no cluster was started in " + dir + " (./workbench cluster start --dir " + dir + ")")));
  }

  public ClusterFile file() {
    return file;
  }

  /** Ends every process (kill -9: their state is on disk, as after a crash) and stops PostgreSQL. */
  public void stop() {
    for (ClusterFile.Node node : file.nodes()) {
      ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (ClusterFile.Node node : file.nodes()) {
      ProcessHandle.of(node.pid()).ifPresent(p -> p.onExit().join());
    }
    EmbeddedPostgres.stop(dir.resolve("postgres"));
  }

  /** kill -9 of one process, as a crashed machine. */
  public void kill(String name) {
    ClusterFile.Node node = file.node(name);
    ProcessHandle.of(node.pid()).ifPresent(p -> {
      p.destroyForcibly();
      p.onExit().join();
    });
    LOG.info("killed {} (pid {})", name, node.pid());
  }

  /** Starts a process again with its command line; waits until it serves again. */
  public void restart(String name) {
    ClusterFile.Node node = file.node(name);
    if (node.alive()) {
      throw new IllegalStateException(name + " still runs (pid " + node.pid() + ")");
    }
    file = file.with(node.withPid(spawn(node.command(), Path.of(node.log()))));
    file.write(dir);
    if (node.kind().equals("broker")) {
      awaitBrokers(BROKERS);
    } else if (node.kind().equals("taskmanager")) {
      awaitTaskManagers(TASK_MANAGERS);
    }
  }

  /** One line per process: alive or not, its pid and log; the addresses. */
  public List<String> status() {
    List<String> lines = new ArrayList<>();
    for (ClusterFile.Node node : file.nodes()) {
      lines.add(String.format("%-14s %-7s pid %-8d %s", node.name(), node.alive() ? "up" : "DOWN", node.pid(),
          node.log()));
    }
    return lines;
  }

  private static ClusterFile.Node launch(Path dir, String name, String kind, String mainClass, List<String> args,
      List<String> jvm) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid"); // its own session: Ctrl-C in the starting terminal does not reach it
    }
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.add("@" + dir.resolve("classpath.args"));
    command.addAll(jvm);
    command.addAll(JAVA_OPENS);
    Path log = dir.resolve("logs").resolve(name + ".log");
    command.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml"));
    command.add("-Dworkbench.log.file=" + log);
    command.add("-Dai.djl.offline=true");
    command.add(mainClass);
    command.addAll(args);
    long pid = spawn(command, log);
    LOG.info("started {} (pid {}), log {}", name, pid, log);
    return new ClusterFile.Node(name, kind, pid, command, log.toString());
  }

  private static long spawn(List<String> command, Path log) {
    try {
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolveSibling(log.getFileName() + ".out").toFile()))
          .start();
      return process.pid();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(command.size() - 1) + ": " + e.getMessage(), e);
    }
  }

  void awaitBrokers(int expected) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, file.bootstrap());
    try (Admin admin = Admin.create(props)) {
      await("the " + expected + " Kafka brokers", () -> {
        try {
          return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == expected;
        } catch (Exception e) {
          return false;
        }
      });
    }
  }

  void awaitTaskManagers(int expected) {
    await(expected + " TaskManagers registered with the JobManager", () -> {
      String body = rest("/taskmanagers");
      return body != null && body.split("\"id\"").length - 1 == expected;
    });
  }

  /** A GET on the JobManager's REST API; null while it does not answer. */
  public String rest(String path) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + file.flink() + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private void await(String what, BooleanSupplier ready) {
    long deadline = System.nanoTime() + READY_WAIT.toNanos();
    while (!ready.getAsBoolean()) {
      for (ClusterFile.Node node : file.nodes()) {
        if (!node.alive()) {
          throw new IllegalStateException(node.name() + " exited while waiting for " + what + "; see " + node.log()
              + " and " + node.log() + ".out");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited " + READY_WAIT.toSeconds() + " s for " + what + "; see the logs in "
            + dir.resolve("logs"));
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  private static void writeBrokerProperties(Path file, int node, int brokerPort, int controllerPort, String voters,
      Path logDir) throws IOException {
    String properties = String.join("\n",
        "process.roles=broker,controller",
        "node.id=" + node,
        "controller.quorum.voters=" + voters,
        "controller.listener.names=" + KafkaStorage.CONTROLLER_LISTENER,
        "listeners=PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort,
        "advertised.listeners=PLAINTEXT://" + HOST + ":" + brokerPort,
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + logDir,
        "metadata.log.dir=" + logDir,
        "default.replication.factor=3",
        "min.insync.replicas=2",
        "offsets.topic.replication.factor=3",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=3",
        "transaction.state.log.min.isr=2",
        "transaction.state.log.num.partitions=4",
        "unclean.leader.election.enable=false",
        // The default 9 s stalls acks for ~12 s after a leader dies.
        "broker.session.timeout.ms=3000",
        "broker.heartbeat.interval.ms=500",
        "group.initial.rebalance.delay.ms=0",
        "message.max.bytes=" + Topics.MAX_MESSAGE_BYTES,
        "log.cleaner.dedupe.buffer.size=2097152",
        "");
    Files.writeString(file, properties);
  }

  /** TaskManager heap: the task heap below plus Flink's framework heap. */
  private static final int TASK_HEAP_MB = 1792;

  private static String flinkConfig(int rpcPort, int restPort, Path dir) {
    return String.join("\n",
        "jobmanager.rpc.address: " + HOST,
        "jobmanager.rpc.port: " + rpcPort,
        "jobmanager.bind-host: " + HOST,
        "jobmanager.memory.process.size: 768m",
        "rest.address: " + HOST,
        "rest.bind-address: " + HOST,
        "rest.port: " + restPort,
        "taskmanager.host: " + HOST,
        "taskmanager.bind-host: " + HOST,
        "taskmanager.numberOfTaskSlots: " + SLOTS,
        // Spread the job's subtasks over the TaskManagers, as over machines, so losing one loses work.
        "taskmanager.load-balance.mode: SLOTS",
        // Started without Flink's scripts, a TaskManager needs every memory component set.
        "taskmanager.cpu.cores: " + SLOTS,
        "taskmanager.memory.framework.heap.size: 128m",
        "taskmanager.memory.task.heap.size: " + (TASK_HEAP_MB - 128) + "m",
        "taskmanager.memory.framework.off-heap.size: 128m",
        "taskmanager.memory.task.off-heap.size: 256m",
        "taskmanager.memory.managed.size: 64m",
        "taskmanager.memory.network.min: 64m",
        "taskmanager.memory.network.max: 64m",
        "taskmanager.memory.jvm-metaspace.size: 384m",
        "taskmanager.memory.jvm-overhead.min: 256m",
        "taskmanager.memory.jvm-overhead.max: 256m",
        // A lost TaskManager is noticed in seconds, not the default 50.
        "heartbeat.interval: 1000",
        "heartbeat.timeout: 5000",
        "restart-strategy.type: fixed-delay",
        "restart-strategy.fixed-delay.attempts: 1000",
        "restart-strategy.fixed-delay.delay: 2 s",
        "execution.checkpointing.dir: " + dir.resolve("checkpoints").toUri(),
        "");
  }

  private static final String LOG_CONFIG = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Configuration status="WARN">
        <Appenders>
          <File name="file" fileName="${sys:workbench.log.file}">
            <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n"/>
          </File>
        </Appenders>
        <Loggers>
          <Logger name="org.apache.kafka" level="WARN"/>
          <Logger name="kafka" level="WARN"/>
          <Logger name="state.change.logger" level="WARN"/>
          <Logger name="edu.stanford.nlp" level="WARN"/>
          <Root level="INFO"><AppenderRef ref="file"/></Root>
        </Loggers>
      </Configuration>
      """;

  private static String quoted(String classpath) {
    return "\"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

}
