package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.causalworkbench.core.model.DeadLetterReason;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.ingest.kafka.KafkaIngestSink;
import org.causalworkbench.ingest.kafka.Topics;
import org.causalworkbench.ingest.read.CorpusIngester;
import org.causalworkbench.ingest.read.IngestSink;
import org.junit.jupiter.api.Timeout;
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
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.app.summary.RunSummary;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.model.DeadLetter;
import org.causalworkbench.pipeline.functions.CandidatesFunction;
import org.causalworkbench.pipeline.functions.DecodeDocumentFunction;
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
    Files.writeString(dir.resolve("slides.pptx"), "not read: no reader for slides");

    IngestReport report = runner.ingest(List.of(dir));
    assertEquals(3, report.documents());
    assertEquals(Map.of("binary", 1L, "empty", 2L, "malformed", 2L, "missing_text", 1L, "not_utf8", 1L,
        "too_large", 1L, "unsupported_format", 1L), report.deadLetters());

    // A record on the topic that is not a document at all: the job dead-letters it.
    Properties props = new Properties();
    props.put("bootstrap.servers", services.kafka().bootstrap());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(config.get(WorkbenchOptions.TOPIC_DOCUMENTS), "junk".getBytes(),
          "this is not json".getBytes())).get();
    }

    LocalJob.Result job = runner.runBounded();
    assertEquals(4, job.counter(DecodeDocumentFunction.RECEIVED));
    assertEquals(3, job.counter(CandidatesFunction.PROCESSED));
    assertEquals(1, job.counter(DecodeDocumentFunction.DEAD_LETTERED));
    // What the topics and the store hold: three documents in the graph, the junk record dead-lettered.
    assertEquals(new RunSummary.Held(4, 3, 1, 0), runner.held());

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

  /**
   * The inputs that once stalled the stream or could: each is processed or dead-lettered with its
   * reason, every good document reaches the graph, and the run ends (the timeout is a hang guard).
   */
  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aHostileCorpusNeverStallsTheStream() throws Exception {
    WorkbenchServices services = SharedServices.embedded();
    WorkbenchConfig config = SharedServices.isolated(services, "hostile");
    PipelineRunner runner = new PipelineRunner(services, config);
    Path corpus = Files.createDirectory(dir.resolve("hostile"));
    List<String> good = new ArrayList<>();

    // Text that reaches annotation and must not hold it.
    Files.writeString(corpus.resolve("01-no-punctuation.txt"),
        "river stone market wind harvest light people road water city ".repeat(16_000));
    String brackets = "Heavy rain flooded the market. " + "(".repeat(5000) + "mud" + ")".repeat(5000)
        + ". The flood closed the old bridge.";
    Files.writeString(corpus.resolve("02-brackets.txt"), brackets);
    String bidi = "Drought\u200b cut the wheat\u200d harvest. \u202eAs a result\u202c, bread prices \u200frose.";
    Files.writeString(corpus.resolve("03-zero-width-and-rtl.txt"), bidi);
    good.addAll(List.of(brackets, bidi));
    // Files that are not what they claim, or not files at all.
    Files.write(corpus.resolve("04-nul.txt"), "Storms\u0000\u0000 felled trees.".getBytes(StandardCharsets.UTF_8));
    try (var out = Files.newBufferedWriter(corpus.resolve("05-hundred-megabytes.txt"))) {
      String line = "The long report repeats itself without end. ".repeat(20) + "\n";
      for (long written = 0; written < 100L * 1024 * 1024; written += line.length()) {
        out.write(line);
      }
    }
    Files.createSymbolicLink(corpus.resolve("06-loop-a.txt"), corpus.resolve("06-loop-b.txt"));
    Files.createSymbolicLink(corpus.resolve("06-loop-b.txt"), corpus.resolve("06-loop-a.txt"));
    Files.createSymbolicLink(corpus.resolve("07-dangling.txt"), corpus.resolve("nowhere.txt"));
    assertEquals(0, new ProcessBuilder("mkfifo", corpus.resolve("08-pipe.txt").toString()).start().waitFor());
    Path vanishing = Files.writeString(corpus.resolve("09-vanishing.txt"), "This file is gone before it is read.");
    // Records that are too large or malformed, among good ones.
    String jsonlGood = "Salt spray corroded the pylons.";
    Files.writeString(corpus.resolve("10-huge-line.jsonl"), "{\"text\": \"" + "word ".repeat(2_000_000) + "\"}\n"
        + "{\"text\": \"" + jsonlGood + "\"}\n");
    String csvGood = "The heatwave caused crop failures.";
    Files.writeString(corpus.resolve("11-ragged.csv"), "id,text\n1,only one field too,many\n2,\"" + csvGood + "\"\n");
    try (var out = new GZIPOutputStream(Files.newOutputStream(corpus.resolve("12-bomb.jsonl.gz")))) {
      byte[] flood = "a".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 100; i++) {
        out.write(flood);
      }
    }
    Path secret = Files.writeString(dir.resolve("secret.txt"), "swordfish");
    Files.writeString(corpus.resolve("13-external-entity.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet"
        + " [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation>"
        + "<PMID>1</PMID><Article><Abstract><AbstractText>&xxe;</AbstractText></Abstract></Article></MedlineCitation>"
        + "</PubmedArticle></PubmedArticleSet>\n");
    String abstractText = "Irrigation raised groundwater levels in the delta.";
    Files.writeString(corpus.resolve("14-pubmed.xml"), "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>7</PMID>"
        + "<Article><ArticleTitle>Delta water</ArticleTitle><Abstract><AbstractText>" + abstractText
        + "</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n");
    String plain = "Frost damaged the vineyards, so wine prices rose.";
    Files.writeString(corpus.resolve("15-good.txt"), plain);
    good.addAll(List.of(jsonlGood, csvGood, abstractText, plain));

    IngestReport report;
    CorpusIngester ingester = CorpusIngester.standard(config.getLong(WorkbenchOptions.INGEST_MAX_DOCUMENT_BYTES), "text");
    try (KafkaIngestSink kafka = new KafkaIngestSink(services.kafka(), Topics.from(config))) {
      report = ingester.ingest(List.of(corpus), new IngestSink() {
        @Override
        public void document(Document document) {
          kafka.document(document);
          try {
            Files.deleteIfExists(vanishing); // gone after the first documents, before its turn
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void deadLetter(DeadLetter deadLetter) {
          kafka.deadLetter(deadLetter);
        }
      });
    }
    assertEquals(good.size() + 1, report.documents(), "the good documents and the punctuation-free one");
    assertEquals(new RunSummary.Held(report.documents(), 0, 0, report.documents()), runner.held(),
        "before the job, every document on the topic is in neither the graph nor the dead letters");
    LocalJob.Result job = runner.runBounded();
    assertEquals(report.documents(), job.counter(DecodeDocumentFunction.RECEIVED));
    assertEquals(report.documents(), job.counter(CandidatesFunction.PROCESSED) + job.counter(
        DecodeDocumentFunction.DEAD_LETTERED));
    assertEquals(new RunSummary.Held(report.documents(), report.documents(), 0, 0), runner.held(),
        "a sentence left out is not a document lost");

    Map<String, Long> byStageAndReason = new TreeMap<>();
    Map<String, String> reasonByInput = new TreeMap<>();
    for (DeadLetter d : runner.deadLetters(java.time.Instant.EPOCH)) {
      byStageAndReason.merge(d.stage() + "/" + d.reason(), 1L, Long::sum);
      reasonByInput.put(d.inputId().replaceFirst("^.*/", "").replaceFirst(":\\d+$", ""), d.reason());
      assertTrue(!d.detail().contains("swordfish") && !d.input().contains("swordfish"), d.toString());
    }
    assertEquals(Map.of("ingest/binary", 1L, "ingest/too_large", 3L, "ingest/not_a_file", 3L, "ingest/unreadable", 2L,
        "ingest/malformed", 2L, "annotate/sentence_too_long", 2L), byStageAndReason, reasonByInput::toString);
    assertEquals(DeadLetterReason.UNREADABLE, reasonByInput.get("09-vanishing.txt"));
    assertEquals(DeadLetterReason.NOT_A_FILE, reasonByInput.get("08-pipe.txt"));
    assertEquals(DeadLetterReason.TOO_LARGE, reasonByInput.get("05-hundred-megabytes.txt"));
    assertEquals(DeadLetterReason.TOO_LARGE, reasonByInput.get("12-bomb.jsonl.gz"));

    try (Connection c = services.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM documents WHERE id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", good.stream().map(ContentIds::documentId).toArray()));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertEquals(good.size(), rs.getLong(1), "every good document reached the graph");
      }
    }
  }
}
