package dev.obs.testkit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * The part shared by {@link TimerAssert}, {@link CounterAssert} and {@link GaugeAssert}: a meter
 * name, tags that narrow the selection, and the lookup of exactly one matching meter.
 *
 * <p>The lookup happens when a value assertion runs, so {@link #withTag(String, String)} calls may
 * come first in any number. When no meter matches, the failure lists the meters of that name that
 * exist; when several match, it lists them and names the tags that tell them apart.
 *
 * @param <SELF> the concrete assert type, returned for chaining
 * @param <M> the meter type
 */
public abstract class AbstractMeterAssert<
        SELF extends AbstractMeterAssert<SELF, M>, M extends Meter>
    extends AbstractAssert<SELF, MeterRegistry> {
  private final String name;
  private final MeterKind<M> kind;
  private Tags tags = Tags.empty();

  AbstractMeterAssert(MeterRegistry registry, String name, MeterKind<M> kind, Class<?> selfType) {
    super(registry, selfType);
    this.name = Objects.requireNonNull(name, "name");
    this.kind = kind;
  }

  /**
   * Narrows the selection to meters with this tag; a second call with the same key replaces the
   * value.
   *
   * @param key the tag key, such as {@code uri}
   * @param value the tag value, such as {@code /users/{id}}
   * @return this assert
   */
  public SELF withTag(String key, String value) {
    tags = tags.and(key, value);
    return myself;
  }

  /**
   * Verifies that at least one meter of this type matches the name and the tags so far.
   *
   * @return this assert
   * @throws AssertionError when none matches
   */
  public SELF exists() {
    isNotNull();
    if (matches().isEmpty()) {
      throw Failures.failed(info, "%s", noneMessage());
    }
    return myself;
  }

  /**
   * Returns the one meter matching the name and the tags so far, to read what the assertions do not
   * cover.
   *
   * @return the meter
   * @throws AssertionError when no meter or more than one matches
   */
  public final M meter() {
    isNotNull();
    List<M> found = matches();
    if (found.isEmpty()) {
      throw Failures.failed(info, "%s", noneMessage());
    }
    if (found.size() > 1) {
      throw Failures.failed(info, "%s", manyMessage(found));
    }
    return found.get(0);
  }

  /** Fails with the expected and actual values and the meter id, unless {@code holds}. */
  final void check(
      boolean holds, M meter, String expectation, String expected, String actualValue) {
    if (!holds) {
      throw failureWithActualExpected(
          actualValue,
          expected,
          "Expected %s %s to %s but was %s",
          kind.label(),
          MeterFormat.id(meter.getId()),
          expectation,
          actualValue);
    }
  }

  /** Fails with a message about the meter, for expectations that are not a plain comparison. */
  final org.opentest4j.AssertionFailedError failureAbout(M meter, String message) {
    return Failures.failed(
        info, "Expected %s %s %s", kind.label(), MeterFormat.id(meter.getId()), message);
  }

  /** The one matching meter, or null when none is registered yet; fails when several match. */
  final @org.jspecify.annotations.Nullable M meterOrNull() {
    isNotNull();
    List<M> found = matches();
    if (found.size() > 1) {
      throw Failures.failed(info, "%s", manyMessage(found));
    }
    return found.isEmpty() ? null : found.get(0);
  }

  final String selectionText() {
    return selection();
  }

  final String label() {
    return kind.label();
  }

  private List<M> matches() {
    return new ArrayList<>(kind.find(actual.find(name).tags(tags)));
  }

  private String selection() {
    String text = kind.label() + " named '" + name + "'";
    return tags.equals(Tags.empty()) ? text : text + " with tags " + MeterFormat.tags(tags);
  }

  private String noneMessage() {
    Collection<M> sameName = kind.find(actual.find(name));
    StringBuilder message =
        new StringBuilder("Expected a ")
            .append(selection())
            .append(" but found none. ")
            .append(kind.plural())
            .append(" named '")
            .append(name)
            .append("': ");
    if (sameName.isEmpty()) {
      message.append("none registered with that name");
      List<Meter> others = new ArrayList<>(actual.find(name).meters());
      if (!others.isEmpty()) {
        message
            .append("; other meters named '")
            .append(name)
            .append("': ")
            .append(MeterFormat.typedTagLists(others));
      } else {
        message.append(MeterNames.suggestions(actual, name));
      }
    } else {
      message.append(MeterFormat.tagLists(sameName));
    }
    return message.toString();
  }

  private String manyMessage(List<M> found) {
    return "Expected one "
        + selection()
        + " but found "
        + found.size()
        + ": "
        + MeterFormat.tagLists(found)
        + ". Add withTag(key, value) for a tag that tells them apart: "
        + String.join(", ", differingKeys(found));
  }

  /** The tag keys whose values are not the same on every meter, sorted. */
  private static Set<String> differingKeys(List<? extends Meter> meters) {
    Set<String> keys = new TreeSet<>();
    for (Meter m : meters) {
      for (Tag t : m.getId().getTags()) {
        keys.add(t.getKey());
      }
    }
    keys.removeIf(
        key -> {
          Set<String> values = new HashSet<>();
          for (Meter m : meters) {
            values.add(String.valueOf(m.getId().getTag(key)));
          }
          return values.size() == 1;
        });
    return keys;
  }
}
