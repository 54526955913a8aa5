package dev.obs.alerts;

import java.time.Duration;
import java.util.List;

/**
 * The opt-in built-in rule pack over the meters obs, Micrometer's binders, HikariCP and a Redis
 * memory gauge publish. The shipped file {@code dev/obs/alerts/builtin-rules.yml} is this pack with
 * the default thresholds.
 *
 * @param errorRate the share of 5xx responses over 5 minutes that alerts, default 0.05
 * @param latencyP95 the p95 request latency that alerts, default 1 second
 * @param baselineFactor how many times its value a day ago the p95 may grow, default 2
 * @param heap the share of heap still used after GC that alerts, default 0.9
 * @param cpu the process CPU usage that alerts, default 0.9
 * @param pool the share of a connection pool in use that alerts, default 0.8
 * @param redisMemory the share of Redis maxmemory in use that alerts, default 0.8
 */
record BuiltinRules(
    double errorRate,
    Duration latencyP95,
    double baselineFactor,
    double heap,
    double cpu,
    double pool,
    double redisMemory) {

  static final String RESOURCE = "dev/obs/alerts/builtin-rules.yml";

  static BuiltinRules defaults() {
    return new BuiltinRules(0.05, Duration.ofSeconds(1), 2, 0.9, 0.9, 0.8, 0.8);
  }

  List<RuleGroup> groups() {
    Duration five = Duration.ofMinutes(5);
    Duration ten = Duration.ofMinutes(10);
    return List.of(
        Rules.group("obs-builtin")
            .rule(
                Rules.alert("AppNotReady")
                    .expr("obs_health_status == 0")
                    .forDuration(Duration.ofMinutes(2))
                    .label("severity", "critical")
                    .annotation("summary", "health check {{ $labels.check }} is DOWN"))
            .rule(
                Rules.errorRateAbove("HighErrorRate", errorRate, five)
                    .forDuration(five)
                    .label("severity", "critical"))
            .rule(
                Rules.latencyP95Above("HighLatency", latencyP95, five)
                    .forDuration(ten)
                    .label("severity", "warning"))
            .rule(
                Rules.latencyAboveBaseline("LatencyAboveBaseline", baselineFactor, five)
                    .forDuration(ten)
                    .label("severity", "warning"))
            .rule(
                Rules.alert("HeapNearlyFull")
                    .expr("jvm_memory_usage_after_gc{area=\"heap\"} > " + Rules.number(heap))
                    .forDuration(ten)
                    .label("severity", "warning")
                    .annotation(
                        "summary",
                        "{{ $value | humanizePercentage }} of the heap is used after GC"))
            .rule(
                Rules.alert("HighCpu")
                    .expr("process_cpu_usage > " + Rules.number(cpu))
                    .forDuration(ten)
                    .label("severity", "warning")
                    .annotation(
                        "summary", "process CPU usage is {{ $value | humanizePercentage }}"))
            .rule(
                Rules.alert("ConnectionPoolNearlyFull")
                    .expr(
                        "hikaricp_connections_active / hikaricp_connections_max > "
                            + Rules.number(pool)
                            + " or jdbc_connections_active / jdbc_connections_max > "
                            + Rules.number(pool))
                    .forDuration(five)
                    .label("severity", "warning")
                    .annotation(
                        "summary",
                        "connection pool {{ $labels.pool }}{{ $labels.name }} is"
                            + " {{ $value | humanizePercentage }} in use"))
            .rule(
                Rules.alert("RedisMemoryHigh")
                    .expr(
                        "redis_memory_used_bytes / (redis_memory_max_bytes > 0) > "
                            + Rules.number(redisMemory))
                    .forDuration(ten)
                    .label("severity", "warning")
                    .annotation(
                        "summary", "Redis uses {{ $value | humanizePercentage }} of maxmemory"))
            .build());
  }
}
