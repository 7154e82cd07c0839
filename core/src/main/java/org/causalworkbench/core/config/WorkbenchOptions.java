package org.causalworkbench.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every configuration key of the workbench, in one place. The defaults run everything embedded on
 * one machine; {@code ./workbench config} prints this list.
 */
public final class WorkbenchOptions {

  // --- where things live
  public static final ConfigOption DATA_DIR =
      new ConfigOption("data.dir", "./data", "Directory of the embedded broker, database and caches.");

  // --- Kafka
  public static final ConfigOption KAFKA_BOOTSTRAP =
      new ConfigOption("kafka.bootstrap", "",
          "Bootstrap servers of an external Kafka cluster; empty starts the embedded broker in data.dir.");
  public static final ConfigOption KAFKA_CLIENT =
      new ConfigOption("kafka.client.", "",
          "Prefix: each key under it is a Kafka client property given to every producer, consumer and admin client of"
              + " the workbench (ingest, the job's source and sinks, topic creation), for a secured external cluster:"
              + " kafka.client.security.protocol=SASL_SSL, kafka.client.sasl.mechanism=SCRAM-SHA-512,"
              + " kafka.client.sasl.jaas.config=..., kafka.client.ssl.truststore.location=... Ignored for the embedded"
              + " broker, which listens in plain text on loopback.");
  public static final ConfigOption TOPIC_DOCUMENTS =
      new ConfigOption("kafka.topic.documents", "documents", "Topic of ingested documents.");
  public static final ConfigOption TOPIC_VERDICTS =
      new ConfigOption("kafka.topic.verdicts", "verdicts", "Topic of judge verdicts (written exactly once).");
  public static final ConfigOption TOPIC_DEAD_LETTER =
      new ConfigOption("kafka.topic.dead-letter", "dead-letter", "Topic of inputs that could not be processed.");
  public static final ConfigOption TOPIC_REVIEWS =
      new ConfigOption("kafka.topic.reviews", "reviews", "Topic of analyst reviews.");
  public static final ConfigOption TOPIC_PARTITIONS =
      new ConfigOption("kafka.topic.partitions", "2", "Partitions of topics the workbench creates.");
  public static final ConfigOption TOPIC_REPLICATION =
      new ConfigOption("kafka.topic.replication", "1", "Replication factor of topics the workbench creates.");

  // --- PostgreSQL
  public static final ConfigOption JDBC_URL =
      new ConfigOption("jdbc.url", "",
          "JDBC URL of an external PostgreSQL; empty starts the embedded PostgreSQL in data.dir. TLS and other driver"
              + " settings go in the URL as the PostgreSQL driver reads them (?sslmode=verify-full&sslrootcert=...).");
  public static final ConfigOption JDBC_USER =
      new ConfigOption("jdbc.user", "workbench", "Database user.");
  public static final ConfigOption JDBC_PASSWORD =
      new ConfigOption("jdbc.password", "", "Database password (prefer the WORKBENCH_JDBC_PASSWORD variable).");
  public static final ConfigOption EMBEDDED_SHARED_BUFFERS =
      new ConfigOption("postgres.shared-buffers", "1GB",
          "PostgreSQL's shared_buffers for the embedded PostgreSQL, in its units (128MB, 1GB), applied at each start;"
              + " not used with jdbc.url. A store of a million evidence rows outgrows PostgreSQL's default 128MB"
              + " (docs/benchmarks.md); the memory is taken as pages are used.");

  // --- ingest
  public static final ConfigOption INGEST_MAX_DOCUMENT_BYTES =
      new ConfigOption("ingest.max-document-bytes", "2000000",
          "Documents larger than this (UTF-8 bytes) are dead-lettered as too_large.");
  public static final ConfigOption INGEST_CSV_TEXT_COLUMN =
      new ConfigOption("ingest.csv.text-column", "text", "Column of a CSV file that holds the text.");

