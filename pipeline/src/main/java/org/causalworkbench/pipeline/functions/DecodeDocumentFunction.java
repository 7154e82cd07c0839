package org.causalworkbench.pipeline.functions;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;

import org.causalworkbench.pipeline.source.RawRecord;
/**
 * Decodes document JSON; a record that is not a document goes to the dead-letter output, and a
 * tombstone (a key without a value: a forgotten document) is passed over.
 */
public final class DecodeDocumentFunction extends ProcessFunction<RawRecord, Document> {

  private static final long serialVersionUID = 1L;
  public static final String RECEIVED = "documents.received";
  public static final String DEAD_LETTERED = "documents.dead-lettered";

  private transient Json json;
  private transient LongCounter received;
  private transient LongCounter deadLettered;

  @Override
  public void open(OpenContext context) {
    json = new Json();
    received = getRuntimeContext().getLongCounter(RECEIVED);
    deadLettered = getRuntimeContext().getLongCounter(DEAD_LETTERED);
  }

  @Override
  public void processElement(RawRecord record, Context ctx, Collector<Document> out) {
    if (record.key() != null && record.value() == null) {
      return; // a tombstone: its document was forgotten (./workbench forget), nothing to read
    }
    received.add(1);
    String where = record.topic() + "/" + record.partition() + "@" + record.offset();
    String key = record.key() == null ? where : new String(record.key(), StandardCharsets.UTF_8);
    Document document;
    try {
      document = record.value() == null ? null : json.read(record.value(), Document.class);
    } catch (RuntimeException e) {
      deadLettered.add(1);
      ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(key, "decode", DeadLetterReason.MALFORMED,
          where + ": " + e.getMessage(), value(record)));
      return;
    }
    if (document == null || document.text().isBlank()) {
      deadLettered.add(1);
      ctx.output(SideOutputs.DEAD_LETTERS, DeadLetter.of(key, "decode", DeadLetterReason.MISSING_TEXT,
          where + ": the document has no text", value(record)));
      return;
    }
    out.collect(document);
  }

  private static String value(RawRecord record) {
    return record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
  }
}
