package dev.obs.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ObsJsonEncoderTest {
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

  private final LoggingOptions options =
      LoggingOptions.builder()
          .service("billing")
          .version("1.4.2")
          .environment("prod")
          .stackDepth(2)
          .maskPatterns(java.util.List.of(Pattern.compile("card=(\\d{4})")))
          .build();

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void linesCarryObsFieldNamesContextAndServiceFields() {
    try (Captured logs = Captured.logger("shape.test", options)) {
      MDC.put(LogFields.REQUEST_ID, "r-1");
      MDC.put(LogFields.TRACE_ID, "t-1");
      MDC.put(LogFields.SPAN_ID, "s-1");
      try (LogContext.Scope u = LogContext.user("u-1");
          LogContext.Scope o = LogContext.org("o-1");
          LogContext.Scope s = LogContext.session("sess-1")) {
        logs.slf4j().info("hello {}", "world");
      }

      String line = logs.single();
      assertThat(line).endsWith("}\n").doesNotContain("\r");
      Map<String, Object> event = Captured.parse(line);
      assertThat(event)
          .containsEntry("level", "INFO")
          .containsEntry("logger", "shape.test")
          .containsEntry("thread", Thread.currentThread().getName())
          .containsEntry("message", "hello world")
          .containsEntry("request_id", "r-1")
          .containsEntry("trace_id", "t-1")
          .containsEntry("span_id", "s-1")
          .containsEntry("user_id", "u-1")
          .containsEntry("org_id", "o-1")
          .containsEntry("session_id", "sess-1")
          .containsEntry("service", "billing")
          .containsEntry("version", "1.4.2")
          .containsEntry("environment", "prod")
          .doesNotContainKeys("@version", "level_value", "logger_name", "thread_name");
      assertThat((String) event.get("@timestamp"))
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3,9}Z");
    }
  }

  @Test
  void emptyServiceFieldsAreLeftOut() {
    try (Captured logs = Captured.logger("empty.test", LoggingOptions.defaults())) {
      logs.slf4j().info("plain");

      assertThat(Captured.parse(logs.single()))
          .doesNotContainKeys("service", "version", "environment", "user_id");
    }
  }

  @Test
  void keyValuePairsAndStructuredArgumentsBecomeTopLevelFields() {
    try (Captured logs = Captured.logger("kv.test", options)) {
      logs.slf4j().atInfo().addKeyValue("status", 200).log("done");
      logs.slf4j().info("charged {}", kv("amount", 12));

      assertThat(Captured.parse(logs.output.get(0))).containsEntry("status", 200);
      assertThat(Captured.parse(logs.output.get(1)))
          .containsEntry("amount", 12)
          .containsEntry("message", "charged amount=12");
    }
  }

  @Test
  void stackTraceShowsRootCauseFirstAndKeepsTheConfiguredDepth() {
    try (Captured logs = Captured.logger("stack.test", options)) {
      Exception root = new IllegalArgumentException("root cause");
      logs.slf4j().error("failed", new IllegalStateException("wrapper", root));

      String stack = (String) Captured.parse(logs.single()).get("stack_trace");
      assertThat(stack).startsWith("java.lang.IllegalArgumentException: root cause");
      assertThat(stack).contains("Wrapped by: java.lang.IllegalStateException: wrapper");
      String wrapper = stack.substring(stack.indexOf("Wrapped by"));
      assertThat(wrapper.lines().filter(l -> l.trim().startsWith("at "))).as(stack).hasSize(2);
      assertThat(wrapper).contains("frames truncated");
    }
  }

  @Test
  void secretFieldsAreMaskedInStructuredArgumentsKeyValuesAndMdc() {
    try (Captured logs = Captured.logger("mask.fields.test", options)) {
      MDC.put("authorization", "Bearer abcdefgh12345678");
      MDC.put("x-request-source", "Bearer abcdefgh12345678");
      logs.slf4j()
          .atInfo()
          .addKeyValue("access_token", "tok-123")
          .addKeyValue("user", "alice")
          .log(
              "login {} {}",
              kv("password", "hunter2"),
              kv("request", Map.of("apiKey", "k-999", "path", "/login")));

      String line = logs.single();
      assertThat(line).doesNotContain("hunter2", "tok-123", "k-999", "abcdefgh12345678");
      Map<String, Object> event = Captured.parse(line);
      assertThat(event)
          .containsEntry("authorization", "****")
          .containsEntry("x-request-source", "Bearer ****")
          .containsEntry("access_token", "****")
          .containsEntry("user", "alice")
          .containsEntry("password", "****")
          .containsEntry("request", Map.of("apiKey", "****", "path", "/login"));
    }
  }

  @Test
  void aSecretFieldHoldingAnObjectAnArrayOrANumberIsMaskedWhole() {
    try (Captured logs = Captured.logger("mask.whole.test", options)) {
      logs.slf4j()
          .info(
              "nested {} {} {} {}",
              kv("secret", Map.of("key", "k-1", "nested", List.of(1, 2, Map.of("x", "y")))),
              kv("auth_token", List.of("t-1", "t-2")),
              kv("api_key", 12345),
              kv("after", Map.of("kept", List.of("a", "b"))));

      Map<String, Object> event = Captured.parse(logs.single());
      assertThat(event)
          .containsEntry("secret", "****")
          .containsEntry("auth_token", "****")
          .containsEntry("api_key", "****")
          .containsEntry("after", Map.of("kept", List.of("a", "b")));
    }
  }

  @Test
  void secretsInsideMessageTextAreMasked() {
    try (Captured logs = Captured.logger("mask.text.test", options)) {
      logs.slf4j()
          .info(
              "user=alice password=hunter2 header Authorization: Bearer abc.def-123456 jwt "
                  + JWT
                  + " card=4242 json {\"api_key\": \"k-1\"}");

      assertThat(Captured.parse(logs.single()))
          .containsEntry(
              "message",
              "user=alice password=**** header Authorization: Bearer **** jwt ****"
                  + " card=**** json {\"api_key\": \"****\"}");
    }
  }

  @Test
  void secretsInsideExceptionMessagesAreMaskedInTheStackTrace() {
    try (Captured logs = Captured.logger("mask.stack.test", options)) {
      Exception root = new IllegalStateException("rejected token=" + JWT);
      logs.slf4j().error("call failed", new RuntimeException("db password=hunter2", root));

      String stack = (String) Captured.parse(logs.single()).get("stack_trace");
      assertThat(stack)
          .startsWith("java.lang.IllegalStateException: rejected token=****")
          .contains("java.lang.RuntimeException: db password=****")
          .doesNotContain("hunter2", "eyJ");
    }
  }

  @Test
  void maskFieldsCanBeReplaced() {
    LoggingOptions custom = options.toBuilder().maskFields(java.util.List.of("pin")).build();
    try (Captured logs = Captured.logger("mask.custom.test", custom)) {
      logs.slf4j().info("{} {} pin=1234", kv("card_pin", "9876"), kv("password", "kept"));

      Map<String, Object> event = Captured.parse(logs.single());
      assertThat(event).containsEntry("card_pin", "****").containsEntry("password", "kept");
      assertThat((String) event.get("message")).endsWith("pin=****");
    }
  }

  @Test
  void lineBreaksAndControlCharactersStayInsideOneJsonLine() {
    String crlf = "user logged in\r\n{\"level\":\"ERROR\",\"message\":\"forged\"}\nsecond";
    String ansi = "\u001b[31mred\u001b[0m and bell \u0007 and nul \u0000 end";
    try (Captured logs = Captured.logger("injection.test", options)) {
      MDC.put("note", "mdc\r\nvalue");
      logs.slf4j().info(crlf);
      logs.slf4j().warn(ansi);

      assertThat(logs.output).hasSize(2);
      for (String line : logs.output) {
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).doesNotContain("\r", "\u001b", "\u0007", "\u0000");
      }
      assertThat(Captured.parse(logs.output.get(0)))
          .containsEntry("message", crlf)
          .containsEntry("note", "mdc\r\nvalue");
      assertThat(Captured.parse(logs.output.get(1))).containsEntry("message", ansi);
    }
  }

  @Test
  void aOneMegabyteMessageIsOneJsonLine() {
    String big =
        "x".repeat(1 << 20) + "\n" + "eyJ".repeat(100_000) + " password" + " ".repeat(1000);
    try (Captured logs = Captured.logger("big.test", options)) {
      logs.slf4j().info(big);

      String line = logs.single();
      assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
      assertThat(Captured.parse(line)).containsEntry("message", big);
    }
  }
}