  // --- extraction
  public static final ConfigOption EXTRACTION_MODE =
      new ConfigOption("extraction.mode", "spans",
          "spans: an extractor (extraction.extractor) reads each unit the gate passes and finds its cause and effect"
              + " spans; pairs: every candidate pair of noun phrases is judged (judge.type).");
  public static final ConfigOption EXTRACTOR =
      new ConfigOption("extraction.extractor", "tagger+cue",
          "Which extractor finds relations in spans mode: tagger (a fine-tuned span tagger, in process), llm (the"
              + " extract prompt, once per unit), cue (rules over dependency parses), cascade (the tagger, and the llm"
              + " for the units the tagger is unsure of), or several joined by + whose relations are all kept as"
              + " evidence of their own extractor (the default, tagger+cue).");
  public static final ConfigOption GATE =
      new ConfigOption("extraction.gate", "tagger",
          "Which units reach the extractor in spans mode: tagger (the span tagger's presence score; with a tagger"
              + " extractor, the same reading serves both, one model pass per unit), encoder (the encoder's detection"
              + " head, a second model and pass; encoder.ensemble applies) or none (every unit).");
  public static final ConfigOption GATE_THRESHOLD =
      new ConfigOption("extraction.gate.threshold", "",
          "A unit reaches the extractor when the gate gives it at least this probability of stating a cause; empty"
              + " uses the gate's own threshold, the one that keeps 95% of causal texts on a held-out split of its"
              + " training data (encoder 0.13, tagger 0.11). A two-sentence unit must also open its second sentence"
              + " with a link back (\"As a result\", \"This\").");
  public static final ConfigOption VERIFY =
      new ConfigOption("extraction.verify", "none",
          "A pair judge that must confirm each extracted relation in spans mode: none, cue, encoder or llm (one call"
              + " per relation; a relation it does not confirm is dropped).");
  public static final ConfigOption BATCH_MAX_UNITS =
      new ConfigOption("extraction.batch.max-units", "32", "A batch to the gate and extractor holds at most this many units.");
  public static final ConfigOption ANNOTATORS =
      new ConfigOption("extraction.annotators", "",
          "CoreNLP annotators; empty picks what the configured path needs: tokenize,ssplit,pos,lemma for the tagger"
              + " and llm extractors, plus depparse for the cue extractor and the pairs mode. NER is not used.");
  public static final ConfigOption MAX_SENTENCE_TOKENS =
      new ConfigOption("extraction.max-sentence-tokens", "120",
          "A longer sentence is left out before tagging and parsing (their cost grows with length) and dead-lettered"
              + " as sentence_too_long; the rest of its document goes on.");
  public static final ConfigOption ANNOTATION_BUDGET_MS =
      new ConfigOption("extraction.annotation-budget-ms", "60000",
          "A document whose annotation takes longer is dead-lettered as annotation_timeout, so one document cannot hold"
              + " the stream (keep it well under the checkpoint timeout).");
  public static final ConfigOption MAX_PAIRS_PER_UNIT =
      new ConfigOption("extraction.max-pairs-per-unit", "40",
          "At most this many candidate pairs per unit, nearest mentions first.");
  public static final ConfigOption BATCH_MAX_PAIRS =
      new ConfigOption("extraction.batch.max-pairs", "64", "A batch to the judge holds at most this many pairs.");
  public static final ConfigOption BATCH_MAX_WAIT_MS =
      new ConfigOption("extraction.batch.max-wait-ms", "200",
          "A partial batch is sent after this many milliseconds.");

  // --- judge
  public static final ConfigOption JUDGE =
      new ConfigOption("judge.type", "cue", "Which judge decides candidate pairs: cue (rules), encoder (a fine-tuned transformer, see encoder.model), llm, or cascade"
          + " (the encoder, and the llm for the pairs the encoder is unsure of).");

