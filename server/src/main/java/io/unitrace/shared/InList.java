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

  /**
   * {@code all} cut into lists of at most {@code size}: engines cap a statement's parameters
   * (SQLite at 32,766, PostgreSQL at 65,535), so a long id list is read a chunk per statement.
   */
  public static <T> List<List<T>> chunks(List<T> all, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += size) {
      chunks.add(all.subList(from, Math.min(all.size(), from + size)));
    }
    return chunks;
  }
}
