package org.causalworkbench.graph.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * How much a person's decision on an edge would change, as the review queue's order: the sum of
 * five terms, stored with the edge's score ({@link EdgeScorer}) and explained term by term on each
 * queue item ({@link #reasons}).
 *
 * <pre>
 * doubt        3 · (1 − 2 · |belief − 0.5|)          3 at a coin flip, 0 when certain
 * conflict     2 · [both_directions] + 2 · [polarity_conflict]   evidence that says otherwise
 * disagreement 2 · [judges_disagree] + [reasoning_failed]        judges that differ or gave no answer
 * documents    ln(1 + documents)                    more documents ride on the decision
 * centrality   ln(1 + other edges of its variables) a hub's error spreads
 * </pre>
 *
 * Flags that only describe an edge (one document, hedged wording) do not raise it: a fresh graph
 * has them on nearly every edge, and an order that sums them tells the analyst nothing.
 */
public final class ReviewPriority {

  /** The terms, in the order of the table above. */
  public enum Term {
    DOUBT,
    CONFLICT,
    DISAGREEMENT,
    DOCUMENTS,
    CENTRALITY;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One term's share of an item's priority, and what it means for that edge. */
  public record Reason(String term, double weight, String text) {}

  /** What the terms read of an edge. */
  public record Facts(double belief, List<String> flags, int documents, int otherEdges) {}

  private ReviewPriority() {}

  /**
   * One term in SQL, given SQL expressions for the edge's belief, its flags (text[]), its
   * document count and how many other edges its two variables carry.
   */
  public static String sql(Term term, String belief, String flags, String documents, String otherEdges) {
    return switch (term) {
      case DOUBT -> "3 * (1 - 2 * abs(" + belief + " - 0.5))";
      case CONFLICT -> "2 * (" + has(flags, EdgeFlag.BOTH_DIRECTIONS) + " + " + has(flags, EdgeFlag.POLARITY_CONFLICT)
          + ")";
      case DISAGREEMENT -> "(2 * " + has(flags, EdgeFlag.JUDGES_DISAGREE) + " + "
          + has(flags, EdgeFlag.REASONING_FAILED) + ")";
      case DOCUMENTS -> "ln(1 + " + documents + ")";
      case CENTRALITY -> "ln(1 + " + otherEdges + ")";
    };
  }

  /** The whole priority in SQL: the sum of the terms. */
  public static String sql(String belief, String flags, String documents, String otherEdges) {
    StringJoiner sum = new StringJoiner(" + ", "(", ")");
    for (Term term : Term.values()) {
      sum.add(sql(term, belief, flags, documents, otherEdges));
    }
    return sum.toString();
  }

  private static String has(String flags, EdgeFlag flag) {
    return "('" + flag.wire() + "' = ANY (" + flags + "))::int";
  }

  /**
   * The terms that raise this item, largest first, each with a sentence an analyst can check;
   * {@code values} are the terms' values in {@link Term} order, as {@link #sql(Term, String,
   * String, String, String)} computed them.
   */
  public static List<Reason> reasons(double[] values, Facts facts) {
    List<Reason> out = new ArrayList<>();
    for (Term term : Term.values()) {
      double value = values[term.ordinal()];
      // Small terms explain nothing; a belief outside [0.25, 0.75] is not "near" the boundary.
      if (value >= (term == Term.DOUBT ? 1.5 : 0.5)) {
        out.add(new Reason(term.wire(), Math.round(value * 100) / 100.0, text(term, facts)));
      }
    }
    out.sort(Comparator.comparingDouble(Reason::weight).reversed());
    return out;
  }

  private static String text(Term term, Facts f) {
    return switch (term) {
      case DOUBT -> String.format(Locale.ROOT, "belief %.2f is near the decision boundary", f.belief());
      case CONFLICT -> {
        List<String> parts = new ArrayList<>();
        if (f.flags().contains(EdgeFlag.BOTH_DIRECTIONS.wire())) {
          parts.add("evidence for the opposite direction");
        }
        if (f.flags().contains(EdgeFlag.POLARITY_CONFLICT.wire())) {
          parts.add("sentences disagree on whether it raises or lowers");
        }
        yield String.join("; ", parts);
      }
      case DISAGREEMENT -> {
        List<String> parts = new ArrayList<>();
        if (f.flags().contains(EdgeFlag.JUDGES_DISAGREE.wire())) {
          parts.add("judges disagree on a sentence");
        }
        if (f.flags().contains(EdgeFlag.REASONING_FAILED.wire())) {
          parts.add("a judge gave no answer");
        }
        yield String.join("; ", parts);
      }
      case DOCUMENTS -> plural(f.documents(), "document") + " at stake";
      case CENTRALITY -> "its variables carry " + plural(f.otherEdges(), "other edge");
    };
  }

  static String plural(int n, String noun) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
  }
}