  // --- encoder judge: a fine-tuned BERT-style encoder (all-MiniLM-L6-v2 by default), in process (DJL)
  public static final ConfigOption ENCODER_WEIGHTS =
      new ConfigOption("encoder.weights", "",
          "Folder with tuned-weights.bin from ./workbench train; empty uses the weights the workbench ships for"
              + " encoder.model.");
  public static final ConfigOption ENCODER_MODEL =
      new ConfigOption("encoder.model", "",
          "The pretrained encoder: empty or all-MiniLM-L6-v2 (bundled, 6 layers, the faster), bge-small-en-v1.5"
              + " (bundled, 12 layers: half the speed), or a path to a local BERT-style encoder: an ONNX export"
              + " (.onnx) or a TorchScript module (any other file); tuned weights must then come from"
              + " ./workbench train on it.");
  public static final ConfigOption ENCODER_ENSEMBLE =
      new ConfigOption("encoder.ensemble", "",
          "Several fine-tuned encoders whose calibrated probabilities are averaged: a folder with ensemble.json"
              + " from ./workbench train --members, or 'bundled' for the one the workbench ships (all-MiniLM-L6-v2"
              + " and bge-small-en-v1.5 with their shipped weights: best of the three on the held-out split, at a"
              + " third of MiniLM's speed). Its members name their own encoders and weights, and it reads texts at the"
              + " length it was fitted at, so encoder.model, encoder.weights and encoder.max-length are not read;"
              + " empty: one encoder.");
  public static final ConfigOption ENCODER_TOKENIZER =
      new ConfigOption("encoder.tokenizer", "",
          "The tokenizer.json of encoder.model; empty looks for tokenizer.json beside it.");
  public static final ConfigOption ENCODER_HEADS =
      new ConfigOption("encoder.heads", "12", "Attention heads of encoder.model (not visible in its weights).");
  public static final ConfigOption ENCODER_MAX_LENGTH =
      new ConfigOption("encoder.max-length", "128", "Tokens of a unit the encoder reads; the rest is cut.");
  public static final ConfigOption ENCODER_THRESHOLD =
      new ConfigOption("encoder.threshold", "0.5", "A direction scoring at least this is a causal verdict.");
  public static final ConfigOption ENCODER_BATCH_SIZE =
      new ConfigOption("encoder.batch-size", "32", "Examples per forward pass of the encoder (a pair counts twice,"
          + " once per direction).");
  public static final ConfigOption ENCODER_UNIT_THRESHOLD =
      new ConfigOption("encoder.unit-threshold", "0.5",
          "A pair can only be causal when the detection head gives its unit (sentence or two) at least this"
              + " probability of stating a cause; 0 turns the gate off.");

  // --- span tagger: the extractor that finds cause, effect and signal spans (a fine-tuned encoder, DJL)
  public static final ConfigOption TAGGER_MODEL =
      new ConfigOption("tagger.model", "all-MiniLM-L6-v2",
          "The pretrained encoder under the span tagger: all-MiniLM-L6-v2 or bge-small-en-v1.5 (bundled), or a path to"
              + " a local BERT-style encoder as for encoder.model; its tuned weights come from tagger.weights.");
  public static final ConfigOption TAGGER_WEIGHTS =
      new ConfigOption("tagger.weights", "",
          "Folder with the span tagger's tuned-weights.bin from ./workbench train --task extract; empty uses the"
              + " weights the workbench ships for tagger.model.");
  public static final ConfigOption TAGGER_MAX_LENGTH =
      new ConfigOption("tagger.max-length", "192", "Word pieces of a unit the span tagger reads; the rest is not tagged.");
  public static final ConfigOption TAGGER_THRESHOLD =
      new ConfigOption("tagger.threshold", "",
          "The probability a word piece needs to count for a cause or effect span; empty uses the one fitted with the"
              + " tagger's weights on their held-out texts (lower finds more relations, with looser spans).");
  public static final ConfigOption TAGGER_BATCH_SIZE =
      new ConfigOption("tagger.batch-size", "16", "Units per forward pass of the span tagger.");
  public static final ConfigOption TAGGER_RUNTIME =
      new ConfigOption("tagger.runtime", "auto",
          "How the span tagger runs: onnx-int8 (ONNX Runtime with int8 linear layers, built at start from tagger.model's"
              + " ONNX export and the tuned weights; about twice as fast on a CPU), pytorch (float32 through DJL's"
              + " PyTorch engine, on a GPU when DJL finds one), or auto (pytorch on a GPU, else onnx-int8 when the"
              + " encoder is an ONNX export at opset 11 to 17, falling back to pytorch with a warning when it is not).");

