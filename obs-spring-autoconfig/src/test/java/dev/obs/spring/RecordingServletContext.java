package dev.obs.spring;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A servlet context that only records the servlets added to it and their mappings, for checking
 * what a {@code ServletContextInitializer} registers without starting a container.
 */
final class RecordingServletContext {
  final Map<String, List<String>> mappings = new LinkedHashMap<>();
  final Map<String, Object> attributes = new HashMap<>();
  final ServletContext context =
      (ServletContext)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {ServletContext.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "addServlet" -> registration((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getContextPath" -> "";
                    case "getServletRegistration" -> null;
                    case "getServletRegistrations" -> Map.of();
                    case "addListener" -> null;
                    default ->
                        throw new UnsupportedOperationException(
                            "RecordingServletContext does not support " + method.getName());
                  });

  private ServletRegistration.Dynamic registration(String name) {
    List<String> paths = mappings.computeIfAbsent(name, n -> new ArrayList<>());
    return (ServletRegistration.Dynamic)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ServletRegistration.Dynamic.class},
            (proxy, method, args) -> {
              if (method.getName().equals("addMapping")) {
                paths.addAll(List.of((String[]) args[0]));
                return java.util.Set.of();
              }
              if (method.getName().equals("getName")) {
                return name;
              }
              return null;
            });
  }
}
