package dev.obs.health.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Opens TCP (optionally TLS) connections with bounded connect and read times. */
final class Endpoint {
  private Endpoint() {}

  /**
   * Connects to {@code host:port} within the timeout and sets the same read timeout.
   *
   * @param what names the peer in messages, such as {@code Redis at db:6379}
   */
  static Socket connect(String what, String host, int port, Duration timeout, boolean tls)
      throws CheckFailure {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      if (!tls) {
        return socket;
      }
      SSLSocket ssl =
          (SSLSocket)
              ((SSLSocketFactory) SSLSocketFactory.getDefault())
                  .createSocket(socket, host, port, true);
      SSLParameters parameters = ssl.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(parameters);
      ssl.setSoTimeout(millis);
      try {
        ssl.startHandshake();
      } catch (SocketTimeoutException e) {
        closeQuietly(ssl);
        throw new CheckFailure(
            what + " did not finish the TLS handshake within " + Units.millis(timeout));
      } catch (IOException e) {
        closeQuietly(ssl);
        throw new CheckFailure(what + ": TLS handshake failed: " + e.getMessage());
      }
      return ssl;
    } catch (UnknownHostException e) {
      closeQuietly(socket);
      throw new CheckFailure("cannot connect to " + what + ": unknown host " + host);
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new CheckFailure("cannot connect to " + what + " within " + Units.millis(timeout));
    } catch (IOException e) {
      closeQuietly(socket);
      throw new CheckFailure("cannot connect to " + what + ": " + e.getMessage());
    }
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing useful to report: the check's outcome is already decided
    }
  }
}
