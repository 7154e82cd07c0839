package org.causalworkbench.inference.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.causalworkbench.core.lifecycle.Closing;
import org.causalworkbench.core.model.Relation;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.core.model.Verdict;

/**
 * Several extractors read the same units ({@code extraction.extractor=tagger+cue}), as several
 * readers read the same papers in INDRA: each relation keeps the extractor that found it, so a
 * relation two of them find is evidence from two judges and the belief model counts both, while
 * one only one finds stands on that one's evidence. A unit fails only when every extractor failed.
 */
public final class UnionExtractor implements AsyncCausalExtractor {

  private final List<CausalExtractor> members;

  public UnionExtractor(List<CausalExtractor> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException("a union needs two extractors or more, got " + members.size());
    }
    this.members = List.copyOf(members);
  }

  @Override
  public String id() {
    return members.stream().map(CausalExtractor::id).collect(Collectors.joining("+"));
  }

  @Override
  public String version() {
    return members.stream().map(CausalExtractor::version).collect(Collectors.joining("+"));
  }

  /** The readers of this union, in the order configured. */
  public List<CausalExtractor> members() {
    return members;
  }

  /** In-process members run on the calling thread; the merge waits for the remote ones. */
  @Override
  public CompletableFuture<List<UnitRelations>> extractAsync(List<Unit> batch) {
    List<CompletableFuture<List<UnitRelations>>> pending = new ArrayList<>();
    for (CausalExtractor m : members) {
      pending.add(m instanceof AsyncCausalExtractor async ? async.extractAsync(batch)
          : CompletableFuture.completedFuture(m.extract(batch)));
    }
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> merge(batch, pending.stream().map(CompletableFuture::join).toList()));
  }

  private static List<UnitRelations> merge(List<Unit> batch, List<List<UnitRelations>> each) {
    List<UnitRelations> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      List<Relation> relations = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      List<String> details = new ArrayList<>();
      int tokensIn = 0;
      int tokensOut = 0;
      long latency = 0;
      int calls = 0;
      for (List<UnitRelations> member : each) {
        UnitRelations r = member.get(i);
        relations.addAll(r.relations());
        if (r.failure() != null) {
          failures.add(r.failure());
          details.add(r.detail());
        }
        tokensIn += r.usage().tokensIn();
        tokensOut += r.usage().tokensOut();
        latency += r.usage().latencyMillis();
        calls += r.llmCalls();
      }
      relations.sort((a, b) -> Double.compare(b.probability(), a.probability()));
      String failure = failures.size() == each.size() ? failures.get(0) : null;
      out.add(new UnitRelations(batch.get(i), relations, failure, failure == null ? null : String.join("; ", details),
          new Verdict.Usage(tokensIn, tokensOut, latency), calls));
    }
    return out;
  }


  @Override
  public void close() {
    Closing.closeAll(members);
  }
}
