package org.causalworkbench.pipeline.sink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.graph.score.CycleFlagger;
import org.causalworkbench.graph.variables.NameEmbedder;
import org.causalworkbench.graph.variables.VariableResolver;
import org.causalworkbench.graph.score.EdgeFlag;
import org.causalworkbench.graph.score.EdgeScorer;
import org.causalworkbench.graph.score.EdgeScorers;
import org.causalworkbench.graph.store.Database;
import org.causalworkbench.graph.store.GraphWriter;
import org.causalworkbench.graph.store.PostgresGraphWriter;

/**
 * Writes a stream into the graph store in batches. Buffers are written at every checkpoint and at
 * the end of input ({@link SinkWriter#flush}); the store's writes are idempotent, so records
 * written again after a restart from a checkpoint change nothing.
 */
public final class GraphStoreSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  /** How a batch of records is written. */
  @FunctionalInterface
  public interface Write<T> extends Serializable {
    void write(GraphWriter writer, List<T> batch);
  }

  private final WorkbenchConfig config;
  private final Write<T> write;
  private final int batchSize;
  private final boolean writesEdges;

  /**
   * @param writesEdges whether this sink writes verdicts, so it clusters variables and keeps the
   *     in_cycle flags current
   */
  public GraphStoreSink(WorkbenchConfig config, Write<T> write, int batchSize, boolean writesEdges) {
    this.config = config;
    this.write = write;
    this.batchSize = batchSize;
    this.writesEdges = writesEdges;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Database database = Database.open(config.get(WorkbenchOptions.JDBC_URL), config.get(WorkbenchOptions.JDBC_USER),
        config.get(WorkbenchOptions.JDBC_PASSWORD), 2);
    double similarity = config.getDouble(WorkbenchOptions.VARIABLE_SIMILARITY);
    NameEmbedder embedder = writesEdges && similarity > 0 ? new EncoderNameEmbedder(config) : null;
    EdgeScorer scorer = EdgeScorers.fromConfig(config);
    GraphWriter writer = new PostgresGraphWriter(database.dataSource(), scorer,
        new VariableResolver(embedder, similarity,
            config.getDouble(WorkbenchOptions.VARIABLE_SIBLING_SIMILARITY)));
    long refreshMillis = writesEdges ? config.getLong(WorkbenchOptions.GRAPH_CYCLE_REFRESH_MS) : -1;
    return new BatchingWriter<>(database, embedder, writer, write, batchSize, refreshMillis, scorer.reviewFlags());
  }

  private static final class BatchingWriter<T> implements SinkWriter<T> {
    private final Database database;
    private final NameEmbedder embedder;
    private final GraphWriter writer;
    private final Write<T> write;
    private final int batchSize;
    private final List<T> buffer = new ArrayList<>();
    private final long refreshMillis;
    private final Set<EdgeFlag> reviewFlags;
    private long lastRefresh = System.nanoTime();
    private boolean written;

    BatchingWriter(Database database, NameEmbedder embedder, GraphWriter writer, Write<T> write, int batchSize,
        long refreshMillis, Set<EdgeFlag> reviewFlags) {
      this.database = database;
      this.embedder = embedder;
      this.writer = writer;
      this.write = write;
      this.batchSize = batchSize;
      this.refreshMillis = refreshMillis;
      this.reviewFlags = reviewFlags;
    }

    @Override
    public void write(T element, Context context) {
      buffer.add(element);
      if (buffer.size() >= batchSize) {
        flush(false);
      }
    }

    @Override
    public void flush(boolean endOfInput) {
      if (!buffer.isEmpty()) {
        write.write(writer, List.copyOf(buffer));
        buffer.clear();
        written = true;
      }
      boolean due = (System.nanoTime() - lastRefresh) / 1_000_000 >= refreshMillis;
      if (refreshMillis >= 0 && written && (endOfInput || due)) {
        CycleFlagger.refresh(database.dataSource(), reviewFlags);
        lastRefresh = System.nanoTime();
        written = false;
      }
    }

    @Override
    public void close() {
      if (embedder != null) {
        embedder.close();
      }
      database.close();
    }
  }
}
