package org.causalworkbench.app.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.JobStatus;
import org.causalworkbench.pipeline.functions.AnnotateFunction;
import org.causalworkbench.pipeline.functions.DecodeDocumentFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.pipeline.remote.RemoteJob;
import org.causalworkbench.app.job.JobProgress;
import org.causalworkbench.pipeline.RunSettings;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.app.summary.RunSummary;
import org.causalworkbench.app.summary.SummaryBuilder;
import org.causalworkbench.core.build.BuildInfo;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.graph.query.GraphQueries;
import org.causalworkbench.graph.runs.RunRecord;
import org.causalworkbench.graph.runs.RunStore;
import org.causalworkbench.ingest.kafka.KafkaIngestSink;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.causalworkbench.ingest.kafka.Topics;
import org.causalworkbench.ingest.read.CorpusIngester;
import org.causalworkbench.ingest.read.IngestReport;

/** The steps of a run, shared by the commands and the end-to-end tests. */
public final class PipelineRunner {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  private final WorkbenchServices services;
  private final WorkbenchConfig config;

  public PipelineRunner(WorkbenchServices services) {
    this(services, services.resolvedConfig());
  }

  /** With a configuration of its own (other topics, another job name) over the same services. */
  public PipelineRunner(WorkbenchServices services, WorkbenchConfig config) {
    this.services = services;
    this.config = config;
    Topics.from(config).createMissing(services.kafka(), config);
  }

  public WorkbenchConfig config() {
    return config;
  }

  /** Reads files and folders into the documents topic; bad inputs go to the dead-letter topic. */
  public IngestReport ingest(List<Path> paths) {
    CorpusIngester ingester = CorpusIngester.standard(config.getLong(WorkbenchOptions.INGEST_MAX_DOCUMENT_BYTES),
        config.get(WorkbenchOptions.INGEST_CSV_TEXT_COLUMN));
    try (KafkaIngestSink sink = new KafkaIngestSink(services.kafka(), Topics.from(config))) {
      return ingester.ingest(paths, sink);
    }
  }

  /**
   * Runs the job in a local MiniCluster over everything not yet read from the documents topic,
   * showing its progress and recording the run in the store.
   */
  public LocalJob.Result runBounded() throws Exception {
    return run(true);
  }

  /** Runs the job streaming until it is stopped (Ctrl-C ends the process), showing its progress. */
  public void runStreaming() throws Exception {
    run(false);
  }

  /** A job handed to a Flink session cluster, with the run that records it. */
  public record Submitted(RemoteJob.Submitted job, String runId, TopicDrain.Backlog atStart, long startNanos) {
    public String id() {
      return job.id();
    }
  }

  /**
   * Submits the streaming job to a Flink session cluster and returns once the cluster has it; the
   * cluster owns it from then on. {@link #watch} keeps its run record current.
   */
  public Submitted submit(String flink) throws Exception {
    RunStore runs = new RunStore(services.database().dataSource());
    RunRecord run = runs.start("job --flink " + flink, BuildInfo.current().describe(), RunSettings.of(config), false);
    try {
      TopicDrain.Backlog atStart = backlog();
      RemoteJob.Submitted job = RemoteJob.submit(config, flink, run.id());
      LOG.info("run {} submitted to {} as Flink job {}", run.id(), flink, job.id());
      return new Submitted(job, run.id(), atStart, System.nanoTime());
    } catch (Exception e) {
      runs.finish(run.id(), RunRecord.FAILED, String.valueOf(e.getMessage()));
      throw e;
    }
  }

  /**
   * Follows a job on the cluster until it ends, as {@code flink run} does when attached: its
   * progress goes to the terminal and to its run record, and its end closes the record (a
   * cancelled job is {@code stopped}). Documents done are read from the job's committed offsets,
   * which a restart on the cluster keeps, so they lag by up to one checkpoint; sentences come from
   * the counters of its current attempt.
   */
  public String watch(Submitted submitted) throws Exception {
    RunStore runs = new RunStore(services.database().dataSource());
    CompletableFuture<JobStatus> end = submitted.job().end();
    Callable<RunRecord.Progress> reader = () -> clusterProgress(submitted);
    try (JobProgress progress = JobProgress.start(reader, terminal(), p -> runs.progress(submitted.runId(), p))) {
      JobStatus status = end.get();
      runs.progress(submitted.runId(), reader.call());
      String outcome = switch (status) {
        case FINISHED -> RunRecord.FINISHED;
        case CANCELED -> RunRecord.STOPPED;
        default -> RunRecord.FAILED;
      };
      runs.finish(submitted.runId(), outcome, outcome.equals(RunRecord.FAILED) ? "the cluster reports the job "
          + status + "; its JobManager log says why" : null);
      LOG.info("run {} (Flink job {}) ended: {}", submitted.runId(), submitted.id(), status);
      return outcome;
    }
  }

