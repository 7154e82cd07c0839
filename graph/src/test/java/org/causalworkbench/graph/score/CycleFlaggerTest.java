package org.causalworkbench.graph.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

class CycleFlaggerTest {

  @Test
  void aChainOfAQuarterMillionVariablesIsSearchedWithoutOverflowingTheStack() {
    // 0 -> 1 -> ... -> n-1 -> 0 is one cycle; n -> 0 hangs off it. The depth-first search goes n deep.
    int n = 250_000;
    Graph<Long, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (long v = 0; v <= n; v++) {
      graph.addVertex(v);
    }
    for (long v = 0; v < n; v++) {
      graph.addEdge(v, (v + 1) % n);
    }
    graph.addEdge((long) n, 0L);
    Map<Long, Integer> components = CycleFlagger.components(graph);
    int cycle = components.get(0L);
    assertTrue(cycle >= 0, "the ring is a component of many vertices");
    assertEquals(cycle, components.get((long) n - 1));
    assertTrue(components.get((long) n) < 0, "the vertex leading into the ring is on no cycle");
  }
}
