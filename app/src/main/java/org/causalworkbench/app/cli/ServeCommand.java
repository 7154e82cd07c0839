package org.causalworkbench.app.cli;

import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.causalworkbench.app.runtime.DeadLetterStatus;
import org.causalworkbench.app.runtime.DocumentForgetter;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.score.EdgeScorers;
import org.causalworkbench.ui.PipelineStatus;
import org.causalworkbench.ui.ServerSettings;
import org.causalworkbench.ui.WebServer;
import org.causalworkbench.ui.auth.Accounts;
import org.causalworkbench.ui.auth.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serve an existing data directory or database without running the job. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serves the analyst web UI and API over the graph of a data directory (or of --jdbc-url) until"
        + " Ctrl-C. With --bootstrap, the run-status page also counts the dead-letter topic.")
public final class ServeCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: server.port, 8080).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    WorkbenchConfig config = services.config();
    boolean broker = config.isSet(WorkbenchOptions.KAFKA_BOOTSTRAP);
    try (WorkbenchServices running = WorkbenchServices.start(config, broker, true,
        WorkbenchServices.Sharing.ATTACH, "serve");
        WebServer server = start(running, config, port)) {
      awaitInterrupt();
    }
    return 0;
  }

  /** Starts the web server over the running store; creates the first admin when there are no accounts. */
  static WebServer start(WorkbenchServices running, WorkbenchConfig config, Integer port) {
    Accounts accounts = new Accounts(running.database().dataSource());
    ensureAdmin(accounts, config);
    ServerSettings settings = ServerSettings.from(config);
    if (port != null) {
      settings = settings.withPort(port);
    }
    PipelineStatus status = running.hasBroker()
        ? new DeadLetterStatus(running.kafka(), running.resolvedConfig()) : PipelineStatus.NONE;
    WebServer server = WebServer.start(settings, running.database().dataSource(), EdgeScorers.fromConfig(config),
        accounts, status, new DocumentForgetter(running, running.resolvedConfig()));
    System.out.printf("analyst UI at http://%s:%d/ (API under /api/, described at /api/openapi.json)%n",
        settings.bind(), server.port());
    return server;
  }

  static void awaitInterrupt() throws InterruptedException {
    System.out.println("serving until Ctrl-C");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "workbench-server-shutdown"));
    stopped.await();
  }

  /** A store with no accounts gets an admin, with the configured password or a random one shown once. */
  static void ensureAdmin(Accounts accounts, WorkbenchConfig config) {
    if (!accounts.isEmpty()) {
      return;
    }
    String password = config.get(WorkbenchOptions.SERVER_ADMIN_PASSWORD);
    boolean generated = password.isEmpty();
    if (generated) {
      String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      SecureRandom random = new SecureRandom();
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      password = b.toString();
    }
    accounts.add("admin", Role.ADMIN, password.toCharArray());
    if (generated) {
      System.out.println("created the first account: sign in as 'admin' with password " + password
          + " (shown once; change it with ./workbench user passwd admin)");
    } else {
      System.out.println("created the first account 'admin' with the password of server.admin-password");
    }
  }
}
