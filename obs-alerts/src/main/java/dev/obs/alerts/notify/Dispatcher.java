package dev.obs.alerts.notify;

import dev.obs.alert.Alert;
import dev.obs.alert.AlertState;
import dev.obs.alerts.notify.NotifyMeters.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes alerts into aggregation groups and decides, at each tick, which notifications to queue:
 * Alertmanager's grouping and repeat rules, then silences, the per-rule limit and the receiver's
 * rate limit. It never does I/O: deliveries run on their own threads. Every method is called under
 * the lock of {@link Notifications}.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** How often a firing alert is re-sent to an ungrouped receiver (Alertmanager): 1 minute. */
  static final Duration ALERTMANAGER_RESEND = Duration.ofMinutes(1);

  /** Bounded: alerts known to ungrouped receivers and silenced alerts remembered at most. */
  private static final int MAX_TRACKED = 10_000;

  record Target(Receiver receiver, Delivery delivery, @Nullable WindowLimiter rateLimiter) {}

  private final List<Route> routes;
  private final Route defaultRoute;
  private final Map<String, Target> targets;
  private final Silences silences;
  private final WindowLimiter ruleLimiter;
  private final @Nullable Digest digest;
  private final NotifyMeters meters;
  private final String externalUrl;
  private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
  private final Map<String, Map<String, Instant>> forwarded = new HashMap<>();
  private final Set<String> silenced = new HashSet<>();

  Dispatcher(
      List<Route> routes,
      Route defaultRoute,
      Map<String, Target> targets,
      Silences silences,
      WindowLimiter ruleLimiter,
      @Nullable Digest digest,
      NotifyMeters meters,
      String externalUrl) {
    this.routes = routes;
    this.defaultRoute = defaultRoute;
    this.targets = targets;
    this.silences = silences;
    this.ruleLimiter = ruleLimiter;
    this.digest = digest;
    this.meters = meters;
    this.externalUrl = externalUrl;
  }

  /** The routes an alert takes: matching routes in order until one without continue. */
  List<Route> routesFor(Map<String, String> labels) {
    List<Route> out = new ArrayList<>();
    for (Route r : routes) {
      if (r.matches(labels)) {
        out.add(r);
        if (!r.continueMatching()) {
          return out;
        }
      }
    }
    if (out.isEmpty()) {
      out.add(defaultRoute);
    }
    return out;
  }

  void onAlerts(Instant now, List<Alert> alerts) {
    Map<String, List<Alert>> direct = new LinkedHashMap<>();
    for (Alert alert : alerts) {
      if (alert.state() == AlertState.PENDING) {
        continue;
      }
      if (digest != null) {
        digest.record(alert);
      }
      // Computed once: it hashes every label, and routing, silences and groups all need it.
      String fp = alert.fingerprint();
      List<Route> matched = routesFor(alert.labels());
      boolean muted = countSilenced(alert, fp, matched);
      for (Route route : matched) {
        boolean grouped = false;
        for (String name : route.receivers()) {
          Target t = targets.get(name);
          if (t.receiver().notifier().grouped()) {
            grouped = true;
          } else if (!muted && forward(name, alert, fp, now)) {
            direct.computeIfAbsent(name, k -> new ArrayList<>()).add(alert);
          }
        }
        if (grouped) {
          group(route, alert, now).update(alert, fp);
        }
      }
    }
    direct.forEach(
        (name, list) ->
            targets
                .get(name)
                .delivery()
                .offer(
                    new Notification(
                        Notification.Kind.ALERTS,
                        name,
                        "direct",
                        Map.of(),
                        list,
                        now,
                        externalUrl)));
  }

  /** Counts an alert the first time it is seen silenced; tells whether it is silenced now. */
  private boolean countSilenced(Alert alert, String fp, List<Route> matched) {
    boolean muted =
        alert.state() == AlertState.FIRING && silences.silencing(alert.labels()).isPresent();
    if (!muted) {
      silenced.remove(fp);
      return false;
    }
    if (silenced.size() < MAX_TRACKED && silenced.add(fp)) {
      Set<String> receivers = new LinkedHashSet<>();
      matched.forEach(r -> receivers.addAll(r.receivers()));
      receivers.forEach(name -> meters.count(name, Result.SILENCED));
    }
    return true;
  }

  /** Prometheus's resend rule for a receiver that groups alerts itself. */
  private boolean forward(String receiver, Alert alert, String fp, Instant now) {
    Map<String, Instant> known = forwarded.computeIfAbsent(receiver, k -> new HashMap<>());
    if (alert.state() == AlertState.RESOLVED) {
      return known.remove(fp) != null;
    }
    Instant last = known.get(fp);
    if (last != null && last.plus(ALERTMANAGER_RESEND).isAfter(now)) {
      return false;
    }
    if (last == null && known.size() >= MAX_TRACKED) {
      return false;
    }
    known.put(fp, now);
    return true;
  }

  private AggregationGroup group(Route route, Alert alert, Instant now) {
    Map<String, String> labels = route.groupLabels(alert.labels());
    String key = route.name() + ":" + labelKey(labels);
    return groups.computeIfAbsent(key, k -> new AggregationGroup(route, k, labels, now));
  }

  private static String labelKey(Map<String, String> labels) {
    StringBuilder out = new StringBuilder("{");
    labels.forEach(
        (k, v) -> {
          if (out.length() > 1) {
            out.append(", ");
          }
          out.append(k).append("=\"").append(v).append('"');
        });
    return out.append('}').toString();
  }

  /** Flushes every group whose time has come, and the digest when due. */
  void tick(Instant now) {
    for (Iterator<AggregationGroup> it = groups.values().iterator(); it.hasNext(); ) {
      AggregationGroup g = it.next();
      if (g.nextFlush.isAfter(now)) {
        continue;
      }
      flush(g, now);
      g.scheduleNext(now);
      if (g.alerts.isEmpty()) {
        it.remove();
      }
    }
    if (digest != null) {
      List<Alert> fired = digest.takeDue(now);
      if (fired != null && !fired.isEmpty()) {
        Target t = targets.get(digest.receiver());
        t.delivery()
            .offer(
                new Notification(
                    Notification.Kind.DIGEST,
                    digest.receiver(),
                    "digest",
                    Map.of(),
                    fired,
                    now,
                    externalUrl));
      }
    }
  }

  private void flush(AggregationGroup g, Instant now) {
    List<Alert> firing = new ArrayList<>();
    List<Alert> resolved = new ArrayList<>();
    Set<String> firingKeys = new HashSet<>();
    Set<String> resolvedKeys = new HashSet<>();
    for (Map.Entry<String, Alert> e : g.alerts.entrySet()) {
      Alert a = e.getValue();
      if (silences.silencing(a.labels()).isPresent()) {
        continue;
      }
      boolean isResolved = a.state() == AlertState.RESOLVED;
      (isResolved ? resolved : firing).add(a);
      (isResolved ? resolvedKeys : firingKeys).add(e.getKey());
    }
    for (String name : g.route.receivers()) {
      Target t = targets.get(name);
      Receiver r = t.receiver();
      if (!r.notifier().grouped()) {
        continue;
      }
      AggregationGroup.Sent last = g.sent.get(name);
      if (!g.needsUpdate(last, firingKeys, resolvedKeys, r.sendResolved(), now)) {
        continue;
      }
      g.sent.put(name, new AggregationGroup.Sent(firingKeys, resolvedKeys, now));
      List<Alert> send = new ArrayList<>(firing);
      if (r.sendResolved()) {
        send.addAll(resolved);
      }
      send = withinRuleLimit(name, send, now);
      if (send.isEmpty()) {
        continue;
      }
      WindowLimiter rate = t.rateLimiter();
      if (rate != null && !rate.tryAcquire(name, now)) {
        meters.count(name, Result.SUPPRESSED);
        log.warn(
            "obs alerts: receiver {} is over its rate limit {}, suppressed a notification of {}",
            name,
            r.rateLimit(),
            g.key);
        continue;
      }
      t.delivery()
          .offer(
              new Notification(
                  Notification.Kind.ALERTS, name, g.key, g.labels, send, now, externalUrl));
    }
    // Alertmanager forgets resolved alerts once a flush has seen them.
    g.alerts.values().removeIf(a -> a.state() == AlertState.RESOLVED);
  }

  /** Drops the alerts of rules that used up their notifications for this receiver. */
  private List<Alert> withinRuleLimit(String receiver, List<Alert> alerts, Instant now) {
    Set<String> rules = new LinkedHashSet<>();
    alerts.forEach(a -> rules.add(a.name()));
    Set<String> over = new HashSet<>();
    for (String rule : rules) {
      if (!ruleLimiter.tryAcquire(rule + '\u0000' + receiver, now)) {
        over.add(rule);
      }
    }
    if (over.isEmpty()) {
      return alerts;
    }
    meters.count(receiver, Result.SUPPRESSED);
    log.warn(
        "obs alerts: rules {} reached their notification limit, suppressed for receiver {}",
        over,
        receiver);
    return alerts.stream().filter(a -> !over.contains(a.name())).toList();
  }

  int groupCount() {
    return groups.size();
  }
}
