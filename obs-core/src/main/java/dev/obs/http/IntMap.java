package dev.obs.http;

import java.util.Arrays;

/**
 * A copy-on-write map from int keys to values. Reads take no lock and allocate nothing; writes are
 * rare (a new tag combination) and copy the table.
 */
final class IntMap<V> {
  private static final class Table {
    final int[] keys;
    final Object[] values;
    final int size;

    Table(int capacity, int size) {
      this.keys = new int[capacity];
      this.values = new Object[capacity];
      this.size = size;
    }
  }

  private volatile Table table = new Table(8, 0);

  @SuppressWarnings("unchecked")
  V get(int key) {
    Table t = table;
    int mask = t.keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      Object v = t.values[i];
      if (v == null) {
        return null;
      }
      if (t.keys[i] == key) {
        return (V) v;
      }
    }
  }

  /** Returns the present value for the key, or stores and returns the given one. */
  synchronized V putIfAbsent(int key, V value) {
    V existing = get(key);
    if (existing != null) {
      return existing;
    }
    Table old = table;
    int capacity = old.keys.length;
    if ((old.size + 1) * 2 > capacity) {
      capacity *= 2;
    }
    Table t = new Table(capacity, old.size + 1);
    for (int i = 0; i < old.keys.length; i++) {
      if (old.values[i] != null) {
        insert(t, old.keys[i], old.values[i]);
      }
    }
    insert(t, key, value);
    table = t;
    return value;
  }

  private static void insert(Table t, int key, Object value) {
    int mask = t.keys.length - 1;
    int i = mix(key) & mask;
    while (t.values[i] != null) {
      i = (i + 1) & mask;
    }
    t.keys[i] = key;
    t.values[i] = value;
  }

  int size() {
    return table.size;
  }

  private static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  @Override
  public String toString() {
    Table t = table;
    return "IntMap" + Arrays.toString(Arrays.copyOf(t.keys, t.keys.length));
  }
}
