package org.causalworkbench.graph.query;

import java.time.Instant;
import java.util.List;

/**
 * An edge as readers see it.
 *
 * @param example the text of its most probable evidence unit
 * @param judges the judges with evidence for it
 */
public record EdgeView(
    long id,
    long causeId,
    String cause,
    long effectId,
    String effect,
    double belief,
    int evidenceCount,
    int documentCount,
    List<String> flags,
    String reviewState,
    List<String> judges,
    Instant updatedAt,
    String example) {}
