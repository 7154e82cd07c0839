package org.causalworkbench.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.ui.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serve an existing data directory or database without running the job. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serves the graph of a data directory (or of --jdbc-url) over HTTP until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: server.port, 8080).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    WorkbenchConfig config = services.config();
    try (WorkbenchServices running = WorkbenchServices.start(config, false, true)) {
      serveUntilInterrupted(running, config, port);
    }
    return 0;
  }

  static void serveUntilInterrupted(WorkbenchServices running, WorkbenchConfig config, Integer port)
      throws InterruptedException {
    int chosen = port != null ? port : config.getInt(WorkbenchOptions.SERVER_PORT);
    ApiServer server = ApiServer.start(config.get(WorkbenchOptions.SERVER_BIND), chosen,
        new GraphQueries(running.database().dataSource()));
    System.out.printf("serving http://%s:%d/ (JSON API under /api/); Ctrl-C stops%n",
        config.get(WorkbenchOptions.SERVER_BIND), server.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "workbench-server-shutdown"));
    stopped.await();
  }
}
