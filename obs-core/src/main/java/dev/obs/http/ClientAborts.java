package dev.obs.http;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tells a response the client abandoned (connection reset, end of stream, broken pipe) from a
 * failure of the server. Each container throws its own exception for it, so they are recognised by
 * class name and no container is a dependency of obs.
 */
public final class ClientAborts {
  // Jetty, Tomcat, Undertow (its closed channel), Reactor Netty, and Spring MVC's wrapper.
  private static final Set<String> TYPES =
      Set.of(
          "org.eclipse.jetty.io.EofException",
          "org.apache.catalina.connector.ClientAbortException",
          "java.nio.channels.ClosedChannelException",
          "io.undertow.server.TruncatedResponseException",
          "reactor.netty.channel.AbortedException",
          "org.springframework.web.context.request.async.AsyncRequestNotUsableException");
  private static final int MAX_DEPTH = 10;

  private ClientAborts() {}

  /**
   * Tells whether an exception, or one of its causes, says the client went away: one of the
   * containers' abort exceptions, or an {@link java.io.IOException} whose message is a broken pipe
   * or a connection reset.
   *
   * @param exception what the request failed with, or {@code null}
   * @return true when the client abandoned the response
   */
  public static boolean isClientAbort(@Nullable Throwable exception) {
    Throwable t = exception;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
      for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        if (TYPES.contains(c.getName())) {
          return true;
        }
      }
      if (t instanceof java.io.IOException && saysDisconnected(t.getMessage())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    return false;
  }

  private static boolean saysDisconnected(@Nullable String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("broken pipe")
        || m.contains("connection reset")
        || m.contains("connection aborted");
  }
}
