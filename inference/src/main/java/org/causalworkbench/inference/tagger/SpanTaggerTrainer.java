package org.causalworkbench.inference.tagger;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.causalworkbench.inference.encoder.EncoderConfig;
import org.causalworkbench.inference.encoder.EncoderTrainer;
import org.causalworkbench.inference.encoder.HeldOutSplit;
import org.causalworkbench.inference.encoder.PretrainedEncoder;
import org.causalworkbench.inference.encoder.TrainingProgress;
import org.causalworkbench.inference.encoder.TunedWeights;
import org.causalworkbench.inference.eval.SpanScorer;
import org.causalworkbench.inference.eval.SpanScores;

/**
 * Fine-tunes the span tagger: the pretrained encoder with its top {@code layersTuned} layers and the
 * tag head trained with Adam (linear warm-up and decay, gradients clipped to a joint norm of 1) on
 * the cross-entropy of every word piece's tags in every relation slot. Signal tags of a source that
 * marks no signals are left out of the loss. A fixed seed splits off a held-out part by text,
 * scored after each epoch as the shared task scores spans; texts without relations are kept at
 * {@code negativeFraction}. Writes the tuned parameters (fp16) and a training report.
 */
public final class SpanTaggerTrainer {

  /** Settings of one run. */
  public record Settings(long seed, int epochs, int layersTuned, int batchSize, float learningRate, int maxLength,
      double heldOutFraction, double negativeFraction, Path initFrom) {}

  private final Settings settings;
  private final PretrainedEncoder base;
  private final PrintStream progress;

  public SpanTaggerTrainer(Settings settings, PretrainedEncoder base, PrintStream progress) {
    this.settings = settings;
    this.base = base;
    this.progress = progress;
  }