  private RunRecord.Progress clusterProgress(Submitted submitted) throws Exception {
    TopicDrain.Backlog now = backlog();
    long total = submitted.atStart().unread() + now.end() - submitted.atStart().end();
    long done = Math.max(0, total - now.unread());
    Map<String, Object> counters = submitted.job().counters();
    long received = counters.get(DecodeDocumentFunction.RECEIVED) instanceof Number n ? n.longValue() : 0;
    long sentences = counters.get(AnnotateFunction.SENTENCES) instanceof Number n ? n.longValue() : 0;
    double seconds = (System.nanoTime() - submitted.startNanos()) / 1e9;
    return new RunRecord.Progress(received, done, total, sentences,
        JobProgress.line(done, total, sentences, seconds, false), Instant.now());
  }

  private LocalJob.Result run(boolean bounded) throws Exception {
    RunStore runs = new RunStore(services.database().dataSource());
    runs.closeAbandoned(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    RunRecord run = runs.start(services.command(), BuildInfo.current().describe(), RunSettings.of(config), true);
    LOG.info("run {} started", run.id());
    try {
      // What this run has to read: the job's backlog as it starts, plus (streaming) what arrives after.
      TopicDrain.Backlog atStart = backlog();
      LocalJob.Running job = LocalJob.start(config, run.id(), bounded);
      if (job.resumedFrom() != null) {
        runs.resumedFrom(run.id(), job.resumedFrom());
      }
      long toRead = bounded ? job.boundedBacklog(atStart.end(), atStart.end() - atStart.unread()) : atStart.unread();
      LongSupplier documents = bounded ? () -> toRead : () -> atStart.unread() + backlog().end() - atStart.end();
      LocalJob.Result result;
      try (JobProgress progress = JobProgress.start(() -> JobProgress.of(job.progress(), documents.getAsLong(),
          bounded), terminal(), p -> runs.progress(run.id(), p))) {
        result = job.await();
      }
      runs.progress(run.id(), JobProgress.of(result, documents.getAsLong(), bounded));
      runs.finish(run.id(), bounded ? RunRecord.FINISHED : RunRecord.STOPPED, null);
      return result;
    } catch (Exception | Error e) {
      runs.finish(run.id(), RunRecord.FAILED, String.valueOf(e.getMessage()));
      throw e;
    }
  }

  private TopicDrain.Backlog backlog() {
    return TopicDrain.backlog(services.kafka(), config.get(WorkbenchOptions.TOPIC_DOCUMENTS),
        config.get(WorkbenchOptions.JOB_NAME));
  }

  /** Standard error when a person watches it, else null: progress then goes to the log. */
  private static java.io.PrintStream terminal() {
    return System.console() != null ? System.err : null;
  }

  /** Dead letters written at or after {@code since}. */
  public List<DeadLetter> deadLetters(Instant since) {
    Json json = new Json();
    return TopicDrain.readAll(services.kafka(), config.get(WorkbenchOptions.TOPIC_DEAD_LETTER),
            bytes -> json.read(bytes, DeadLetter.class)).stream()
        .filter(d -> !d.time().isBefore(since))
        .toList();
  }

  public GraphQueries queries() {
    return new GraphQueries(services.database().dataSource());
  }

  /** The summary of a run that started at {@code started}; dead letters of earlier runs are left out. */
  public RunSummary summary(IngestReport ingest, LocalJob.Result job, Instant started, Path goldFile,
      Path nonEdgeFile) {
    SummaryBuilder builder = new SummaryBuilder(queries(), config.getDouble(WorkbenchOptions.LOW_BELIEF), 10);
    double seconds = java.time.Duration.between(started, Instant.now()).toMillis() / 1000.0;
    return builder.build(ingest, job, deadLetters(started), held(), seconds, goldFile, nonEdgeFile);
  }

  /**
   * What the documents topic, the dead-letter topic and the store hold, over every run on them:
   * each document on the topic should be in the graph or dead-lettered by the job.
   */
  public RunSummary.Held held() {
    Set<String> onTopic = TopicDrain.keys(services.kafka(), config.get(WorkbenchOptions.TOPIC_DOCUMENTS));
    Set<String> inGraph = new HashSet<>();
    try (Connection c = services.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id FROM documents WHERE id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", onTopic.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          inGraph.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the documents in the graph store: " + e.getMessage(), e);
    }
    Set<String> deadLettered = new HashSet<>();
    for (DeadLetter d : deadLetters(Instant.EPOCH)) {
      // A sentence left out is not a document lost: its document went on.
      if (!d.stage().equals("ingest") && !d.reason().equals(DeadLetterReason.SENTENCE_TOO_LONG)
          && onTopic.contains(d.inputId()) && !inGraph.contains(d.inputId())) {
        deadLettered.add(d.inputId());
      }
    }
    return new RunSummary.Held(onTopic.size(), inGraph.size(), deadLettered.size(),
        onTopic.size() - inGraph.size() - deadLettered.size());
  }
}
