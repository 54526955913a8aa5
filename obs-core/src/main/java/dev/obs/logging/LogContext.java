package dev.obs.logging;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the user, organisation and session of the current request into the log context, so every
 * line logged on this thread meanwhile carries {@code user_id}, {@code org_id} or {@code
 * session_id}. Each setter returns a scope that restores the previous value when closed, so the
 * context never outlives the request on a pooled thread:
 *
 * <pre>{@code
 * try (LogContext.Scope user = LogContext.user(principal.getName());
 *     LogContext.Scope org = LogContext.org(tenantId)) {
 *   chain.doFilter(request, response);
 * }
 * }</pre>
 *
 * <p>The context is the SLF4J MDC, so it works with any SLF4J backend that supports one. It is per
 * thread: work handed to another thread does not carry it.
 */
public final class LogContext {
  private LogContext() {}

  /** Restores the context as it was before the value was set; close it on the same thread. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    /** Restores the previous value; closing twice does nothing more. */
    @Override
    void close();
  }

  /**
   * Sets {@code user_id} until the returned scope is closed.
   *
   * @param userId the user id; {@code null} removes it for the scope
   * @return the scope to close when the request ends
   */
  public static Scope user(@Nullable String userId) {
    return put(LogFields.USER_ID, userId);
  }

  /**
   * Sets {@code org_id} until the returned scope is closed.
   *
   * @param orgId the organisation id; {@code null} removes it for the scope
   * @return the scope to close when the request ends
   */
  public static Scope org(@Nullable String orgId) {
    return put(LogFields.ORG_ID, orgId);
  }

  /**
   * Sets {@code session_id} until the returned scope is closed.
   *
   * @param sessionId the session id; {@code null} removes it for the scope
   * @return the scope to close when the request ends
   */
  public static Scope session(@Nullable String sessionId) {
    return put(LogFields.SESSION_ID, sessionId);
  }

  /**
   * Removes {@code user_id}, {@code org_id} and {@code session_id} from this thread's context, for
   * code that cannot use scopes, such as the end of a request in a framework callback.
   */
  public static void clear() {
    MDC.remove(LogFields.USER_ID);
    MDC.remove(LogFields.ORG_ID);
    MDC.remove(LogFields.SESSION_ID);
  }

  private static Scope put(String key, @Nullable String value) {
    @Nullable String previous = MDC.get(key);
    set(key, value);
    return new Scope() {
      private boolean closed;

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          set(key, previous);
        }
      }
    };
  }

  private static void set(String key, @Nullable String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
