package dev.obs.tracing;

import dev.obs.config.ObsConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code obs.tracing.*} keys, validated. Every default is written here once.
 *
 * @param enabled {@code obs.tracing.enabled}
 * @param exporter {@code obs.tracing.exporter}
 * @param otlpEndpoint {@code obs.tracing.otlp.endpoint}, the collector's base URL
 * @param sampleRatio {@code obs.tracing.sample-ratio}
 * @param includeObsEndpoints {@code obs.tracing.include-obs-endpoints}
 * @param serviceName {@code obs.service.name}
 */
record TracingSettings(
    boolean enabled,
    Exporter exporter,
    String otlpEndpoint,
    double sampleRatio,
    boolean includeObsEndpoints,
    String serviceName) {

  static final String DEFAULT_OTLP_ENDPOINT = "http://localhost:4318";
  static final double DEFAULT_SAMPLE_RATIO = 1.0;
  // The name OpenTelemetry's SDK gives a Java service that does not name itself.
  static final String DEFAULT_SERVICE_NAME = "unknown_service:java";

  /** What obs builds when the app and the Java agent set up no OpenTelemetry. */
  enum Exporter {
    NONE,
    OTLP,
    LOGGING
  }

  static TracingSettings fromConfig(ObsConfig config) {
    boolean enabled = config.bool("obs.tracing.enabled", true);
    String exporterText = config.string("obs.tracing.exporter", "none");
    Exporter exporter =
        switch (exporterText.toLowerCase(Locale.ROOT)) {
          case "none", "" -> Exporter.NONE;
          case "otlp" -> Exporter.OTLP;
          case "logging" -> Exporter.LOGGING;
          default ->
              throw ObsConfig.invalid(
                  "obs.tracing.exporter", exporterText, "must be one of none, otlp, logging");
        };
    String endpoint = config.string("obs.tracing.otlp.endpoint", DEFAULT_OTLP_ENDPOINT);
    if (!isHttpUrl(endpoint)) {
      throw ObsConfig.invalid(
          "obs.tracing.otlp.endpoint",
          endpoint,
          "must be an http or https URL like " + DEFAULT_OTLP_ENDPOINT);
    }
    String ratioText = config.string("obs.tracing.sample-ratio", "");
    double ratio = DEFAULT_SAMPLE_RATIO;
    if (!ratioText.isEmpty()) {
      try {
        ratio = Double.parseDouble(ratioText);
      } catch (NumberFormatException e) {
        ratio = Double.NaN;
      }
      if (!(ratio >= 0 && ratio <= 1)) {
        throw ObsConfig.invalid(
            "obs.tracing.sample-ratio", ratioText, "must be a number from 0 to 1 like 0.25");
      }
    }
    String service = config.string("obs.service.name", "");
    return new TracingSettings(
        enabled,
        exporter,
        endpoint,
        ratio,
        config.bool("obs.tracing.include-obs-endpoints", false),
        service.isBlank() ? DEFAULT_SERVICE_NAME : service);
  }

  /** The OTLP/HTTP traces URL: the base endpoint plus {@code /v1/traces}, as OpenTelemetry does. */
  String otlpTracesUrl() {
    if (otlpEndpoint.endsWith("/v1/traces")) {
      return otlpEndpoint;
    }
    return otlpEndpoint.endsWith("/") ? otlpEndpoint + "v1/traces" : otlpEndpoint + "/v1/traces";
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
