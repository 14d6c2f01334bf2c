package io.unitrace.shared;

import java.util.List;
import java.util.function.Function;

/**
 * Rows turned into one array per column, for PostgreSQL's set-based writes: {@code INSERT ...
 * SELECT ... FROM unnest(?::bigint[], ?::text[], ...)} and {@code UPDATE ... FROM unnest(...)} bind
 * a column's values as one parameter, so thousands of rows are one short statement that is parsed
 * once, instead of a statement per row or a statement with tens of thousands of parameters. The
 * JDBC driver sends boxed arrays as PostgreSQL arrays, nulls included.
 */
public final class Columns {

  private Columns() {}

  public static <T> Long[] longs(List<T> rows, Function<T, Long> value) {
    Long[] out = new Long[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = value.apply(rows.get(i));
    }
    return out;
  }

  public static <T> Integer[] ints(List<T> rows, Function<T, Integer> value) {
    Integer[] out = new Integer[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = value.apply(rows.get(i));
    }
    return out;
  }

  public static <T> String[] texts(List<T> rows, Function<T, String> value) {
    String[] out = new String[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = value.apply(rows.get(i));
    }
    return out;
  }
}
