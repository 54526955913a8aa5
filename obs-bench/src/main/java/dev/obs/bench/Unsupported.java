package dev.obs.bench;

import java.lang.reflect.Proxy;

/**
 * An implementation of an interface whose every method throws, for the servlet wrappers the fakes
 * extend: a call the fakes do not override fails loudly instead of measuring a mock.
 */
final class Unsupported {
  private Unsupported() {}

  static <T> T of(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(
                  type.getSimpleName() + "." + method.getName() + " is not faked by the benchmark");
            }));
  }
}
