package org.causalworkbench.app.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.graph.query.GraphNavigator;
import org.causalworkbench.graph.review.ReviewQueue;
import org.causalworkbench.graph.score.ReviewPriority;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Graph queries from the command line. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = {"Asks the causal graph of a data directory (or of --jdbc-url):",
        "  neighbours VARIABLE        edges into and out of a variable",
        "  paths FROM TO              simple paths up to --max-length edges, strongest first",
        "  strongest FROM TO          the path with the largest product of beliefs",
        "  subgraph                   edges with belief >= --min-belief",
        "  changed --since TIME       edges changed after an ISO-8601 instant",
        "  queue                      the review queue, most deserving first",
        "Example: ./workbench query paths deforestation flooding --max-length 3"})
public final class QueryCommand implements Callable<Integer> {

  @Mixin ServiceOptions services;

  @Parameters(index = "0", paramLabel = "QUERY", description = "neighbours, paths, strongest, subgraph, changed or queue.")
  String query;

  @Parameters(index = "1..*", arity = "0..2", paramLabel = "VARIABLE", description = "Variable names the query needs.")
  List<String> variables = List.of();

  @Option(names = "--max-length", defaultValue = "4", paramLabel = "N", description = "Longest path (default: 4).")
  int maxLength;

  @Option(names = "--min-belief", defaultValue = "0", paramLabel = "X", description = "Only edges with belief >= X.")
  double minBelief;

  @Option(names = "--since", paramLabel = "TIME", description = "For changed: an ISO-8601 instant.")
  String since;

  @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "At most N results (default: 50).")
  int limit;

  @Override
  public Integer call() throws Exception {
    try (WorkbenchServices running = WorkbenchServices.start(services.config(), false, true,
        WorkbenchServices.Sharing.ATTACH, "query")) {
      GraphNavigator navigator = new GraphNavigator(running.database().dataSource());
      switch (query) {
        case "neighbours" -> navigator.neighbours(variable(0), minBelief, limit).forEach(this::print);
        case "paths" -> navigator.paths(variable(0), variable(1), maxLength, minBelief, limit).forEach(this::print);
        case "strongest" -> navigator.strongestPath(variable(0), variable(1), maxLength).ifPresentOrElse(this::print,
            () -> System.out.println("no path of at most " + maxLength + " edges"));
        case "subgraph" -> navigator.subgraph(minBelief, limit).forEach(this::print);
        case "changed" -> navigator.changedSince(instant(), limit).forEach(this::print);
        case "queue" -> new ReviewQueue(running.database().dataSource()).page(ReviewQueue.Scope.FLAGGED, limit, null)
            .items().forEach(i -> System.out.printf(Locale.ROOT, "%8.3f  #%d %s -> %s  belief %.3f  %s%n", i.priority(),
                i.edgeId(), i.cause(), i.effect(), i.belief(),
                i.reasons().stream().map(ReviewPriority.Reason::text).collect(java.util.stream.Collectors.joining("; "))));
        default -> throw new IllegalArgumentException("unknown query '" + query
            + "': neighbours, paths, strongest, subgraph, changed or queue");
      }
    }
    return 0;
  }

  private String variable(int index) {
    if (variables.size() <= index) {
      throw new IllegalArgumentException(query + " needs " + (index + 1) + " variable name(s)");
    }
    return variables.get(index);
  }

  private Instant instant() {
    if (since == null) {
      throw new IllegalArgumentException("changed needs --since TIME (ISO-8601, e.g. 2026-11-29T10:00:00Z)");
    }
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--since '" + since + "' is not an ISO-8601 instant such as"
          + " 2026-11-29T10:00:00Z");
    }
  }

  private void print(GraphNavigator.Link l) {
    System.out.printf(Locale.ROOT, "#%d %s -> %s  belief %.3f  %s  evidence %d  %s  %s%n", l.id(), l.cause(),
        l.effect(), l.belief(), l.state(), l.evidenceCount(), l.flags(), l.updatedAt());
  }

  private void print(GraphNavigator.Path p) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.4f  ", p.strength()));
    for (int i = 0; i < p.links().size(); i++) {
      s.append(i == 0 ? p.links().get(i).cause() : "").append(String.format(Locale.ROOT, " -(%.2f)-> %s",
          p.links().get(i).belief(), p.links().get(i).effect()));
    }
    System.out.println(s);
  }
}
