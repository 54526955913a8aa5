package dev.obs.health.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Loopback peers for tests: a port nobody listens on, and a server that never answers. */
final class Loopback {
  private Loopback() {}

  /** A loopback port that was free a moment ago: bound on port 0, then closed. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accepts connections and never reads or writes a byte. */
  static final class HangingServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;

    HangingServer() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::acceptForever, "hanging-server-" + server.getLocalPort());
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void acceptForever() {
      while (true) {
        try {
          Socket socket = server.accept();
          synchronized (accepted) {
            accepted.add(socket);
          }
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (accepted) {
        for (Socket socket : accepted) {
          socket.close();
        }
      }
    }
  }
}
