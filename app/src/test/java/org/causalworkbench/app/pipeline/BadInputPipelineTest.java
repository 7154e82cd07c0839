package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.causalworkbench.app.job.CausalGraphJob;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.extraction.job.CandidatesFunction;
import org.causalworkbench.extraction.job.DecodeDocumentFunction;
import org.causalworkbench.ingest.read.IngestReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is dead-lettered with its reason; the good ones in the same run are processed. */
class BadInputPipelineTest {

  @TempDir Path dir;

  @Test
  void badInputsAreDeadLetteredWithTheirReasonAndGoodOnesProcessed() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    WorkbenchConfig config = SharedServices.isolated(services, "bad", "ingest.max-document-bytes", "400");
    PipelineRunner runner = new PipelineRunner(services, config);

    String good = "Severe frost destroyed the orchards. As a result, apple prices rose.";
    String jsonlGood = "Road salt contaminated the creek.";
    String csvGood = "The factory closure caused job losses.";
    Files.writeString(dir.resolve("good.txt"), good);
    Files.writeString(dir.resolve("empty.txt"), "");
    Files.writeString(dir.resolve("blank.md"), "   \n\n ");
    Files.write(dir.resolve("binary.txt"), new byte[] {0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10, 0x00});
    Files.write(dir.resolve("latin1.txt"), "Caf\u00e9 closures hurt tourism.".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(dir.resolve("huge.txt"), "Rain fell. ".repeat(100));
    Files.writeString(dir.resolve("lines.jsonl"), String.join("\n",
        "{\"id\": \"ok-1\", \"text\": \"" + jsonlGood + "\"}",
        "{\"id\": \"broken\", \"text\": ",
        "{\"id\": \"no-text\", \"title\": \"nothing here\"}"));
    Files.writeString(dir.resolve("rows.csv"), "id,text\n1,\"" + csvGood + "\"\n2,too,many,fields\n");
    Files.writeString(dir.resolve("scan.pdf"), "%PDF-1.4 not read");

    IngestReport report = runner.ingest(List.of(dir));
    assertEquals(3, report.documents());
    assertEquals(Map.of("binary", 1L, "empty", 2L, "malformed", 2L, "missing_text", 1L, "not_utf8", 1L,
        "too_large", 1L, "unsupported_format", 1L), report.deadLetters());

    // A record on the topic that is not a document at all: the job dead-letters it.
    Properties props = new Properties();
    props.put("bootstrap.servers", services.bootstrap());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(config.get(WorkbenchOptions.TOPIC_DOCUMENTS), "junk".getBytes(),
          "this is not json".getBytes())).get();
    }

    CausalGraphJob.Result job = runner.runBounded();
    assertEquals(4, job.counter(DecodeDocumentFunction.RECEIVED));
    assertEquals(3, job.counter(CandidatesFunction.PROCESSED));
    assertEquals(1, job.counter(DecodeDocumentFunction.DEAD_LETTERED));

    Map<String, Long> byStageAndReason = new TreeMap<>();
    for (DeadLetter d : runner.deadLetters(java.time.Instant.EPOCH)) {
      byStageAndReason.merge(d.stage() + "/" + d.reason(), 1L, Long::sum);
      assertTrue(!d.detail().isBlank() && !d.inputId().isBlank(), d.toString());
    }
    assertEquals(Map.of("ingest/binary", 1L, "ingest/empty", 2L, "ingest/malformed", 2L, "ingest/missing_text", 1L,
        "ingest/not_utf8", 1L, "ingest/too_large", 1L, "ingest/unsupported_format", 1L, "decode/malformed", 1L),
        byStageAndReason);

    try (Connection c = services.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM documents WHERE id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", new Object[] {
          ContentIds.documentId(good), ContentIds.documentId(jsonlGood), ContentIds.documentId(csvGood)}));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertEquals(3, rs.getLong(1));
      }
    }
  }
}
