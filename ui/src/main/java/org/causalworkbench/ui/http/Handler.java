package org.causalworkbench.ui.http;

import java.io.IOException;

/**
 * One API operation. What it returns is written as JSON with status 200, unless it is a
 * {@link Download}; problems are thrown as {@link HttpError}.
 */
@FunctionalInterface
public interface Handler {
  Object handle(Request request) throws IOException;
}
