package org.causalworkbench.app.bench;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalworkbench.core.config.WorkbenchConfig;
import org.causalworkbench.core.config.WorkbenchOptions;
import org.causalworkbench.core.model.CandidatePair;
import org.causalworkbench.core.model.Document;
import org.causalworkbench.core.model.Unit;
import org.causalworkbench.extraction.annotate.CoreNlpAnnotator;
import org.causalworkbench.extraction.candidates.CandidatePairGenerator;
import org.causalworkbench.extraction.candidates.UnitBuilder;
import org.causalworkbench.inference.encoder.PretrainedEncoder;
import org.causalworkbench.inference.encoder.EncoderJudge;
import org.causalworkbench.inference.encoder.TransformerEncoder;

/**
 * Measures the encoder judge on the sample corpus's own candidate pairs: pairs/s at each batch
 * size (a pair judged both ways, plus its unit's detection), and the rebuilt encoder's forward pass
 * against a plain ONNX Runtime session on the same token ids, alternated rep by rep so both see the
 * same machine. Prints figures; decides nothing.
 */
public final class EncoderBenchmark {

  private final WorkbenchConfig config;

  public EncoderBenchmark(WorkbenchConfig config) {
    this.config = config;
  }

  public void run(Path corpus, List<Integer> batchSizes, int minPairs, int forwardReps, Path workDir)
      throws Exception {
    List<CandidatePair> pairs = new ArrayList<>();
    List<String> unitTexts = new ArrayList<>();
    CoreNlpAnnotator annotator = CoreNlpAnnotator.parsing(config);
    CandidatePairGenerator generator = CandidatePairGenerator.fromConfig(config);
    UnitBuilder units = new UnitBuilder();
    for (Document d : PipelineBenchmark.read(corpus)) {
      for (Unit unit : units.units(d.id(), annotator.annotate(d))) {
        unitTexts.add(unit.text());
        pairs.addAll(generator.pairs(unit));
      }
    }
    System.out.printf(Locale.ROOT, "bench corpus: %d units, %d candidate pairs%n", unitTexts.size(), pairs.size());

    for (int batch : batchSizes) {
      WorkbenchConfig c = config.with(WorkbenchOptions.ENCODER_BATCH_SIZE, Integer.toString(batch));
      try (EncoderJudge judge = new EncoderJudge(c)) {
        // The operator hands the judge micro-batches; here each holds `batch` pairs.
        int n = Math.min(pairs.size(), Math.max(minPairs, 4 * batch));
        judge.judge(pairs.subList(0, Math.min(n, batch))); // warm-up
        long start = System.nanoTime();
        for (int i = 0; i < n; i += batch) {
          judge.judge(pairs.subList(i, Math.min(n, i + batch)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "encoder judge on %s, batch %3d: %d pairs in %.2f s = %.1f pairs/s%n",
            judge.device(), batch, n, seconds, n / seconds);
      }
    }
    forward(unitTexts.subList(0, Math.min(32, unitTexts.size())), forwardReps, workDir);
  }

  /** The rebuilt encoder (DJL, PyTorch) against ONNX Runtime on one batch of unit texts. */
  private void forward(List<String> texts, int reps, Path workDir) throws Exception {
    PretrainedEncoder base = PretrainedEncoder.fromConfig(config, workDir);
    if (config.isSet(WorkbenchOptions.ENCODER_ENSEMBLE)) {
      System.out.println("encoder.ensemble is set: the forward pass below is encoder.model's (" + base.name()
          + ") alone, not each member's");
    }
    if (base.onnx() == null) {
      System.out.println(base.name() + " is a TorchScript module: no ONNX export to time it against");
      return;
    }
    Path onnx = workDir.resolve("encoder.onnx");
    Files.write(onnx, base.onnx());
    Path tokenizerFile = base.tokenizer();
    int maxLength = config.getInt(WorkbenchOptions.ENCODER_MAX_LENGTH);
    long[][] ids;
    long[][] mask;
    long[][] types;
    try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, java.util.Map.of(
        "truncation", "true", "maxLength", Integer.toString(maxLength), "padding", "false"))) {
      Encoding[] encodings = texts.stream().map(tokenizer::encode).toArray(Encoding[]::new);
      int length = 0;
      for (Encoding e : encodings) {
        length = Math.max(length, e.getIds().length);
      }
      ids = new long[texts.size()][length];
      mask = new long[texts.size()][length];
      types = new long[texts.size()][length];
      for (int i = 0; i < encodings.length; i++) {
        long[] id = encodings[i].getIds();
        System.arraycopy(id, 0, ids[i], 0, id.length);
        System.arraycopy(encodings[i].getAttentionMask(), 0, mask[i], 0, id.length);
      }
    }
    Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
        .optModelPath(onnx).optEngine("OnnxRuntime").build();
    double ours = 0;
    double reference = 0;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        ZooModel<NDList, NDList> ort = criteria.loadModel();
        Predictor<NDList, NDList> predictor = ort.newPredictor()) {
      TransformerEncoder encoder = new TransformerEncoder(base.config());
      Shape shape = new Shape(ids.length, ids[0].length);
      encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
      encoder.loadWeights(base.checkpoint());
      NDManager ortManager = ort.getNDManager();
      for (int rep = -2; rep < reps; rep++) { // two warm-up reps each
        long t0 = System.nanoTime();
        try (NDManager m = manager.newSubManager()) {
          encoder.forward(new ParameterStore(m, false),
              new NDList(m.create(ids), m.create(mask), m.create(types)), false).singletonOrThrow().toFloatArray();
        }
        long t1 = System.nanoTime();
        try (NDManager m = ortManager.newSubManager()) {
          NDArray i = m.create(ids);
          i.setName("input_ids");
          NDArray a = m.create(mask);
          a.setName("attention_mask");
          NDArray t = m.create(types);
          t.setName("token_type_ids");
          predictor.predict(new NDList(i, a, t)).get(0).toFloatArray();
        }
        long t2 = System.nanoTime();
        if (rep >= 0) {
          ours += (t1 - t0) / 1e6;
          reference += (t2 - t1) / 1e6;
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s forward, batch of %d units (%d tokens each, padded), mean of %d reps:"
        + " ours (DJL, PyTorch) %.1f ms, ONNX Runtime %.1f ms, ratio ours / ONNX Runtime %.2f%n", base.name(), ids.length,
        ids[0].length, reps, ours / reps, reference / reps, ours / reference);
  }
}
