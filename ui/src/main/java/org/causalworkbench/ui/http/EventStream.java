package org.causalworkbench.ui.http;

import java.io.IOException;
import java.io.OutputStream;

/** A handler's answer that is a server-sent event stream: it writes until the client goes or the server stops. */
@FunctionalInterface
public interface EventStream {
  void stream(OutputStream out) throws IOException, InterruptedException;

  /** Called once when the answer is over, however it ended (even if streaming never began). */
  default void release() {}
}
