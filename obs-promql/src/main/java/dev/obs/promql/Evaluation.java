package dev.obs.promql;

import dev.obs.promql.Ast.Aggregation;
import dev.obs.promql.Ast.Binary;
import dev.obs.promql.Ast.BinaryOp;
import dev.obs.promql.Ast.Call;
import dev.obs.promql.Ast.Function;
import dev.obs.promql.Ast.Matching;
import dev.obs.promql.Ast.MatrixSelector;
import dev.obs.promql.Ast.NumberLiteral;
import dev.obs.promql.Ast.Type;
import dev.obs.promql.Ast.Unary;
import dev.obs.promql.Ast.VectorSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One evaluation of an expression tree at one instant, following Prometheus 2.42's engine. */
final class Evaluation {
  private static final String DUPLICATE_LABELSET =
      "vector cannot contain metrics with the same labelset";

  private final long time;
  private final SeriesStore store;
  private final @Nullable EvaluationCache cache;

  Evaluation(long time, SeriesStore store, @Nullable EvaluationCache cache) {
    this.time = time;
    this.store = store;
    this.cache = cache;
  }

  Value value(Expr e) {
    return Ast.typeOf(e) == Type.SCALAR
        ? new Value.Scalar(scalar(e))
        : new Value.InstantVector(vector(e));
  }

  private double scalar(Expr e) {
    if (e instanceof NumberLiteral n) {
      return n.value();
    }
    if (e instanceof Unary u) {
      return -scalar(u.operand());
    }
    if (e instanceof Binary b) {
      double l = scalar(b.lhs());
      double r = scalar(b.rhs());
      return b.op().comparison() ? (compare(b.op(), l, r) ? 1 : 0) : arithmetic(b.op(), l, r);
    }
    if (e instanceof Call c) {
      if (c.function() == Function.TIME) {
        return time / 1000.0;
      }
      if (c.function() == Function.SCALAR) {
        List<Sample> v = vector(c.args().get(0));
        return v.size() == 1 ? v.get(0).value() : Double.NaN;
      }
    }
    throw new IllegalStateException("not a scalar expression: " + e);
  }

  private List<Sample> vector(Expr e) {
    if (cache == null) {
      return compute(e);
    }
    List<Sample> cached = cache.get(e);
    if (cached == null) {
      // Shared between rules, so it must not change: every caller only reads its input vectors.
      cached = List.copyOf(compute(e));
      cache.put(e, cached);
    }
    return cached;
  }

  private List<Sample> compute(Expr e) {
    if (e instanceof VectorSelector s) {
      return instantSelector(s);
    }
    if (e instanceof Call c) {
      return call(c);
    }
    if (e instanceof Aggregation a) {
      return aggregate(a);
    }
    if (e instanceof Binary b) {
      return binary(b);
    }
    if (e instanceof Unary u) {
      List<Sample> in = vector(u.operand());
      List<Sample> out = new ArrayList<>(in.size());
      for (Sample s : in) {
        out.add(new Sample(s.labels().withoutName(), -s.value()));
      }
      return unique(out, in);
    }
    throw new IllegalStateException("not an instant vector expression: " + e);
  }

  private List<Sample> instantSelector(VectorSelector s) {
    long ref = time - s.offsetMillis();
    List<Sample> out = new ArrayList<>();
    visit(
        s.matchers(),
        ref - Ast.LOOKBACK_MILLIS,
        ref,
        (labels, ts, vs, from, to) -> {
          if (!Series.isStale(vs[to - 1])) {
            out.add(new Sample(labels, vs[to - 1]));
          }
        });
    return out;
  }

  private void visit(
      List<LabelMatcher> matchers, long min, long max, InMemorySeriesStore.SeriesVisitor visitor) {
    if (store instanceof InMemorySeriesStore memory) {
      memory.forEach(matchers, min, max, visitor);
      return;
    }
    List<Series> selected = new ArrayList<>(store.select(matchers, min, max));
    selected.sort((a, b) -> a.labels().compareTo(b.labels()));
    for (Series series : selected) {
      long[] ts = series.timestamps();
      // Stores may return more than asked; keep to the interval like Prometheus does.
      int from = 0;
      while (from < ts.length && ts[from] < min) {
        from++;
      }
      int to = from;
      while (to < ts.length && ts[to] <= max) {
        to++;
      }
      if (to > from) {
        visitor.visit(series.labels(), ts, series.values(), from, to);
      }
    }
  }

  private List<Sample> call(Call c) {
    Function f = c.function();
    switch (f) {
      case VECTOR:
        return List.of(new Sample(Labels.empty(), scalar(c.args().get(0))));
      case ABS:
      case CLAMP_MIN:
      case CLAMP_MAX:
        return elementwise(f, c.args());
      case HISTOGRAM_QUANTILE:
        return Histograms.quantile(scalar(c.args().get(0)), vector(c.args().get(1)));
      default:
        return rangeFunction(c);
    }
  }

