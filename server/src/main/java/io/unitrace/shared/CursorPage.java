package io.unitrace.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list ordered by an increasing key. {@code next} is the opaque cursor of the
 * following page, absent on the last one. Keyset pagination: a page costs the same at row 10 and at
 * row 10,000,000, and rows added meanwhile are neither skipped nor repeated.
 */
public record CursorPage<T>(List<T> items, String next) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** Builds a page from {@code limit + 1} fetched rows: the extra row only says there is more. */
  public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, Long> key) {
    if (fetched.size() <= limit) {
      return new CursorPage<>(fetched, null);
    }
    List<T> items = fetched.subList(0, limit);
    return new CursorPage<>(List.copyOf(items), encode(key.apply(items.get(limit - 1))));
  }

  public <R> CursorPage<R> map(Function<T, R> f) {
    return new CursorPage<>(items.stream().map(f).toList(), next);
  }

  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw Problem.badRequest(
          "invalid-parameter", "limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }

  public static String encode(long key) {
    return Long.toString(key, 36);
  }

  /** The key after which the page starts; 0 for the first page. */
  public static long decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(cursor, 36);
    } catch (NumberFormatException e) {
      throw Problem.badRequest(
          "invalid-cursor", "cursor", "the cursor is not one this server issued");
    }
  }
}
