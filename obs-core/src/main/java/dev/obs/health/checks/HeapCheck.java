package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares the heap that survives garbage collection with the maximum heap. Current usage alone
 * would be useless: it climbs towards the maximum between collections on a healthy JVM.
 *
 * <p>The heap in use after the most recent collection comes from {@code
 * com.sun.management.GarbageCollectorMXBean} (HotSpot and OpenJ9), which covers every pool, also
 * the old generation after a young collection. Without it, the pools' {@link
 * MemoryPoolMXBean#getCollectionUsage()} are summed; when nothing has been collected yet, current
 * usage is used.
 */
final class HeapCheck implements HealthCheck {
  private final double maxUsedRatio;

  HeapCheck(double maxUsedRatio) {
    if (!(maxUsedRatio > 0 && maxUsedRatio <= 1)) {
      throw new IllegalArgumentException(
          "maxUsedRatio must be greater than 0 and at most 1, like 0.9, got " + maxUsedRatio);
    }
    this.maxUsedRatio = maxUsedRatio;
  }

  /** Heap bytes in use and how they were measured. */
  private record Usage(long used, String measured, String label) {}

  @Override
  public HealthResult check() {
    long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    if (max <= 0) {
      max = Runtime.getRuntime().maxMemory();
    }
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    Usage usage = afterLastGc(pools);
    if (usage == null) {
      usage = afterCollections(pools);
    }
    if (usage == null) {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      usage = new Usage(used, "current", "heap in use");
    }
    double ratio = (double) usage.used() / max;
    HealthResult result =
        HealthResult.up()
            .withDetail("used_bytes", usage.used())
            .withDetail("max_bytes", max)
            .withDetail("used_ratio", Units.ratio(ratio))
            .withDetail("threshold_ratio", maxUsedRatio)
            .withDetail("measured", usage.measured());
    if (ratio <= maxUsedRatio) {
      return result;
    }
    return result
        .withStatus(HealthStatus.DEGRADED)
        .withMessage(
            usage.label()
                + " "
                + Units.bytes(usage.used())
                + " is "
                + Units.percent(ratio)
                + " of the maximum "
                + Units.bytes(max)
                + ", above the threshold "
                + Units.percent(maxUsedRatio));
  }

  private static @Nullable Usage afterLastGc(List<MemoryPoolMXBean> pools) {
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    com.sun.management.GcInfo latest = null;
    try {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof com.sun.management.GarbageCollectorMXBean) {
          com.sun.management.GcInfo info =
              ((com.sun.management.GarbageCollectorMXBean) gc).getLastGcInfo();
          if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
            latest = info;
          }
        }
      }
    } catch (LinkageError e) {
      return null; // a JVM without the jdk.management module
    }
    if (latest == null) {
      return null;
    }
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    return used > 0 ? new Usage(used, "after_last_gc", "heap used after the last GC") : null;
  }

  private static @Nullable Usage afterCollections(List<MemoryPoolMXBean> pools) {
    long used = 0;
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        MemoryUsage afterGc = pool.getCollectionUsage();
        used += afterGc != null ? afterGc.getUsed() : pool.getUsage().getUsed();
      }
    }
    return used > 0 ? new Usage(used, "after_gc", "heap used after GC") : null;
  }
}
