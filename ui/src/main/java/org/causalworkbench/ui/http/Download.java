package org.causalworkbench.ui.http;

/** A response that is a file to save rather than JSON to read. */
public record Download(String fileName, String contentType, byte[] body) {}
