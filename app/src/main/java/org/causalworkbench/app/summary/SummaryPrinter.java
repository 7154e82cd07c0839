package org.causalworkbench.app.summary;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The summary as text for a terminal. */
public final class SummaryPrinter {

  private SummaryPrinter() {}

  public static void print(RunSummary s, PrintStream out) {
    out.println();
    out.println("=== Causal workbench: run summary ===");
    out.printf(Locale.ROOT, "documents %d   sentences %d   units %d   candidate pairs %d%n",
        s.documents(), s.sentences(), s.units(), s.candidatePairs());
    if (s.gate() != null) {
      out.printf(Locale.ROOT, "gate: %d of %d units passed (%.1f%%)%s%n", s.gate().passed(), s.gate().units(),
          100 * s.gate().passShare(), s.gate().relations() == null ? ""
              : String.format(Locale.ROOT, "; relations %d (%d without a nameable variable)", s.gate().relations(),
                  s.gate().unnamed()));
    }
    out.printf(Locale.ROOT, "verdicts %s%n", s.verdicts());
    out.printf(Locale.ROOT, "edges %d   flagged for review %d%n", s.edges(), s.flaggedEdges());
    out.printf(Locale.ROOT, "dead-lettered %d %s%n", s.deadLetters().total(), s.deadLetters().byReason());
    for (RunSummary.DeadLetters.Item item : s.deadLetters().items()) {
      out.printf(Locale.ROOT, "  - [%s/%s] %s%n", item.stage(), item.reason(), item.detail());
    }
    if (s.judge().tokensIn() + s.judge().tokensOut() > 0 || !s.judge().failures().isEmpty()) {
      out.printf(Locale.ROOT, "judge: tokens in %d, out %d; unanswered %s%n", s.judge().tokensIn(),
          s.judge().tokensOut(), s.judge().failures());
    }
    RunSummary.Accounting a = s.accounting();
    out.printf(Locale.ROOT, "accounted: ingest %d read = %d published + %d dead-lettered; job %d received = %d"
            + " processed + %d dead-lettered -> %s%n", a.ingestRecords(), a.ingestPublished(), a.ingestDeadLettered(),
        a.jobReceived(), a.jobProcessed(), a.jobDeadLettered(), a.balanced() ? "balanced" : "NOT BALANCED");
    if (a.held() != null) {
      out.printf(Locale.ROOT, "held: %d documents on the topic = %d in the graph + %d dead-lettered by the job%s%n",
          a.held().documents(), a.held().inGraph(), a.held().deadLettered(),
          a.held().missing() == 0 ? "" : " + " + a.held().missing() + " in neither (not yet read, or lost)");
    }
    out.printf(Locale.ROOT, "wall time %.1f s%n", s.seconds());
    for (RunSummary.Stage st : s.stages()) {
      out.printf(Locale.ROOT, "  %-28s %8d %-9s in %7.2f s  = %10.1f %s/s%n", st.name(), st.items(), st.unit(),
          st.seconds(), st.perSecond(), st.unit());
    }
    out.println("top edges by belief:");
    int rank = 1;
    for (RunSummary.TopEdge e : s.topEdges()) {
      out.printf(Locale.ROOT, "  %2d. %s -> %s  belief %.2f  evidence %d%n      \"%s\"%n", rank++, e.cause(),
          e.effect(), e.belief(), e.evidenceCount(), e.example());
    }
    GoldScore g = s.gold();
    if (g != null) {
      out.printf(Locale.ROOT, "gold (%s, belief >= %.2f): precision %.3f (%d/%d)  recall %.3f (%d/%d)  F1 %.3f%n",
          g.file(), g.minBelief(), g.precision(), g.correct(), g.produced(), g.recall(), g.found(), g.gold(), g.f1());
      for (Map.Entry<String, Double> kind : g.recallByKind().entrySet()) {
        out.printf(Locale.ROOT, "  recall %-15s %.3f%n", kind.getKey(), kind.getValue());
      }
      out.printf(Locale.ROOT, "  non-edges (hedged, negated, correlation, question) produced as edges: %d of %d%n",
          g.nonEdgesProduced(), g.nonEdges());
    }
  }
}
