package org.causalworkbench.core.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A free TCP port on 127.0.0.1, for a service the workbench starts itself (the embedded broker and
 * database, the processes of its local cluster) that must know its port before it binds: Kafka's
 * controller quorum names its voters' ports in every node's configuration.
 */
public final class LoopbackPort {

  public static final String HOST = "127.0.0.1";

  private LoopbackPort() {}

  /** A port free now; another process could take it before the service binds, which is rare enough here. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST + ": " + e.getMessage(), e);
    }
  }
}
