package org.causalworkbench.graph.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One job run and what produced its verdicts. Each evidence row names the run that first produced
 * it ({@code evidence.run_id}).
 *
 * @param outcome {@code running}, {@code finished}, {@code failed}, {@code stopped}, or {@code
 *     killed} (its process went away without closing it; a later run on the host notices)
 * @param codeVersion the workbench's version and the commit it was built from
 * @param configHash SHA-256 of {@code settings}: two runs with one hash were configured alike
 * @param settings every configuration key that shapes verdicts (ingest, extraction, judges, models),
 *     resolved to its value
 * @param resumedFrom the checkpoint it resumed from, or null for a fresh start
 * @param progress the run's last progress report (documents read and done, sentences, a line for
 *     people), or {@link Progress#NONE}
 * @param producers the extractors and judges that produced its evidence, by version (versions carry
 *     the digests of their weights and prompts), with the evidence each produced
 */
public record RunRecord(
    String id,
    String command,
    Instant startedAt,
    Instant endedAt,
    String outcome,
    String host,
    long pid,
    String codeVersion,
    String configHash,
    Map<String, String> settings,
    String resumedFrom,
    Progress progress,
    List<Producer> producers,
    String failure) {

  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";
  public static final String FAILED = "failed";
  public static final String STOPPED = "stopped";
  public static final String KILLED = "killed";

  /**
   * How far a run got: documents read from the topic, done (in the graph or dead-lettered) of those
   * on it, sentences read, and the line the job's progress shows, as of {@code at}.
   */
  public record Progress(long documentsIn, long documentsDone, long documentsTotal, long sentences, String line,
      Instant at) {
    public static final Progress NONE = new Progress(0, 0, 0, 0, null, null);
  }

  /** An extractor or judge at one version, and how many evidence rows of the run it produced. */
  public record Producer(String id, String version, long evidence) {}

  public RunRecord {
    settings = Map.copyOf(settings);
    producers = List.copyOf(producers);
  }
}
