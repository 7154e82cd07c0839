package org.causalworkbench.graph.variables;

import java.util.List;

/** Turns variable names into unit-length vectors whose dot product says how alike they are. */
public interface NameEmbedder extends AutoCloseable {

  List<float[]> embed(List<String> names);

  @Override
  default void close() {}
}
