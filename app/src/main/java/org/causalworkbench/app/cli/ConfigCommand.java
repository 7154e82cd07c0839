package org.causalworkbench.app.cli;

import java.util.concurrent.Callable;
import org.causalworkbench.core.config.ConfigOption;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Print every configuration key, its value now, its environment variable and what it means. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Lists every configuration key with its current value, environment variable and meaning.")
public final class ConfigCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Override
  public Integer call() {
    WorkbenchConfig config = services.config();
    for (ConfigOption option : WorkbenchOptions.all()) {
      if (option.isPrefix()) {
        System.out.printf("%-36s   (%s)%n    %s%n", option.key() + "*", option.environmentVariable(), option.description());
        config.withPrefix(option).forEach((key, v) -> System.out.printf("  %-34s = %s%n", option.key() + key,
            key.contains("password") || key.contains("jaas") ? "****" : v));
        continue;
      }
      String value = option.key().contains("password") && config.isSet(option) ? "****" : config.get(option);
      System.out.printf("%-36s = %-28s (%s)%n    %s%n", option.key(), value, option.environmentVariable(),
          option.description());
    }
    return 0;
  }
}
