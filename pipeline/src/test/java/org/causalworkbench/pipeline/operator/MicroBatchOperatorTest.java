package org.causalworkbench.pipeline.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MicroBatchOperatorTest {

  private static OneInputStreamOperatorTestHarness<Integer, List<Integer>> harness(int size, long waitMillis)
      throws Exception {
    OneInputStreamOperatorTestHarness<Integer, List<Integer>> h =
        new OneInputStreamOperatorTestHarness<>(new MicroBatchOperator<>(size, waitMillis));
    h.open();
    return h;
  }

  @SuppressWarnings("unchecked")
  private static List<List<Integer>> batches(OneInputStreamOperatorTestHarness<Integer, List<Integer>> h) {
    List<List<Integer>> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        out.add((List<Integer>) r.getValue());
      }
    }
    return out;
  }

  @Test
  void fullBatchesGoOutAtOnce() throws Exception {
    var h = harness(3, 10_000);
    for (int i = 1; i <= 7; i++) {
      h.processElement(new StreamRecord<>(i));
    }
    assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5, 6)), batches(h));
  }

  @Test
  void aPartialBatchGoesOutWhenItsOldestHasWaited() throws Exception {
    var h = harness(100, 50);
    h.setProcessingTime(0);
    h.processElement(new StreamRecord<>(1));
    h.processElement(new StreamRecord<>(2));
    h.setProcessingTime(49);
    assertEquals(List.of(), batches(h));
    h.setProcessingTime(50);
    assertEquals(List.of(List.of(1, 2)), batches(h));
    // The next record arms a new timer of its own.
    h.processElement(new StreamRecord<>(3));
    h.setProcessingTime(100);
    assertEquals(List.of(List.of(1, 2), List.of(3)), batches(h));
  }

  @Test
  void endOfInputAndCheckpointsFlushWhatIsBuffered() throws Exception {
    var h = harness(100, 10_000);
    h.processElement(new StreamRecord<>(1));
    h.prepareSnapshotPreBarrier(1);
    assertEquals(List.of(List.of(1)), batches(h));
    h.processElement(new StreamRecord<>(2));
    h.endInput();
    assertEquals(List.of(List.of(1), List.of(2)), batches(h));
  }

  @Test
  void aTimerOfAnAlreadyFlushedBatchDoesNotCutTheNextOneShort() throws Exception {
    var h = harness(2, 50);
    h.setProcessingTime(0);
    h.processElement(new StreamRecord<>(1));
    h.processElement(new StreamRecord<>(2)); // full: flushed, its timer is stale
    h.setProcessingTime(30);
    h.processElement(new StreamRecord<>(3)); // due at 80
    h.setProcessingTime(50);
    assertEquals(List.of(List.of(1, 2)), batches(h));
    h.setProcessingTime(80);
    assertEquals(List.of(List.of(1, 2), List.of(3)), batches(h));
  }
}
