package org.causalworkbench.app.runtime;

import java.nio.file.Path;

/**
 * Where the workbench's own files are (the sample corpus and its gold lists): the folder the
 * launcher runs from, passed as {@code -Dworkbench.home}, else the working directory.
 */
public final class WorkbenchHome {

  private WorkbenchHome() {}

  public static Path path() {
    return Path.of(System.getProperty("workbench.home", ".")).toAbsolutePath().normalize();
  }

  public static Path sampleCorpus() {
    return path().resolve("corpus/sample");
  }

  public static Path sampleGold() {
    return path().resolve("corpus/gold/sample-edges.csv");
  }

  public static Path sampleNonEdges() {
    return path().resolve("corpus/gold/sample-non-edges.csv");
  }
}
