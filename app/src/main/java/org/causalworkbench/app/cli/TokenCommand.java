package org.causalworkbench.app.cli;

import java.util.concurrent.Callable;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.ui.auth.Accounts;
import org.causalworkbench.ui.auth.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** API tokens for pipelines and scripts: {@code Authorization: Bearer TOKEN}. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Manages API tokens (sent as 'Authorization: Bearer TOKEN'; stored only as SHA-256 digests).",
    subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Creates a token and prints it once. It acts as --account (default: a token-only account named"
          + " NAME), and reviews made with it are recorded under that account.")
  static final class Create implements Callable<Integer> {
    @Mixin ServiceOptions services;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Existing account the token acts as.")
    String account;
    @Option(names = "--role", description = "Role of the new token-only account (analyst, the default, or admin).")
    String role;

    @Override
    public Integer call() {
      if (account != null && role != null) {
        throw new IllegalArgumentException("--role is for a new token-only account; a token with --account has"
            + " that account's role");
      }
      try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
          WorkbenchServices.Sharing.ATTACH, "token")) {
        Accounts accounts = new Accounts(running.database().dataSource());
        String token = account != null ? accounts.createToken(name, account)
            : accounts.createServiceToken(name, Role.parse(role == null ? "analyst" : role));
        System.out.println(token);
        System.err.println("token '" + name + "' created; it is shown only now. Use: curl -H 'Authorization: Bearer "
            + "<token>' http://localhost:8080/api/graph");
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token by name.")
  static final class Revoke implements Callable<Integer> {
    @Mixin ServiceOptions services;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
          WorkbenchServices.Sharing.ATTACH, "token")) {
        boolean revoked = new Accounts(running.database().dataSource()).revokeToken(name);
        System.out.println(revoked ? "revoked " + name : "no token named " + name);
        return revoked ? 0 : 1;
      }
    }
  }
}
