package org.causalworkbench.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.causalworkbench.pipeline.local.LocalJob;
import org.causalworkbench.app.runtime.WorkbenchServices;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.core.json.Json;
import org.causalworkbench.core.model.Verdict;
import org.causalworkbench.pipeline.functions.CandidatesFunction;
import org.causalworkbench.ingest.kafka.EmbeddedKafka;
import org.causalworkbench.ingest.kafka.TopicDrain;
import org.causalworkbench.ingest.read.IngestReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An on-prem cluster that demands credentials: ingest and the job reach a broker listener that
 * takes SASL/SCRAM clients only, with nothing but the {@code kafka.client.*} settings to tell them
 * how; a wrong password fails at once with an error that names the setting to fix.
 */
class SaslScramPipelineTest {

  private static final String USER = "workbench";
  private static final String PASSWORD = "kestrel-7-harbour";

  @TempDir static Path brokerDir;
  private static EmbeddedKafka secured;

  @TempDir Path corpus;

  @BeforeAll
  static void startSecuredBroker() {
    secured = EmbeddedKafka.start(brokerDir, Map.of(USER, PASSWORD));
  }

  @AfterAll
  static void stopSecuredBroker() {
    secured.close();
  }

  private static WorkbenchConfig securedConfig(String password) {
    WorkbenchServices shared = SharedServices.embedded();
    return WorkbenchConfig.load(null, Map.of(), Map.of(
        WorkbenchOptions.KAFKA_BOOTSTRAP.key(), secured.scramBootstrapServers(),
        "kafka.client.security.protocol", "SASL_PLAINTEXT",
        "kafka.client.sasl.mechanism", EmbeddedKafka.SCRAM_MECHANISM,
        "kafka.client.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"" + USER + "\" password=\"" + password + "\";",
        WorkbenchOptions.JDBC_URL.key(), SharedServices.isolatedDatabase(shared, "scram"),
        WorkbenchOptions.JDBC_USER.key(), shared.resolvedConfig().get(WorkbenchOptions.JDBC_USER),
        WorkbenchOptions.DATA_DIR.key(), brokerDir.resolve("workbench").toString(),
        WorkbenchOptions.EXTRACTOR.key(), "cue"));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES) // a client left in plain text would hang on the listener
  void ingestAndTheJobRunOverAScramListener() throws Exception {
    String text = "The long drought caused widespread crop failure in the southern provinces.";
    Files.writeString(corpus.resolve("drought.txt"), text);
    WorkbenchConfig config = securedConfig(PASSWORD);
    try (WorkbenchServices services = WorkbenchServices.start(config, true, true)) {
      assertFalse(services.kafka().clientProperties().isEmpty());
      PipelineRunner runner = new PipelineRunner(services, config);
      IngestReport report = runner.ingest(List.of(corpus));
      assertEquals(1, report.documents());

      LocalJob.Result job = runner.runBounded();
      assertEquals(1, job.counter(CandidatesFunction.PROCESSED), "the job's source read the document");

      // The job's exactly-once sink wrote its verdicts through the same listener.
      Json json = new Json();
      List<Verdict> verdicts = TopicDrain.readAll(services.kafka(), config.get(WorkbenchOptions.TOPIC_VERDICTS),
          bytes -> json.read(bytes, Verdict.class));
      assertFalse(verdicts.isEmpty(), "no verdict reached the verdicts topic");
      try (Connection c = services.database().dataSource().getConnection();
          PreparedStatement s = c.prepareStatement("SELECT count(*) FROM evidence WHERE document_id = ?")) {
        s.setString(1, ContentIds.documentId(text));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          assertEquals(verdicts.size(), rs.getLong(1), "the store holds what the topic holds");
        }
      }
    }
  }

  @Test
  void aWrongPasswordFailsAtOnceAndSaysWhatToCheck() {
    WorkbenchConfig config = securedConfig("not-the-password");
    IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(IllegalStateException.class, () -> WorkbenchServices.start(config, true, true)));
    assertTrue(e.getMessage().contains("refused this client's credentials"), e.getMessage());
    assertTrue(e.getMessage().contains("kafka.client.sasl.jaas.config"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-password"), "the error must not print the password");
  }
}
