package org.causalworkbench.pipeline.source;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Kafka's source, with one fix: a bounded one restored from a checkpoint still ends. Restored, the
 * connector's enumerator (5.0.0-2.2) finds every partition already assigned and never tells its
 * readers that no more splits come, so they wait forever at their stopping offsets (FLINK-31006,
 * fix open upstream). Here the restored bounded enumerator tells each reader as it registers:
 * every split it will read came back with its own state, since the partitions of the workbench's
 * topics do not change.
 */
public final class EndingKafkaSource<T>
    implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<T> {

  private static final long serialVersionUID = 1L;

  private final KafkaSource<T> kafka;

  public EndingKafkaSource(KafkaSource<T> kafka) {
    this.kafka = kafka;
  }

  @Override
  public Boundedness getBoundedness() {
    return kafka.getBoundedness();
  }

  @Override
  public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context) throws Exception {
    return kafka.createReader(context);
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
    return kafka.createEnumerator(context);
  }

  @Override
  public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
      SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state) throws Exception {
    SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restored = kafka.restoreEnumerator(context, state);
    return getBoundedness() == Boundedness.BOUNDED ? new Ending(restored, context) : restored;
  }

  @Override
  public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
    return kafka.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
    return kafka.getEnumeratorCheckpointSerializer();
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return kafka.getProducedType();
  }

  /** The restored enumerator, which also signals each reader that registers that no more splits come. */
  private static final class Ending implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
    private final SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restored;
    private final SplitEnumeratorContext<KafkaPartitionSplit> context;

    Ending(SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restored,
        SplitEnumeratorContext<KafkaPartitionSplit> context) {
      this.restored = restored;
      this.context = context;
    }

    @Override
    public void start() {
      restored.start();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
      restored.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {
      restored.addSplitsBack(splits, subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
      restored.addReader(subtaskId);
      context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public KafkaSourceEnumState snapshotState(long checkpointId) throws Exception {
      return restored.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      restored.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
      restored.handleSourceEvent(subtaskId, sourceEvent);
    }

    @Override
    public void close() throws java.io.IOException {
      restored.close();
    }
  }
}