  public TaggerReport train(List<SpanExample> examples, Map<String, List<SpanExample>> tests, Path out)
      throws IOException, TranslateException {
    long start = System.nanoTime();
    HeldOutSplit<SpanExample> split = HeldOutSplit.of(examples, SpanExample::text, settings.seed(),
        settings.heldOutFraction());
    List<SpanExample> train = keepNegatives(split.train());
    Map<String, Integer> texts = new TreeMap<>();
    Map<String, Integer> relations = new TreeMap<>();
    examples.forEach(e -> {
      texts.merge(e.source(), 1, Integer::sum);
      relations.merge(e.source(), e.relations().size(), Integer::sum);
    });
    Files.createDirectories(out);
    EncoderConfig config = base.config();
    SpanTaggerBlock block = new SpanTaggerBlock(config);
    int from = config.layers() - settings.layersTuned();
    int firstStored = from;
    List<Double> epochLoss = new ArrayList<>();
    List<Double> heldOutByEpoch = new ArrayList<>();
    SpanScores heldOutScores;
    double threshold;
    Map<String, SpanScores> testScores = new TreeMap<>();
    Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
    try (SpanTokenizer tokenizer = new SpanTokenizer(base.tokenizer(), settings.maxLength());
        Model model = Model.newInstance("span-tagger", Device.cpu(), "PyTorch")) {
      model.setBlock(block);
      int updates = settings.epochs() * (int) Math.ceil((double) train.size() / settings.batchSize());
      DefaultTrainingConfig training = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam()
              .optLearningRateTracker(EncoderTrainer.warmUpThenDecay(settings.learningRate(), updates)).build());
      SpanTranslator translator = new SpanTranslator(tokenizer);
      try (Trainer trainer = model.newTrainer(training);
          Predictor<String, SpanTags.Decoded> predictor = model.newPredictor(translator)) {
        Shape shape = new Shape(settings.batchSize(), settings.maxLength());
        trainer.initialize(shape, shape, shape);
        block.encoder().loadWeights(base.checkpoint());
        if (settings.initFrom() != null) {
          try (InputStream in = Files.newInputStream(settings.initFrom().resolve(TunedWeights.FILE))) {
            int tunedFrom = TunedWeights.load(block::tunable, in, settings.initFrom().toString()).from();
            if (tunedFrom > from) {
              throw new IllegalArgumentException(settings.initFrom() + " tuned layers from " + tunedFrom
                  + " only; train with --layers-tuned " + (config.layers() - tunedFrom) + " or fewer");
            }
            firstStored = tunedFrom;
          }
        }
        block.encoder().freezeParameters(true);
        block.encoder().parametersOfLayersFrom(from).forEach(p -> p.freeze(false));
        List<Parameter> trained = EncoderTrainer.trainedParameters(block);
        TrainingProgress bar = new TrainingProgress(progress);
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
          Collections.shuffle(train, new Random(settings.seed() + epoch));
          double lossSum = 0;
          int batches = 0;
          int skipped = 0;
          long epochStart = System.nanoTime();
          for (int i = 0; i < train.size(); i += settings.batchSize()) {
            List<SpanExample> batch = train.subList(i, Math.min(train.size(), i + settings.batchSize()));
            boolean finite;
            try (NDManager manager = trainer.getManager().newSubManager()) {
              SpanTokenizer.Batch encoded = tokenizer.encode(batch.stream().map(SpanExample::text).toList());
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray loss = loss(trainer.forward(encoded.toNDList(manager)).singletonOrThrow(), encoded, batch,
                    manager);
                float value = loss.getFloat();
                finite = Float.isFinite(value);
                if (finite) {
                  collector.backward(loss);
                  finite = EncoderTrainer.clipGradientNorm(trained, EncoderTrainer.MAX_GRADIENT_NORM);
                }
                if (finite) {
                  lossSum += value;
                }
              }
              if (finite) {
                trainer.step();
              } else {
                skipped++;
              }
            }
            batches += finite ? 1 : 0;
            bar.update(epoch, Math.min(train.size(), i + settings.batchSize()), train.size(),
                lossSum / Math.max(1, batches), epochStart);
          }
          epochLoss.add(lossSum / Math.max(1, batches));
          SpanScores epochScores = score(predictor, split.heldOut());
          heldOutByEpoch.add(epochScores.overall().f1());
          bar.endEpoch(String.format(Locale.ROOT, "  held out: %s%s", epochScores,
              skipped == 0 ? "" : " (" + skipped + " batches with a non-finite loss or gradient skipped)"));
        }
        FittedThreshold fitted = fitThreshold(predictor, translator, split.heldOut());
        threshold = fitted.threshold();
        heldOutScores = fitted.scores();
        for (Map.Entry<String, List<SpanExample>> test : tests.entrySet()) {
          testScores.put(test.getKey(), score(predictor, test.getValue()));
        }
      }
      TunedWeights.write(block.tunable(firstStored), firstStored, new float[] {(float) threshold},
          out.resolve(TunedWeights.FILE));
    }
    return new TaggerReport(base.name(), texts, relations, train.size(), split.heldOut().size(), split.digest(),
        settings.seed(), settings.epochs(), settings.layersTuned(), settings.batchSize(), settings.learningRate(),
        settings.maxLength(), settings.negativeFraction(), epochLoss, heldOutByEpoch, threshold, heldOutScores, testScores,
        (System.nanoTime() - start) / 1e9);
  }

  /** A span threshold and the held-out scores at it. */
  private record FittedThreshold(double threshold, SpanScores scores) {}

  /**
   * The span threshold (0.20 to 0.60 by 0.05) with the best held-out span F1, left set on the
   * translator; ties go to the one nearest 0.5.
   */
  private FittedThreshold fitThreshold(Predictor<String, SpanTags.Decoded> predictor, SpanTranslator translator,
      List<SpanExample> heldOut) throws TranslateException {
    double best = SpanTranslator.DEFAULT_THRESHOLD;
    SpanScores bestScores = null;
    for (int step = 20; step <= 60; step += 5) {
      double t = step / 100.0;
      translator.setThreshold(t);
      SpanScores scores = score(predictor, heldOut);
      double f1 = scores.overall().f1();
      double bestF1 = bestScores == null ? -1 : bestScores.overall().f1();
      if (f1 > bestF1 || (f1 == bestF1 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
        bestScores = scores;
        best = t;
      }
    }
    translator.setThreshold(best);
    if (progress != null) {
      progress.printf(Locale.ROOT, "span threshold %.2f fitted on the held-out texts (F1 %.4f)%n", best,
          bestScores.overall().f1());
    }
    return new FittedThreshold(best, bestScores);
  }

  /** The texts with relations, and a seeded {@code negativeFraction} of those without. */
  private List<SpanExample> keepNegatives(List<SpanExample> examples) {
    Random random = new Random(settings.seed() ^ 0x5eed);
    List<SpanExample> kept = new ArrayList<>();
    for (SpanExample e : examples) {
      if (!e.relations().isEmpty() || random.nextDouble() < settings.negativeFraction()) {
        kept.add(e);
      }
    }
    return kept;
  }

  /** Span scores of the tagger's relations on {@code examples} (texts with relations; see {@link SpanScorer}). */
  static SpanScores score(Predictor<String, SpanTags.Decoded> predictor, List<SpanExample> examples)
      throws TranslateException {
    List<SpanExample> causal = examples.stream().filter(e -> !e.relations().isEmpty()).toList();
    List<SpanScorer.Row> rows = new ArrayList<>(causal.size());
    int batch = 32;
    for (int i = 0; i < causal.size(); i += batch) {
      List<SpanExample> part = causal.subList(i, Math.min(causal.size(), i + batch));
      List<SpanTags.Decoded> decoded = predictor.batchPredict(part.stream().map(SpanExample::text).toList());
      for (int j = 0; j < part.size(); j++) {
        rows.add(new SpanScorer.Row(part.get(j).text(), part.get(j).relations(), decoded.get(j).relations()));
      }
    }
    return SpanScores.of(SpanScorer.score(rows));
  }

  /**
   * Mean cross-entropy over every labelled (piece, slot) of the batch, argument and signal tags
   * alike; unlabelled ones (special tokens, padding, signals of sources that mark none) are masked.
   */
  private NDArray loss(NDArray logits, SpanTokenizer.Batch encoded, List<SpanExample> batch, NDManager manager) {
    int b = encoded.size();
    int l = encoded.length();
    int[][][] argumentLabels = new int[b][l][SpanTags.SLOTS];
    int[][][] signalLabels = new int[b][l][SpanTags.SLOTS];
    for (int i = 0; i < b; i++) {
      SpanExample e = batch.get(i);
      List<SpanRelation> ordered = SpanTags.slotOrder(e.relations());
      int[][] pieces = encoded.pieces()[i];
      for (int slot = 0; slot < SpanTags.SLOTS; slot++) {
        SpanRelation r = slot < ordered.size() ? ordered.get(slot) : null;
        int[] arguments = r == null ? null : SpanTags.argumentLabels(pieces, r);
        int[] signals = r == null ? null : SpanTags.signalLabels(pieces, r);
        for (int t = 0; t < l; t++) {
          boolean real = pieces[t] != null;
          argumentLabels[i][t][slot] = !real ? SpanTags.IGNORE : r == null ? SpanTags.O : arguments[t];
          signalLabels[i][t][slot] = !real || !e.signalsLabelled() ? SpanTags.IGNORE : r == null ? SpanTags.O
              : signals[t];
        }
      }
    }
    NDArray shaped = logits.reshape(b, l, SpanTags.SLOTS, SpanTags.ARGUMENT_TAGS + SpanTags.SIGNAL_TAGS);
    NDArray[] a = nll(shaped.get(new NDIndex(":, :, :, 0:" + SpanTags.ARGUMENT_TAGS)), argumentLabels,
        SpanTags.ARGUMENT_TAGS, manager);
    NDArray[] s = nll(shaped.get(new NDIndex(":, :, :, " + SpanTags.ARGUMENT_TAGS + ":")), signalLabels,
        SpanTags.SIGNAL_TAGS, manager);
    return a[0].add(s[0]).div(a[1].add(s[1]).maximum(1f));
  }

  /** Summed negative log-likelihood of the labels and how many were counted. */
  private static NDArray[] nll(NDArray logits, int[][][] labels, int tags, NDManager manager) {
    int b = labels.length;
    int l = labels[0].length;
    int k = labels[0][0].length;
    long[] flat = new long[b * l * k];
    float[] mask = new float[flat.length];
    int n = 0;
    for (int[][] text : labels) {
      for (int[] piece : text) {
        for (int label : piece) {
          flat[n] = Math.max(label, 0);
          mask[n++] = label < 0 ? 0 : 1;
        }
      }
    }
    NDArray oneHot = manager.create(flat, new Shape(b, l, k)).oneHot(tags).toType(DataType.FLOAT32, false);
    NDArray weights = manager.create(mask, new Shape(b, l, k));
    NDArray nll = logits.logSoftmax(-1).mul(oneHot).sum(new int[] {3}).neg().mul(weights).sum();
    return new NDArray[] {nll, weights.sum()};
  }
}
