package org.causalworkbench.inference.encoder;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fine-tunes the pair classifier: the pretrained encoder with its lower layers frozen, its top
 * {@code layersTuned} layers and both heads trained with Adam on cross-entropy, on CPU (or the GPU
 * DJL finds), with linear warm-up and decay of the learning rate. Pair examples train the pair head, text examples the detection head, in the same
 * batches (causal pairs weighted by {@code causalPairWeight}, since most candidate pairs are not).
 * A fixed seed shuffles the texts and splits off the held-out part (whole texts), which then fits
 * each head's temperature.
 * Writes the tuned parameters (fp16, temperatures included) and a training report.
 */
public final class EncoderTrainer {

  /** The gradient norm an update is clipped to. */
  public static final float MAX_GRADIENT_NORM = 1f;

  /** Settings of one run. */
  public record Settings(long seed, int epochs, int layersTuned, int batchSize, float learningRate, int maxLength,
      double heldOutFraction, Path initFrom, float causalPairWeight) {}

  private final Settings settings;
  private final PretrainedEncoder base;
  private final PrintStream progress;

  public EncoderTrainer(Settings settings, PretrainedEncoder base, PrintStream progress) {
    this.settings = settings;
    this.base = base;
    this.progress = progress;
  }

  /**
   * Trains on {@code examples} (after loading {@code initFrom}'s tuned weights, if set), scores the
   * held-out part and each of {@code tests}, and writes {@code tuned-weights.bin} to {@code out}.
   */
  public TrainingReport train(List<PairExample> examples, Map<String, List<PairExample>> tests, Path out)
      throws IOException {
    long start = System.nanoTime();
    HeldOutSplit<PairExample> split = HeldOutSplit.of(examples, settings.seed(), settings.heldOutFraction());
    List<PairExample> heldOut = split.heldOut();
    List<PairExample> train = new ArrayList<>(split.train());
    Map<String, Integer> bySource = TrainingReport.dataCounts(examples);

    Files.createDirectories(out);
    Path tokenizerFile = base.tokenizer();
    EncoderConfig config = base.config();
    PairClassifier classifier = new PairClassifier(config);
    List<Double> epochLoss = new ArrayList<>();
    TrainingReport.Scores pairScores;
    TrainingReport.Scores detectionScores;
    Map<String, TrainingReport.Scores> testScores = new TreeMap<>();
    int firstStored = config.layers() - settings.layersTuned();
    // The heads' initial weights and the dropout masks come from the engine's generator.
    Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
    try (PairTokenizer tokenizer = new PairTokenizer(tokenizerFile, settings.maxLength());
        Model model = Model.newInstance("pair-classifier", Device.cpu(), "PyTorch")) {
      model.setBlock(classifier);
      DefaultTrainingConfig training = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(schedule(train.size())).build());
      try (Trainer trainer = model.newTrainer(training)) {
        Shape shape = new Shape(settings.batchSize(), settings.maxLength());
        trainer.initialize(shape, shape, shape, shape, shape);
        classifier.encoder().loadWeights(base.checkpoint());
        if (settings.initFrom() != null) {
          int tunedFrom = TunedWeights.load(classifier, settings.initFrom().resolve(TunedWeights.FILE));
          if (tunedFrom > firstStored) {
            throw new IllegalArgumentException(settings.initFrom() + " tuned layers from " + tunedFrom
                + " only; train with --layers-tuned " + (config.layers() - tunedFrom) + " or fewer");
          }
          // Layers tuned before but frozen now must still be written, or the new file would lose them.
          firstStored = tunedFrom;
        }
        classifier.encoder().freezeParameters(true);
        int from = config.layers() - settings.layersTuned();
        classifier.encoder().parametersOfLayersFrom(from).forEach(p -> p.freeze(false));
        List<Parameter> trained = trainedParameters(classifier);

        TrainingProgress bar = new TrainingProgress(progress);
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
          Collections.shuffle(train, new Random(settings.seed() + epoch));
          double lossSum = 0;
          int batches = 0;
          int skipped = 0;
          long epochStart = System.nanoTime();
          for (int i = 0; i < train.size(); i += settings.batchSize()) {
            List<PairExample> batch = train.subList(i, Math.min(train.size(), i + settings.batchSize()));
            boolean finite;
            try (NDManager manager = trainer.getManager().newSubManager()) {
              NDList inputs = tokenizer.encode(batch, manager);
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray loss = loss(trainer.forward(inputs), batch, manager);
                float value = loss.getFloat();
                finite = Float.isFinite(value);
                if (finite) {
                  collector.backward(loss);
                  finite = clipGradientNorm(trained, MAX_GRADIENT_NORM);
                }
                if (finite) {
                  lossSum += value;
                }
              }
              if (finite) {
                trainer.step();
              } else {
                skipped++; // one bad batch must not poison the weights
              }
            }
            batches += finite ? 1 : 0;
            bar.update(epoch, Math.min(train.size(), i + settings.batchSize()), train.size(),
                lossSum / Math.max(1, batches), epochStart);
          }
          bar.endEpoch(skipped == 0 ? null : "  (" + skipped + " batches with a non-finite loss or gradient skipped)");
          epochLoss.add(lossSum / Math.max(1, batches));
        }
        calibrate(classifier, tokenizer, heldOut, trainer.getManager());
        pairScores = evaluate(classifier, tokenizer, heldOut.stream().filter(e -> !e.isDetection()).toList(),
            trainer.getManager());
        detectionScores = evaluate(classifier, tokenizer, heldOut.stream().filter(PairExample::isDetection).toList(),
            trainer.getManager());
        for (Map.Entry<String, List<PairExample>> test : tests.entrySet()) {
          testScores.put(test.getKey(), evaluate(classifier, tokenizer, test.getValue(), trainer.getManager()));
        }
      }
      TunedWeights.write(classifier, firstStored, out.resolve(TunedWeights.FILE));
    }
    return new TrainingReport(base.name(), bySource, train.size(), heldOut.size(), split.digest(),
        settings.seed(), settings.epochs(), settings.layersTuned(), settings.batchSize(), settings.learningRate(),
        settings.maxLength(), settings.causalPairWeight(), epochLoss,
        new TrainingReport.Temperatures(classifier.pairTemperature(), classifier.detectionTemperature(),
            classifier.detectionThreshold()), pairScores,
        detectionScores, testScores, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Scales the trained parameters' gradients so their joint L2 norm is at most {@code maxNorm}, as
   * BERT fine-tuning usually does: a 12-layer encoder at the peak rate otherwise takes a step now
   * and then that leaves its weights NaN. Returns false, with the gradients zeroed, when the norm is
   * not finite, so the caller skips that update.
   */
  public static boolean clipGradientNorm(List<Parameter> trained, float maxNorm) {
    List<NDArray> gradients = new ArrayList<>();
    NDArray total = null;
    try {
      for (Parameter p : trained) {
        NDArray g = p.getArray().getGradient(); // a view of the parameter's gradient
        gradients.add(g);
        try (NDArray square = g.square()) {
          NDArray sum = square.sum();
          if (total != null) {
            NDArray t = total.add(sum);
            total.close();
            sum.close();
            sum = t;
          }
          total = sum;
        }
      }
      double norm = total == null ? 0 : Math.sqrt(total.getFloat()); // one read back per update, not one per tensor
      if (!Double.isFinite(norm)) {
        // The update is skipped, so the optimizer will not clear these; NaN would stay in every later sum.
        gradients.forEach(g -> g.set(new NDIndex("..."), 0f));
        return false;
      }
      if (norm > maxNorm) {
        float scale = (float) (maxNorm / (norm + 1e-6));
        gradients.forEach(g -> g.muli(scale));
      }
      return true;
    } finally {
      if (total != null) {
        total.close();
      }
      gradients.forEach(NDArray::close);
    }
  }

  /** The parameters an update changes (the unfrozen ones), listed once per run rather than per batch. */
  public static List<Parameter> trainedParameters(Block block) {
    return block.getParameters().values().stream().filter(p -> p.requiresGradient() && p.isInitialized()).toList();
  }

  private Tracker schedule(int trainSize) {
    return warmUpThenDecay(settings.learningRate(),
        settings.epochs() * (int) Math.ceil((double) trainSize / settings.batchSize()));
  }

  /**
   * The usual schedule for fine-tuning BERT-style encoders: the rate rises linearly over the first
   * tenth of the {@code updates} to {@code peak}, then falls linearly to zero at the last one.
   */
  public static Tracker warmUpThenDecay(float peak, int updates) {
    int total = Math.max(1, updates);
    int warmUp = Math.max(1, total / 10);
    return update -> update < warmUp ? peak * (update + 1) / warmUp
        : peak * Math.max(0f, (float) (total - update) / Math.max(1, total - warmUp));
  }

  /**
   * Weighted cross-entropy of each example against its own head: the pair head for pair examples,
   * the detection head for text examples.
   */
  private NDArray loss(NDList logits, List<PairExample> batch, NDManager manager) {
    float[] isText = new float[batch.size()];
    float[] weight = new float[batch.size()];
    int[] label = new int[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      PairExample e = batch.get(i);
      isText[i] = e.isDetection() ? 1 : 0;
      weight[i] = !e.isDetection() && e.causal() ? settings.causalPairWeight() : 1;
      label[i] = e.causal() ? 1 : 0;
    }
    NDArray oneHot = manager.create(label).oneHot(2);
    NDArray pairNll = logits.get(0).logSoftmax(-1).mul(oneHot).sum(new int[] {1}).neg();
    NDArray textNll = logits.get(1).logSoftmax(-1).mul(oneHot).sum(new int[] {1}).neg();
    NDArray text = manager.create(isText);
    NDArray w = manager.create(weight);
    return pairNll.mul(text.neg().add(1)).add(textNll.mul(text)).mul(w).sum().div(w.sum());
  }

  /**
   * The causal logit minus the not-causal one for each example, from the head its kind belongs to,
   * before any temperature.
   */
  public static double[] margins(PairClassifier classifier, PairTokenizer tokenizer, List<PairExample> examples,
      NDManager parent, int batchSize) {
    double[] out = new double[examples.size()];
    // Batches of similar length pad less: unsorted CNC sentences cost twice the forward passes.
    Integer[] order = new Integer[examples.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> examples.get(i).text().length()));
    for (int i = 0; i < order.length; i += batchSize) {
      List<PairExample> batch = new ArrayList<>();
      for (int k = i; k < Math.min(order.length, i + batchSize); k++) {
        batch.add(examples.get(order[k]));
      }
      try (NDManager manager = parent.newSubManager()) {
        NDList logits = classifier.forward(new ParameterStore(manager, false), tokenizer.encode(batch, manager), false);
        float[] pair = logits.get(0).toFloatArray();
        float[] text = logits.get(1).toFloatArray();
        for (int j = 0; j < batch.size(); j++) {
          float[] z = batch.get(j).isDetection() ? text : pair;
          out[order[i + j]] = z[j * 2 + 1] - z[j * 2];
        }
      }
    }
    return out;
  }

  /** Calibrated probability of "causal" for each example, in order. */
  public static double[] predict(PairClassifier classifier, PairTokenizer tokenizer, List<PairExample> examples,
      NDManager parent, int batchSize) {
    double[] margins = margins(classifier, tokenizer, examples, parent, batchSize);
    double[] out = new double[margins.length];
    for (int i = 0; i < margins.length; i++) {
      float t = examples.get(i).isDetection() ? classifier.detectionTemperature() : classifier.pairTemperature();
      out[i] = Calibration.probability(margins[i], t);
    }
    return out;
  }

  /** Fits each head's temperature on the held-out examples of its kind. */
  private void calibrate(PairClassifier classifier, PairTokenizer tokenizer, List<PairExample> heldOut,
      NDManager manager) {
    double[] margins = margins(classifier, tokenizer, heldOut, manager, settings.batchSize());
    float[] temperatures = new float[2];
    for (int kind = 0; kind < 2; kind++) {
      boolean text = kind == 1;
      List<Integer> index = new ArrayList<>();
      for (int i = 0; i < heldOut.size(); i++) {
        if (heldOut.get(i).isDetection() == text) {
          index.add(i);
        }
      }
      double[] m = index.stream().mapToDouble(i -> margins[i]).toArray();
      boolean[] y = new boolean[index.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = heldOut.get(index.get(i)).causal();
      }
      // A head with nothing held out keeps the temperature it has (from --init-from, or 1).
      temperatures[kind] = m.length == 0 ? (text ? classifier.detectionTemperature() : classifier.pairTemperature())
          : Calibration.fitTemperature(m, y);
    }
    classifier.setTemperatures(temperatures[0], temperatures[1]);
    double[] calibrated = new double[heldOut.size()];
    for (int i = 0; i < calibrated.length; i++) {
      calibrated[i] = Calibration.probability(margins[i], classifier.detectionTemperature());
    }
    classifier.setDetectionThreshold(Calibration.bestThreshold(calibrated, heldOut, classifier.detectionThreshold()));
    if (progress != null) progress.printf(Locale.ROOT, "calibrated on %d held-out examples: pair temperature %.3f,"
        + " detection %.3f, detection threshold %.2f%n", heldOut.size(), temperatures[0], temperatures[1],
        classifier.detectionThreshold());
  }

  private TrainingReport.Scores evaluate(PairClassifier classifier, PairTokenizer tokenizer, List<PairExample> examples,
      NDManager manager) {
    return TrainingReport.Scores.of(predict(classifier, tokenizer, examples, manager, settings.batchSize()), examples,
        classifier.detectionThreshold());
  }

}
