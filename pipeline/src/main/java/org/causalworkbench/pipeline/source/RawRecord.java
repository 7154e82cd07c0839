package org.causalworkbench.pipeline.source;

/** A record as it came off a topic, before decoding, so a bad one can be dead-lettered whole. */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {}
