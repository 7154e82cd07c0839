package org.causalworkbench.pipeline.operator;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Groups records into batches of up to {@code maxSize}, or fewer once the oldest has waited {@code
 * maxWaitMillis}, whichever comes first (a wait of 0 sends every record at once). The buffer is emptied before every checkpoint barrier and
 * at the end of input, so it needs no state of its own and a bounded job loses nothing (processing
 * timers do not fire after a bounded input ends).
 */
public final class MicroBatchOperator<T> extends AbstractStreamOperator<List<T>>
    implements OneInputStreamOperator<T, List<T>>, BoundedOneInput {

  private static final long serialVersionUID = 1L;

  private final int maxSize;
  private final long maxWaitMillis;
  private transient List<T> buffer;
  private transient long generation;

  public MicroBatchOperator(int maxSize, long maxWaitMillis) {
    if (maxSize < 1 || maxWaitMillis < 0) {
      throw new IllegalArgumentException("batch size must be >= 1 and wait >= 0 ms, got " + maxSize + ", " + maxWaitMillis);
    }
    this.maxSize = maxSize;
    this.maxWaitMillis = maxWaitMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    buffer = new ArrayList<>(maxSize);
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    buffer.add(element.getValue());
    if (maxWaitMillis == 0) {
      flush();
      return;
    }
    if (buffer.size() == 1) {
      long armedFor = generation;
      long due = getProcessingTimeService().getCurrentProcessingTime() + maxWaitMillis;
      getProcessingTimeService().registerTimer(due, time -> {
        if (generation == armedFor) {
          flush();
        }
      });
    }
    if (buffer.size() >= maxSize) {
      flush();
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    flush();
  }

  @Override
  public void endInput() {
    flush();
  }

  private void flush() {
    generation++;
    if (buffer.isEmpty()) {
      return;
    }
    output.collect(new StreamRecord<>(List.copyOf(buffer)));
    buffer.clear();
  }
}
