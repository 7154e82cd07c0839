package org.causalworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.causalworkbench.app.pipeline.SharedServices;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.ui.auth.Account;
import org.causalworkbench.ui.auth.Accounts;
import org.causalworkbench.ui.auth.Role;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code user add}, {@code user disable} and {@code token create|revoke} against a real database. */
class AccountCommandsTest {

  @Test
  void accountsAndTokensMadeOnTheCommandLineWork() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    String url = SharedServices.isolatedDatabase(services, "accounts");
    String user = services.resolvedConfig().get(WorkbenchOptions.JDBC_USER);
    String[] db = {"--jdbc-url", url, "-D", "jdbc.user=" + user};

    assertEquals(0, run("carol-password\n", concat(new String[] {"user", "add", "carol", "--role", "admin"}, db)));
    assertEquals(1, run("", concat(new String[] {"user", "add", "dave"}, db)), "no password, no account");
    String token = lastLine(runForOutput(concat(new String[] {"token", "create", "nightly"}, db)));

    try (Database database = Database.open(url, user, "", 2)) {
      Accounts accounts = new Accounts(database.dataSource());
      assertEquals(new Account("carol", Role.ADMIN), accounts.verify("carol", "carol-password".toCharArray()).orElseThrow());
      assertTrue(accounts.verify("dave", "anything-at-all".toCharArray()).isEmpty());
      assertEquals(new Account("nightly", Role.ANALYST), accounts.byToken(token).orElseThrow(),
          "a token without --account acts as a token-only account of its name");

      assertEquals(0, run("", concat(new String[] {"user", "disable", "carol"}, db)));
      assertTrue(accounts.verify("carol", "carol-password".toCharArray()).isEmpty());
      assertEquals(0, run("", concat(new String[] {"token", "revoke", "nightly"}, db)));
      assertTrue(accounts.byToken(token).isEmpty(), "a revoked token no longer works");
    }
  }

  private static int run(String stdin, String... args) {
    InputStream in = System.in;
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      return cli().execute(args);
    } finally {
      System.setIn(in);
    }
  }

  private static String runForOutput(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      assertEquals(0, cli().execute(args));
    } finally {
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static CommandLine cli() {
    return new CommandLine(new WorkbenchCli()).setExecutionExceptionHandler((e, cmd, parsed) -> 1);
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
