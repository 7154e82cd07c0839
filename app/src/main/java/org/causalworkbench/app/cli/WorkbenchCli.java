package org.causalworkbench.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code workbench} command. */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "causal workbench 0.1.0",
    description = "Turns text corpora into a reviewed, confidence-scored causal graph.",
    subcommands = {DemoCommand.class, IngestCommand.class, JobCommand.class, ServeCommand.class, EvalCommand.class, TrainCommand.class, ExportCommand.class, QueryCommand.class,
        ReviewCommand.class, ForgetCommand.class, RunsCommand.class, ClusterCommand.class, CheckCommand.class, UserCommand.class, TokenCommand.class,
        BenchCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class WorkbenchCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    // Dependencies ship their own log4j2.yaml; ours is the one to use.
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2.xml");
    }
    int code = new CommandLine(new WorkbenchCli())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("error: " + e.getMessage());
          if (Boolean.getBoolean("workbench.debug")) {
            e.printStackTrace(cmd.getErr());
          } else {
            cmd.getErr().println("(run with WORKBENCH_JAVA_OPTS='-Xmx6g -Dworkbench.debug=true' for the stack trace)");
          }
          return 1;
        })
        .execute(args);
    // Embedded Kafka and Flink leave non-daemon threads behind; the work is done and closed.
    System.exit(code);
  }
}
