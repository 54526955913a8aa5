package dev.obs.health;

/**
 * Checks one dependency or condition. Implementations may block and may throw: the registry runs
 * them on its own threads with a timeout, and turns an exception into a DOWN result naming the
 * exception's class and message.
 *
 * <pre>{@code
 * HealthCheck queue = () -> queueDepth() < 1000
 *     ? HealthResult.up().withDetail("depth", queueDepth())
 *     : HealthResult.degraded("queue depth above 1000");
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {
  /**
   * Checks the dependency.
   *
   * @return the result; its duration is filled in by the registry
   * @throws Exception when the check fails; the registry reports it as DOWN
   */
  HealthResult check() throws Exception;
}
