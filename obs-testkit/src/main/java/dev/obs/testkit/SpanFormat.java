package dev.obs.testkit;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.StringJoiner;

/** Renders captured spans one per line for failure messages. */
final class SpanFormat {
  private SpanFormat() {}

  static String describe(List<SpanData> spans) {
    if (spans.isEmpty()) {
      return "no spans were captured";
    }
    StringBuilder out = new StringBuilder("captured spans:");
    for (SpanData span : spans) {
      out.append("\n  ").append(line(span));
    }
    return out.toString();
  }

  static String line(SpanData span) {
    StringJoiner attributes = new StringJoiner(", ", "{", "}");
    span.getAttributes().forEach((key, value) -> attributes.add(key.getKey() + "=" + value));
    String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : "none";
    return "'"
        + span.getName()
        + "' "
        + span.getKind()
        + " status="
        + span.getStatus().getStatusCode()
        + " trace="
        + span.getTraceId()
        + " span="
        + span.getSpanId()
        + " parent="
        + parent
        + " "
        + attributes;
  }
}