  private List<Sample> elementwise(Function f, List<Expr> args) {
    List<Sample> in = vector(args.get(0));
    double bound = f == Function.ABS ? 0 : scalar(args.get(1));
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      double v =
          switch (f) {
            case ABS -> Math.abs(s.value());
            case CLAMP_MIN -> Math.max(bound, s.value());
            default -> Math.min(bound, s.value());
          };
      out.add(new Sample(s.labels().withoutName(), v));
    }
    return unique(out, in);
  }

  private List<Sample> rangeFunction(Call c) {
    Function f = c.function();
    double param = Double.NaN;
    MatrixSelector m;
    if (f == Function.QUANTILE_OVER_TIME) {
      param = scalar(c.args().get(0));
      m = (MatrixSelector) c.args().get(1);
    } else {
      m = (MatrixSelector) c.args().get(0);
    }
    long end = time - m.selector().offsetMillis();
    long start = end - m.rangeMillis();
    boolean keepName = f == Function.LAST_OVER_TIME;
    double q = param;
    List<Sample> out = new ArrayList<>();
    visit(
        m.selector().matchers(),
        start,
        end,
        (labels, ts, vs, from, to) -> {
          int stale = 0;
          for (int i = from; i < to; i++) {
            if (Series.isStale(vs[i])) {
              stale++;
            }
          }
          if (stale > 0) {
            // Range selectors skip staleness markers; copy the rest (rare: series that ended).
            long[] t = new long[to - from - stale];
            double[] v = new double[t.length];
            for (int i = from, j = 0; i < to; i++) {
              if (!Series.isStale(vs[i])) {
                t[j] = ts[i];
                v[j++] = vs[i];
              }
            }
            ts = t;
            vs = v;
            from = 0;
            to = t.length;
          }
          if (RangeFunctions.defined(f, ts, from, to)) {
            double v = RangeFunctions.apply(f, q, ts, vs, from, to, start, end, m.rangeMillis());
            out.add(new Sample(keepName ? labels : labels.withoutName(), v));
          }
        });
    return keepName || oneName(m.selector().matchers()) ? out : unique(out, null);
  }

  private List<Sample> aggregate(Aggregation a) {
    List<Sample> in = vector(a.arg());
    Map<Labels, double[]> groups = new LinkedHashMap<>();
    for (Sample s : in) {
      Labels key;
      if (a.without()) {
        key = s.labels().derived(a.grouping(), false);
      } else if (!a.grouping().isEmpty()) {
        key = s.labels().derived(a.grouping(), true);
      } else {
        key = Labels.empty();
      }
      double v = s.value();
      // Per group: [value, mean, count], updated in Prometheus's order of operations.
      double[] g = groups.get(key);
      if (g == null) {
        groups.put(key, new double[] {v, v, 1});
        continue;
      }
      switch (a.op()) {
        case SUM -> g[0] += v;
        case AVG -> {
          g[2]++;
          if (Double.isInfinite(g[1])) {
            if (Double.isInfinite(v) && (g[1] > 0) == (v > 0)) {
              break;
            }
            if (!Double.isInfinite(v) && !Double.isNaN(v)) {
              break;
            }
          }
          g[1] += v / g[2] - g[1] / g[2];
        }
        case MAX -> {
          if (g[0] < v || Double.isNaN(g[0])) {
            g[0] = v;
          }
        }
        case MIN -> {
          if (g[0] > v || Double.isNaN(g[0])) {
            g[0] = v;
          }
        }
        case COUNT -> g[2]++;
      }
    }
    List<Sample> out = new ArrayList<>(groups.size());
    for (Map.Entry<Labels, double[]> e : groups.entrySet()) {
      double[] g = e.getValue();
      double v =
          switch (a.op()) {
            case AVG -> g[1];
            case COUNT -> g[2];
            default -> g[0];
          };
      out.add(new Sample(e.getKey(), v));
    }
    return out;
  }

  private List<Sample> binary(Binary b) {
    Type lt = Ast.typeOf(b.lhs());
    Type rt = Ast.typeOf(b.rhs());
    if (lt == Type.VECTOR && rt == Type.VECTOR) {
      List<Sample> lhs = vector(b.lhs());
      List<Sample> rhs = vector(b.rhs());
      return switch (b.op()) {
        case AND -> and(lhs, rhs, b.matching(), true);
        case UNLESS -> and(lhs, rhs, b.matching(), false);
        case OR -> or(lhs, rhs, b.matching());
        default -> vectorBinary(b, lhs, rhs);
      };
    }
    boolean swap = lt == Type.SCALAR;
    double scalar = scalar(swap ? b.lhs() : b.rhs());
    List<Sample> in = vector(swap ? b.rhs() : b.lhs());
    BinaryOp op = b.op();
    boolean dropName = !op.comparison() || b.returnBool();
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      double l = swap ? scalar : s.value();
      double r = swap ? s.value() : scalar;
      double value;
      boolean keep = true;
      if (op.comparison()) {
        keep = compare(op, l, r);
        // The vector's value is kept, whichever side it is on.
        value = s.value();
        if (b.returnBool()) {
          value = keep ? 1 : 0;
          keep = true;
        }
      } else {
        value = arithmetic(op, l, r);
      }
      if (keep) {
        out.add(new Sample(dropName ? s.labels().withoutName() : s.labels(), value));
      }
    }
    return dropName ? unique(out, in) : out;
  }

  private List<Sample> vectorBinary(Binary b, List<Sample> lhs, List<Sample> rhs) {
    Matching matching = b.matching();
    BinaryOp op = b.op();
    Map<Labels, Sample> right = new HashMap<>(rhs.size() * 2);
    for (Sample r : rhs) {
      Labels sig = signature(r.labels(), matching);
      Sample dup = right.put(sig, r);
      if (dup != null) {
        throw new PromQLEvalException(
            "found duplicate series for the match group "
                + sig
                + " on the right hand-side of the operation: ["
                + r.labels()
                + ", "
                + dup.labels()
                + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    Set<Labels> matched = new HashSet<>();
    List<Sample> out = new ArrayList<>();
    for (Sample l : lhs) {
      Labels sig = signature(l.labels(), matching);
      Sample r = right.get(sig);
      if (r == null) {
        continue;
      }
      double value;
      boolean keep = true;
      if (op.comparison()) {
        keep = compare(op, l.value(), r.value());
        value = l.value();
      } else {
        value = arithmetic(op, l.value(), r.value());
      }
      if (b.returnBool()) {
        value = keep ? 1 : 0;
      } else if (!keep) {
        continue;
      }
      Labels labels = l.labels();
      if (!op.comparison() || b.returnBool()) {
        labels = labels.withoutName();
      }
      if (matching != null && matching.on()) {
        labels = sig;
      } else if (matching != null) {
        labels = labels.without(matching.labels().toArray(new String[0]));
      }
      if (!matched.add(sig)) {
        throw new PromQLEvalException(
            "multiple matches for labels: many-to-one matching must be explicit"
                + " (group_left/group_right)");
      }
      out.add(new Sample(labels, value));
    }
    return out;
  }

  private List<Sample> and(
      List<Sample> lhs, List<Sample> rhs, @Nullable Matching matching, boolean present) {
    Set<Labels> right = new HashSet<>(rhs.size() * 2);
    for (Sample r : rhs) {
      right.add(signature(r.labels(), matching));
    }
    List<Sample> out = new ArrayList<>();
    for (Sample l : lhs) {
      if (right.contains(signature(l.labels(), matching)) == present) {
        out.add(l);
      }
    }
    return out;
  }

  private List<Sample> or(List<Sample> lhs, List<Sample> rhs, @Nullable Matching matching) {
    Set<Labels> left = new HashSet<>(lhs.size() * 2);
    List<Sample> out = new ArrayList<>(lhs.size() + rhs.size());
    for (Sample l : lhs) {
      left.add(signature(l.labels(), matching));
      out.add(l);
    }
    for (Sample r : rhs) {
      if (!left.contains(signature(r.labels(), matching))) {
        out.add(r);
      }
    }
    return out;
  }

  /** The labels two samples must share to match: the {@code on} labels, or all but ignored. */
  private static Labels signature(Labels labels, @Nullable Matching matching) {
    if (matching == null) {
      return labels.withoutName();
    }
    return labels.derived(matching.labels(), matching.on());
  }

  private static boolean oneNameIn(List<Sample> samples) {
    String first = samples.get(0).labels().name();
    for (int i = 1; i < samples.size(); i++) {
      if (!Objects.equals(first, samples.get(i).labels().name())) {
        return false;
      }
    }
    return true;
  }

  private static boolean oneName(List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (m.op() == LabelMatcher.Op.EQUAL && m.name().equals(Labels.METRIC_NAME)) {
        return true;
      }
    }
    return false;
  }

  private static boolean compare(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case GTR -> l > r;
      case LSS -> l < r;
      case GTE -> l >= r;
      case LTE -> l <= r;
      default -> throw new IllegalArgumentException(op.text + " is not a comparison");
    };
  }

  private static double arithmetic(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> l % r;
      case POW -> Math.pow(l, r);
      default -> throw new IllegalArgumentException(op.text + " is not arithmetic");
    };
  }

  /**
   * Fails like Prometheus when dropping the metric name left two samples with one label set. That
   * cannot happen when the input samples (distinct label sets) all had the same name.
   */
  private static List<Sample> unique(List<Sample> samples, @Nullable List<Sample> input) {
    if (samples.size() < 2 || (input != null && oneNameIn(input))) {
      return samples;
    }
    Set<Labels> seen = new HashSet<>(samples.size() * 2);
    for (Sample s : samples) {
      if (!seen.add(s.labels())) {
        throw new PromQLEvalException(DUPLICATE_LABELSET);
      }
    }
    return samples;
  }
}
