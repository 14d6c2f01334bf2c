package io.unitrace.tenancy;

import io.unitrace.shared.Problem;

/**
 * Names people type (a client's name, a user's display name, a token's name): at most the column's
 * length in characters, and no control characters (NUL is refused by PostgreSQL, a line break
 * forges log lines and breaks CSV exports).
 */
final class PlainText {

  private PlainText() {}

  /**
   * {@code value} stripped, or a 400 naming {@code field} when it is blank, too long or
   * unprintable.
   */
  static String require(String field, String value, int maxChars, String what) {
    if (value == null || value.isBlank()) {
      throw Problem.badRequest("invalid-field", field, what + " needs a " + field);
    }
    String v = value.strip();
    if (v.codePoints().anyMatch(Character::isISOControl)) {
      throw Problem.badRequest(
          "invalid-field", field, "a " + field + " may not contain control characters");
    }
    int chars = v.codePointCount(0, v.length());
    if (chars > maxChars) {
      throw Problem.badRequest(
              "invalid-field",
              field,
              "a " + field + " is at most " + maxChars + " characters, not " + chars)
          .with("max", maxChars);
    }
    return v;
  }
}
