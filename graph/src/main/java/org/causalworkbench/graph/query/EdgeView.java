package org.causalworkbench.graph.query;

import java.time.Instant;
import java.util.List;

/**
 * An edge as readers see it.
 *
 * @param example the text of its most probable evidence unit
 * @param judges the judges with evidence for it
 * @param polarity which way the cause moves the effect ({@code EdgePolarity}): {@code increases},
 *     {@code decreases} or {@code unknown}
 * @param polaritySet whether an analyst set the polarity (rather than the evidence proposing it)
 * @param rejectReason why an analyst rejected it, when rejected
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
    String example,
    String polarity,
    boolean polaritySet,
    String rejectReason) {}
