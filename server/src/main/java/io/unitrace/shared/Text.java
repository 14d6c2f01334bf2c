package io.unitrace.shared;

import java.util.List;
import java.util.Map;

/**
 * The rules for text a request carries, checked at the API edge so that both databases see the same
 * thing: PostgreSQL refuses NUL and enforces VARCHAR(n), SQLite stores whatever it is given. A
 * refusal names the field and, for length, the limit (the column's, in characters).
 *
 * <p>Names, codes and keys ({@link #line}) hold no control characters at all. Free text such as a
 * reason or an address ({@link #free}) may hold tab, line feed and carriage return, nothing else
 * below U+0020. Null passes: whether a field is required is the caller's rule.
 */
public final class Text {

  private Text() {}

  /** A name, code or key: at most {@code max} characters, no control characters. */
  public static String line(String field, String value, int max) {
    return checked(field, value, max, false);
  }

  /** Free text: at most {@code max} characters; tab, line feed and carriage return allowed. */
  public static String free(String field, String value, int max) {
    return checked(field, value, max, true);
  }

  /**
   * Text kept as it was read, e.g. a raw scan with its GS separators (U+001D): at most {@code max}
   * characters and no NUL, any other character allowed.
   */
  public static String raw(String field, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      throw tooLong(field, value.length(), max);
    }
    int nul = value.indexOf('\0');
    if (nul >= 0) {
      throw controlCharacter(field, '\0', nul);
    }
    return value;
  }

  private static String checked(String field, String value, int max, boolean freeText) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      throw tooLong(field, value.length(), max);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && !(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
        throw controlCharacter(field, c, i);
      }
    }
    return value;
  }

  public static Problem tooLong(String field, int length, int max) {
    return Problem.badRequest(
            "too-long", field, "'" + field + "' has at most " + max + " characters, got " + length)
        .with("limit", max);
  }

  public static Problem controlCharacter(String field, char c, int index) {
    return Problem.badRequest(
        "control-character",
        field,
        "'"
            + field
            + "' must not contain control characters; found U+"
            + String.format("%04X", (int) c)
            + " at position "
            + (index + 1));
  }

  /** The list unchanged if none of its elements is null, else a refusal naming the first one. */
  public static <T> List<T> noNulls(String field, List<T> list) {
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          throw missing(field + "[" + i + "]");
        }
      }
    }
    return list;
  }

  /** The map unchanged if none of its values is null, else a refusal naming that entry. */
  public static <V> Map<String, V> noNullValues(String field, Map<String, V> map) {
    if (map != null) {
      for (var e : map.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw missing(field + "." + e.getKey());
        }
      }
    }
    return map;
  }

  private static Problem missing(String field) {
    return Problem.badRequest("missing-value", field, "'" + field + "' must not be null");
  }
}
