package org.causalworkbench.graph.query;

import java.util.List;

/**
 * An edge as readers see it.
 *
 * @param example the text of its most probable evidence unit
 */
public record EdgeView(
    long id,
    String cause,
    String effect,
    double belief,
    int evidenceCount,
    int documentCount,
    List<String> flags,
    String reviewState,
    String example) {}
