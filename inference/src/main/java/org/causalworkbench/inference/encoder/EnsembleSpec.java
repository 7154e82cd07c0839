package org.causalworkbench.inference.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.causalworkbench.core.json.Json;

/**
 * An ensemble of fine-tuned encoders, as {@code ./workbench train --members} writes it to
 * {@value #FILE}: which encoders with which tuned weights, the detection threshold fitted for their
 * averaged probabilities on the held-out part of the training data, and how each member and the
 * ensemble scored there.
 *
 * @param members each a pretrained encoder (as {@code encoder.model} names it) and its tuned weights
 * @param detectionThreshold the averaged detection probability at or above which a text is causal
 * @param maxLength tokens per text the members read when the threshold was fitted (the judge reads as many)
 * @param heldOutData held-out example counts by source file, pairs and texts apart
 * @param seed the seed of the held-out split (the one the members were trained with)
 * @param heldOutFraction the held-out fraction of that split
 * @param heldOut scores on the held-out part, for each member and for the ensemble
 * @param test scores of the ensemble on each test file given, none of which was trained on
 */
public record EnsembleSpec(List<Member> members, float detectionThreshold, int maxLength,
    Map<String, Integer> heldOutData, long seed,
    double heldOutFraction, Map<String, TrainingReport.Scores> heldOut, Map<String, TrainingReport.Scores> test) {

  /** The file an ensemble folder holds. */
  public static final String FILE = "ensemble.json";

  /**
   * One member.
   *
   * @param model a bundled encoder's name or a path to a local encoder, as in {@code encoder.model}
   * @param weights the folder of its tuned-weights.bin, relative to the ensemble's folder or
   *     absolute; null for the weights the workbench ships for a bundled encoder
   */
  public record Member(String model, String weights) {

    /** Parses {@code MODEL} (shipped weights) or {@code MODEL=WEIGHTS_DIR}. */
    public static Member parse(String spec) {
      int eq = spec.indexOf('=');
      if (eq == 0 || eq == spec.length() - 1 || spec.isBlank()) {
        throw new IllegalArgumentException("an ensemble member is MODEL or MODEL=WEIGHTS_DIR, not '" + spec + "'");
      }
      return eq < 0 ? new Member(spec, null) : new Member(spec.substring(0, eq), spec.substring(eq + 1));
    }
  }

  public EnsembleSpec {
    if (members == null || members.size() < 2) {
      throw new IllegalArgumentException("an ensemble needs at least two members");
    }
    if (!(detectionThreshold > 0 && detectionThreshold < 1)) {
      throw new IllegalArgumentException("an ensemble's detection threshold must lie in (0, 1), got "
          + detectionThreshold);
    }
    if (maxLength <= 0) {
      throw new IllegalArgumentException("an ensemble's max length must be positive, got " + maxLength);
    }
    members = List.copyOf(members);
  }

  /** Reads {@code folder}/{@value #FILE}. */
  public static EnsembleSpec read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("encoder.ensemble " + folder + " holds no " + FILE
          + ": make one with ./workbench train --members MODEL[=WEIGHTS_DIR]... --data FILE... --out DIR");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (Json.JsonFormatException e) {
      throw new IllegalArgumentException(file + " is not an ensemble file (" + e.getMessage()
          + "); write it again with ./workbench train --members", e);
    }
  }

  public static EnsembleSpec read(InputStream in) throws IOException {
    return new Json().read(in.readAllBytes(), EnsembleSpec.class);
  }

  /** Writes {@code folder}/{@value #FILE}. */
  public void write(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(FILE), new Json().writePretty(this));
  }
}
