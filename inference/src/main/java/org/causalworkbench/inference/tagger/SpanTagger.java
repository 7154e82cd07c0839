package org.causalworkbench.inference.tagger;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.id.ContentIds;
import org.causalworkbench.inference.encoder.BundledEncoder;
import org.causalworkbench.inference.encoder.EncoderModel;
import org.causalworkbench.inference.encoder.Int8OnnxExport;
import org.causalworkbench.inference.encoder.PretrainedEncoder;
import org.causalworkbench.inference.encoder.TunedWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fine-tuned span tagger, ready to tag: the pretrained encoder with the tuned layers and tag
 * head on top, behind a DJL {@link Predictor} whose {@link SpanTranslator} does the batch pre- and
 * post-processing. Texts are tagged in batches of similar length (less padding), and come back in
 * the order given. Holds native memory until {@link #close()}.
 */
public final class SpanTagger implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SpanTagger.class);


  private final String version;
  private final String describe;
  private final Model model;
  /** ONNX Runtime's session options when the tagger runs there (DJL leaves options it was given open), else null. */
  private final SessionOptions session;
  private final SpanTokenizer tokenizer;
  private final Predictor<String, SpanTags.Decoded> predictor;
  private final int batchSize;
  /** The last batch's answers: the tagger gate and the tagger extractor of one task read the same units. */
  private Map<String, SpanTags.Decoded> lastRead = Map.of();
  private long textsRead;

  private SpanTagger(String version, String describe, Model model, SessionOptions session, SpanTokenizer tokenizer,
      Predictor<String, SpanTags.Decoded> predictor, int batchSize) {
    this.version = version;
    this.describe = describe;
    this.model = model;
    this.session = session;
    this.tokenizer = tokenizer;
    this.predictor = predictor;
    this.batchSize = batchSize;
  }

  /** Opens the configured tagger on {@code device}. */
  public static SpanTagger open(TaggerSettings settings, Device device) {
    PretrainedEncoder base = PretrainedEncoder.fromConfig(
        settings.config().with(WorkbenchOptions.ENCODER_MODEL, settings.model()), settings.cacheDir());
    byte[] weights = weights(base, settings);
    boolean int8 = switch (settings.runtime()) { // auto falls back to PyTorch below if the export fails
      case ONNX_INT8 -> {
        if (base.onnx() == null) {
          throw new IllegalArgumentException("tagger.runtime=onnx-int8 needs an ONNX export as tagger.model ("
              + base.name() + " is a TorchScript module): give its .onnx export, or set tagger.runtime=pytorch");
        }
        yield true;
      }
      case PYTORCH -> false;
      case AUTO -> !device.isGpu() && base.onnx() != null;
    };
    Model model = Model.newInstance("span-tagger", int8 ? Device.cpu() : device, "PyTorch");
    SpanTokenizer tokenizer = null;
    SessionOptions session = null;
    try {
      SpanTaggerBlock block = new SpanTaggerBlock(base.config());
      model.setBlock(block);
      Shape shape = new Shape(1, settings.maxLength());
      block.initialize(model.getNDManager(), DataType.FLOAT32, shape, shape, shape);
      block.encoder().loadWeights(base.checkpoint());
      float[] calibration = TunedWeights.load(block::tunable, new ByteArrayInputStream(weights),
          "the span tagger's tuned weights").calibration();
      if (int8) {
        try {
          session = sessionOptions();
          Model onnx = int8Model(base, block, session);
          model.close(); // the float32 block only carried the tuned weights into the export
          model = onnx;
        } catch (IllegalArgumentException | OrtException | MalformedModelException e) {
          if (settings.runtime() != TaggerSettings.Runtime.AUTO) {
            throw new IllegalStateException("cannot run the span tagger in int8 on ONNX Runtime: " + e.getMessage()
                + " (set tagger.runtime=pytorch to run it in float32)", e);
          }
          LOG.warn("the span tagger runs in float32 on PyTorch: its int8 model could not be built from {}'s ONNX"
              + " export ({}); set tagger.runtime=pytorch to skip the attempt", base.name(), e.getMessage());
          if (session != null) {
            session.close();
            session = null;
          }
          int8 = false;
        }
      }
      tokenizer = new SpanTokenizer(base.tokenizer(), settings.maxLength());
      SpanTranslator translator = new SpanTranslator(tokenizer);
      // The threshold fitted with the weights on their held-out texts, unless tagger.threshold says otherwise.
      double threshold = settings.threshold() > 0 ? settings.threshold()
          : calibration.length > 0 ? calibration[0] : SpanTranslator.DEFAULT_THRESHOLD;
      translator.setThreshold(threshold);
      String name = base.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
      // int8 tags a little differently from float32: a version of its own, so cached relations do not mix.
      return new SpanTagger(name + (int8 ? "-int8" : "") + "-" + ContentIds.bytesId(weights).substring(0, 8)
          + String.format(Locale.ROOT, "@%.2f", threshold),
          base.name() + " (" + base.config().layers() + " layers, " + (int8 ? "int8, ONNX Runtime" : "float32, PyTorch")
              + ")", model, session, tokenizer, model.newPredictor(translator), settings.batchSize());
    } catch (IOException e) {
      close(model, session, tokenizer);
      throw new UncheckedIOException("cannot load the span tagger's weights: " + e.getMessage()
          + " (train them with ./workbench train --task extract on this tagger.model)", e);
    } catch (RuntimeException | Error e) {
      close(model, session, tokenizer); // a failed open must not keep native memory: the operator may retry
      throw e;
    }
  }

  /** The tagger as an int8 ONNX Runtime model: the encoder's export with the block's weights and head. */
  private static Model int8Model(PretrainedEncoder base, SpanTaggerBlock block, SessionOptions session)
      throws IOException, MalformedModelException {
    Map<String, float[]> weights = new HashMap<>();
    block.tunable(0).forEach((name, p) -> weights.put(name, p.getArray().toFloatArray()));
    Int8OnnxExport.Head head = new Int8OnnxExport.Head(weights.remove(SpanTaggerBlock.HEAD_WEIGHT),
        weights.remove(SpanTaggerBlock.HEAD_BIAS), SpanTags.OUTPUTS);
    byte[] onnx = Int8OnnxExport.build(base.onnx(), weights, head);
    Model model = Model.newInstance("span-tagger", Device.cpu(), "OnnxRuntime");
    try {
      model.load(new ByteArrayInputStream(onnx), Map.of("sessionOptions", session));
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * One intra-op pool as wide as the per-task thread count the job gives PyTorch (the tasks share
   * the machine), all graph optimisations, and idle threads that sleep rather than spin: the
   * tagger shares the cores with CoreNLP and the rest of the job.
   */
  private static SessionOptions sessionOptions() throws OrtException {
    SessionOptions options = new SessionOptions();
    try {
      options.setIntraOpNumThreads(Integer.getInteger(EncoderModel.TORCH_THREADS, Runtime.getRuntime().availableProcessors()));
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }

  private static void close(Model model, SessionOptions session, SpanTokenizer tokenizer) {
    if (tokenizer != null) {
      tokenizer.close();
    }
    model.close();
    if (session != null) {
      session.close();
    }
  }

  private static byte[] weights(PretrainedEncoder base, TaggerSettings settings) {
    return TunedWeights.bytes(settings.weights(),
        BundledEncoder.named(base.name()).map(BundledEncoder::shippedTaggerWeights).orElse(null),
        "the span tagger's weights", "no span tagger weights ship for " + base.name() + ": set tagger.weights to"
            + " a folder written by ./workbench train --task extract on that encoder");
  }

  /** How many texts the model has read (answers from the last call's reading not counted). */
  public synchronized long textsRead() {
    return textsRead;
  }

  /** The encoder and a digest of the tuned weights: a new model is a new version. */
  public String version() {
    return version;
  }

  /** For logs: "all-MiniLM-L6-v2 (6 layers, int8, ONNX Runtime)". */
  public String describe() {
    return describe;
  }

  /**
   * Each text's relations and presence score, in the order given. A text of the previous call is
   * answered from it, not read again: when the tagger is the gate ({@code extraction.gate=tagger}),
   * the extractor's reading of the units the gate passed costs nothing.
   */
  public synchronized List<SpanTags.Decoded> tag(List<String> texts) {
    Map<String, SpanTags.Decoded> read = new HashMap<>();
    List<String> fresh = new ArrayList<>();
    for (String text : texts) {
      SpanTags.Decoded known = lastRead.get(text);
      if (known != null) {
        read.put(text, known);
      } else if (!read.containsKey(text)) {
        read.put(text, null);
        fresh.add(text);
      }
    }
    List<SpanTags.Decoded> decoded = tag(fresh, batchSize);
    for (int i = 0; i < fresh.size(); i++) {
      read.put(fresh.get(i), decoded.get(i));
    }
    lastRead = read;
    return texts.stream().map(read::get).toList();
  }

  /** As {@link #tag(List)}, always read, in batches of {@code batchSize} texts (the benchmark compares sizes). */
  public synchronized List<SpanTags.Decoded> tag(List<String> texts, int batchSize) {
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Batches of similar length pad less.
    Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
    SpanTags.Decoded[] out = new SpanTags.Decoded[texts.size()];
    try {
      for (int from = 0; from < order.length; from += batchSize) {
        List<String> batch = new ArrayList<>();
        for (int k = from; k < Math.min(order.length, from + batchSize); k++) {
          batch.add(texts.get(order[k]));
        }
        List<SpanTags.Decoded> decoded = predictor.batchPredict(batch);
        textsRead += batch.size();
        for (int k = 0; k < decoded.size(); k++) {
          out[order[from + k]] = decoded.get(k);
        }
      }
    } catch (TranslateException e) {
      throw new IllegalStateException("the span tagger failed on a batch: " + e.getMessage(), e);
    }
    return List.of(out);
  }

  @Override
  public void close() {
    try {
      predictor.close();
      tokenizer.close();
    } finally {
      model.close();
      if (session != null) {
        session.close();
      }
    }
  }
}
