package org.causalworkbench.app.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
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

  public GraphStoreSink(WorkbenchConfig config, Write<T> write, int batchSize) {
    this.config = config;
    this.write = write;
    this.batchSize = batchSize;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Database database = Database.open(config.get(WorkbenchOptions.JDBC_URL), config.get(WorkbenchOptions.JDBC_USER),
        config.get(WorkbenchOptions.JDBC_PASSWORD), 2);
    GraphWriter writer = new PostgresGraphWriter(database.dataSource(), EdgeScorers.fromConfig(config));
    return new BatchingWriter<>(database, writer, write, batchSize);
  }

  private static final class BatchingWriter<T> implements SinkWriter<T> {
    private final Database database;
    private final GraphWriter writer;
    private final Write<T> write;
    private final int batchSize;
    private final List<T> buffer = new ArrayList<>();

    BatchingWriter(Database database, GraphWriter writer, Write<T> write, int batchSize) {
      this.database = database;
      this.writer = writer;
      this.write = write;
      this.batchSize = batchSize;
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
      }
    }

    @Override
    public void close() {
      database.close();
    }
  }
}
