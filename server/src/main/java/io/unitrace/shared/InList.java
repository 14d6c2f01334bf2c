package io.unitrace.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL {@code IN (?, ?, …)} lists, written the same on both engines: the placeholders, and the
 * parameters in order.
 */
public final class InList {

  private InList() {}

  /** {@code n} placeholders, comma-separated. */
  public static String marks(int n) {
    return "?, ".repeat(n - 1) + "?";
  }

  /** The parameters of a statement: {@code first}, then the list's values. */
  public static List<Object> concat(Object first, List<?> rest) {
    List<Object> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
