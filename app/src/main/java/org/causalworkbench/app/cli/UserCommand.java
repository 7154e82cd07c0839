package org.causalworkbench.app.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.ui.auth.Accounts;
import org.causalworkbench.ui.auth.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Accounts of the web UI: add, list, change a password, disable. */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Manages the web UI's local accounts (stored in the graph database, bcrypt-hashed).",
    subcommands = {UserCommand.Add.class, UserCommand.ListAccounts.class, UserCommand.Passwd.class,
        UserCommand.Disable.class})
public final class UserCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Adds an account; asks for the password (or reads one line from standard input).")
  static final class Add implements Callable<Integer> {
    @Mixin ServiceOptions services;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--role", defaultValue = "analyst", description = "analyst (read and review) or admin.")
    String role;

    @Override
    public Integer call() throws IOException {
      Role parsed = Role.parse(role);
      char[] password = readPassword("password for " + name);
      try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
          WorkbenchServices.Sharing.ATTACH, "user")) {
        new Accounts(running.database().dataSource()).add(name, parsed, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      System.out.println("added " + parsed.id() + " " + name);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
  static final class ListAccounts implements Callable<Integer> {
    @Mixin ServiceOptions services;

    @Override
    public Integer call() {
      try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
          WorkbenchServices.Sharing.ATTACH, "user")) {
        System.out.printf("%-24s %-8s %-10s %s%n", "name", "role", "signs in", "created");
        for (Accounts.Entry e : new Accounts(running.database().dataSource()).list()) {
          System.out.printf("%-24s %-8s %-10s %s%s%n", e.name(), e.role().id(), e.canSignIn() ? "yes" : "token only",
              e.createdAt(), e.disabled() ? "  (disabled)" : "");
        }
      }
      return 0;
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a new password.")
  static final class Passwd implements Callable<Integer> {
    @Mixin ServiceOptions services;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws IOException {
      char[] password = readPassword("new password for " + name);
      try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
          WorkbenchServices.Sharing.ATTACH, "user")) {
        new Accounts(running.database().dataSource()).setPassword(name, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      System.out.println("password of " + name + " changed (a running server signs its sessions out at restart)");
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Stops an account from signing in or using its tokens; --enable undoes it. Its reviews stay.")
  static final class Disable implements Callable<Integer> {
    @Mixin ServiceOptions services;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--enable", description = "Enable the account again.") boolean enable;

    @Override
    public Integer call() {
      try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
          WorkbenchServices.Sharing.ATTACH, "user")) {
        new Accounts(running.database().dataSource()).setDisabled(name, !enable);
      }
      System.out.println(name + (enable ? " enabled" : " disabled"));
      return 0;
    }
  }

  /** From the terminal without echo (asked twice), else one line of standard input (for scripts). */
  static char[] readPassword(String prompt) throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("%s: ", prompt);
      char[] again = console.readPassword("again: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw new IllegalArgumentException("the two passwords differ; nothing changed");
      }
      return first;
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("no password on standard input (echo PASSWORD | ./workbench user ...)");
    }
    return line.toCharArray();
  }
}