  // --- cascade judge: the encoder decides confident pairs, the llm judge the uncertain band
  public static final ConfigOption CASCADE_LOW =
      new ConfigOption("cascade.low", "0.2",
          "Encoder probabilities below this are decided by the encoder (not causal) in the cascade.");
  public static final ConfigOption CASCADE_HIGH =
      new ConfigOption("cascade.high", "0.8",
          "Encoder probabilities at or above this are decided by the encoder (causal); the band between goes to"
              + " the llm judge.");

  public static final ConfigOption CASCADE_EXTRACT_LOW =
      new ConfigOption("cascade.extract.low", "0.3",
          "In the extraction cascade, a unit goes to the llm when the tagger's probability of one of its relations"
              + " (or, finding none, of anything causal in it) lies at or above this...");
  public static final ConfigOption CASCADE_EXTRACT_HIGH =
      new ConfigOption("cascade.extract.high", "0.7", "...and below this; otherwise the tagger's relations stand.");

  // --- llm judge: an OpenAI-compatible server (vLLM, DJL Serving LMI, llama.cpp server, Ollama)
  public static final ConfigOption LLM_ENDPOINT =
      new ConfigOption("llm.endpoint", "http://127.0.0.1:8000", "Base URL of the OpenAI-compatible server.");
  public static final ConfigOption LLM_MODEL =
      new ConfigOption("llm.model", "deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "Model name sent with each request.");
  public static final ConfigOption LLM_API =
      new ConfigOption("llm.api", "chat", "chat (/v1/chat/completions) or completions (/v1/completions).");
  public static final ConfigOption LLM_API_KEY_ENV =
      new ConfigOption("llm.api-key-env", "WORKBENCH_LLM_API_KEY",
          "Environment variable that holds the API key (sent as a bearer token, never logged); unset: no key.");
  public static final ConfigOption LLM_TEMPERATURE =
      new ConfigOption("llm.temperature", "0.6", "Sampling temperature (R1 model card: 0.5 to 0.7).");
  public static final ConfigOption LLM_TOP_P =
      new ConfigOption("llm.top-p", "0.95", "Nucleus sampling.");
  public static final ConfigOption LLM_MAX_TOKENS =
      new ConfigOption("llm.max-tokens", "4096", "Token budget of an answer, reasoning included.");
  public static final ConfigOption LLM_RETRY_MAX_TOKENS =
      new ConfigOption("llm.retry-max-tokens", "8192", "Budget of the one retry of an answer truncated in its reasoning.");
  public static final ConfigOption LLM_SAMPLES =
      new ConfigOption("llm.samples", "1", "Answers sampled per item (the API's n) and voted into a probability.");
  public static final ConfigOption LLM_THINK_PREFIX =
      new ConfigOption("llm.think-prefix", "true",
          "Open the assistant turn with <think> (completions prompt; chat via vLLM's continue_final_message).");
  public static final ConfigOption LLM_CONCURRENCY =
      new ConfigOption("llm.concurrency", "64", "Requests in flight per task: size it to the server's batch.");
  public static final ConfigOption LLM_TIMEOUT_SECONDS =
      new ConfigOption("llm.timeout-seconds", "600", "Timeout of one request; reasoning models answer in minutes.");
  public static final ConfigOption LLM_RETRIES =
      new ConfigOption("llm.retries", "4", "Retries on 429, 5xx, timeouts and connection errors.");
  public static final ConfigOption LLM_BACKOFF_MS =
      new ConfigOption("llm.backoff-ms", "1000", "First retry delay; doubles each retry, with jitter.");
  public static final ConfigOption LLM_REASONING_MAX_CHARS =
      new ConfigOption("llm.reasoning-max-chars", "20000", "Reasoning kept with a verdict, cut to this size.");
  public static final ConfigOption LLM_DEFAULT_PROBABILITY =
      new ConfigOption("llm.default-probability", "0.75",
          "Probability of a single answer when the server returns no token log-probabilities.");
  public static final ConfigOption LLM_PROMPT_DIR =
      new ConfigOption("llm.prompt-dir", "",
          "Folder with detect.txt, extract.txt and pair.txt to use instead of the built-in prompts.");
  public static final ConfigOption LLM_CACHE =
      new ConfigOption("llm.cache", "true", "Keep responses under data.dir/cache/llm, so a replay calls no model.");

  // --- Flink job
  public static final ConfigOption JOB_NAME =
      new ConfigOption("job.name", "causal-workbench", "Name of the Flink job; also the transactional id prefix.");
  public static final ConfigOption JOB_PARALLELISM =
      new ConfigOption("job.parallelism", "2", "Parallelism of the Flink job.");
  public static final ConfigOption JOB_CHECKPOINT_INTERVAL_MS =
      new ConfigOption("job.checkpoint-interval-ms", "2000",
          "Checkpoint interval; verdicts become visible to read_committed readers at each checkpoint.");
  public static final ConfigOption JOB_CHECKPOINT_DIR =
      new ConfigOption("job.checkpoint-dir", "",
          "Where a local run keeps its checkpoints (any Flink file system URI, or a folder); empty: data.dir/checkpoints."
              + " A run killed with its process resumes from the latest completed one.");
  public static final ConfigOption JOB_TASK_SLOTS =
      new ConfigOption("job.local.task-slots", "4", "Task slots of the embedded Flink MiniCluster.");

  // --- graph
  public static final ConfigOption LOW_BELIEF =
      new ConfigOption("graph.low-belief", "0.5",
          "Edges below this belief are flagged low_belief and do not count as produced edges.");
  public static final ConfigOption GRAPH_CYCLE_REFRESH_MS =
      new ConfigOption("graph.cycle-refresh-ms", "10000",
          "How often, at most, the job's graph sink recomputes the in_cycle flags over the whole graph (also at the"
              + " end of input).");
  public static final ConfigOption VARIABLE_SIMILARITY =
      new ConfigOption("graph.variables.similarity", "0.8",
          "A new variable name joins an existing variable whose name has the same head word, holds the other's words"
              + " or is held by them (\"cigarette smoking\", \"smoking\"), and has an encoder embedding at least this"
              + " alike (cosine); 0 turns clustering off, so only identical names meet.");
  public static final ConfigOption VARIABLE_SIBLING_SIMILARITY =
      new ConfigOption("graph.variables.sibling-similarity", "0.93",
          "Two names with the same head where each says something the other does not (\"lung cancer risk\","
              + " \"colorectal cancer risk\") join only when their embeddings are at least this alike: near-synonyms.");
  public static final ConfigOption REVIEW_FLAGS =
      new ConfigOption("graph.review.flags",
          "low_belief,both_directions,in_cycle,judges_disagree,hedged_or_negated,reasoning_failed,polarity_conflict",
          "Flags that send an edge to needs_review (comma-separated); the others only describe it."
              + " single_document and cross_sentence_only are left out by default: they hold for most edges of a"
              + " fresh graph.");
  public static final ConfigOption RECALIBRATION_TOLERANCE =
      new ConfigOption("graph.review.recalibration-tolerance", "0.0001",
          "After reviews change the judges' error rates, the recalibration rewrites an undecided edge whose belief"
              + " moved by more than this (or whose flags or state changed); the others keep a belief this close to"
              + " the exact one until their next write. 0 rewrites every change.");
  public static final ConfigOption RECALIBRATION_WORKERS =
      new ConfigOption("graph.review.recalibration-workers", "2",
          "Connections that write a recalibration's changed beliefs side by side, 2,000 edges per transaction each."
              + " On two cores two rewrite the edges about 1.7 times as fast as one; give it the cores the store can"
              + " spare (1 writes one chunk at a time).");
  public static final ConfigOption REVIEW_PRIOR_STRENGTH =
      new ConfigOption("graph.review.prior-strength", "10",
          "How many reviews a judge's configured error rates are worth when analysts' decisions update them.");
  public static final ConfigOption CUE_SYSTEMATIC_ERROR =
      new ConfigOption("graph.judge.cue.systematic-error", "0.05",
          "Prior systematic error of the cue judge in the belief model.");
  public static final ConfigOption CUE_RANDOM_ERROR =
      new ConfigOption("graph.judge.cue.random-error", "0.2",
          "Prior random error of the cue judge in the belief model.");
  public static final ConfigOption ENCODER_SYSTEMATIC_ERROR =
      new ConfigOption("graph.judge.encoder.systematic-error", "0.05",
          "Prior systematic error of the encoder judge in the belief model.");
  public static final ConfigOption ENCODER_RANDOM_ERROR =
      new ConfigOption("graph.judge.encoder.random-error", "0.2",
          "Prior random error of the encoder judge in the belief model.");
  public static final ConfigOption TAGGER_SYSTEMATIC_ERROR =
      new ConfigOption("graph.judge.tagger.systematic-error", "0.05",
          "Prior systematic error of the span tagger's relations in the belief model.");
  public static final ConfigOption TAGGER_RANDOM_ERROR =
      new ConfigOption("graph.judge.tagger.random-error", "0.2",
          "Prior random error of the span tagger's relations in the belief model.");
  public static final ConfigOption LLM_SYSTEMATIC_ERROR =
      new ConfigOption("graph.judge.llm.systematic-error", "0.1",
          "Prior systematic error of the llm judge in the belief model.");
  public static final ConfigOption LLM_RANDOM_ERROR =
      new ConfigOption("graph.judge.llm.random-error", "0.25",
          "Prior random error of the llm judge in the belief model.");

  // --- server
  public static final ConfigOption SERVER_BIND =
      new ConfigOption("server.bind", "127.0.0.1", "Address the HTTP server binds; 0.0.0.0 exposes it.");
  public static final ConfigOption SERVER_PORT =
      new ConfigOption("server.port", "8080", "Port of the HTTP server.");
  public static final ConfigOption SERVER_SESSION_IDLE_MINUTES =
      new ConfigOption("server.session-idle-minutes", "480",
          "A web session not used for this long is signed out.");
  public static final ConfigOption SERVER_MAX_BODY_BYTES =
      new ConfigOption("server.max-body-bytes", "65536",
          "Largest request body the API accepts; larger ones get 413.");
  public static final ConfigOption SERVER_SECURE_COOKIES =
      new ConfigOption("server.secure-cookies", "false",
          "Mark the session cookie Secure; set true when a TLS proxy fronts the server.");
  public static final ConfigOption SERVER_ALLOWED_ORIGINS =
      new ConfigOption("server.allowed-origins", "",
          "Comma-separated origins (https://workbench.example.org) browsers may send changes from; empty: the"
              + " request's own Host, and only localhost names while bound to a loopback address.");
  public static final ConfigOption SERVER_DOCUMENT_LINKS =
      new ConfigOption("server.document-links",
          "pmid=https://pubmed.ncbi.nlm.nih.gov/{pmid}/,doi=https://doi.org/{doi},url={url}",
          "Where the UI links a document, by the first identifier it has: key=template rules, comma-separated;"
              + " keys are pmid, doi, external_id and url as ingest kept them. Empty: no links.");
  public static final ConfigOption SERVER_LIVE_POLL_MS =
      new ConfigOption("server.live-poll-ms", "1000",
          "How often the live stream (/api/events) looks for changed edges.");
  public static final ConfigOption SERVER_ADMIN_PASSWORD =
      new ConfigOption("server.admin-password", "",
          "Password of the 'admin' account created when the server starts with no accounts; empty: a random one,"
              + " printed once.");

  private WorkbenchOptions() {}

  /** All options declared above, in declaration order. */
  /** Whether {@code key} is a configuration key: one of {@link #all()}, or under a prefix option. */
  public static boolean isKey(String key) {
    return all().stream().anyMatch(o -> o.isPrefix() ? key.startsWith(o.key()) && key.length() > o.key().length()
        : o.key().equals(key));
  }

  public static List<ConfigOption> all() {
    List<ConfigOption> options = new ArrayList<>();
    for (Field field : WorkbenchOptions.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
        try {
          options.add((ConfigOption) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return options;
  }
}
