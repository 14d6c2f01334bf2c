package io.unitrace.outbound;

import io.unitrace.shared.Problem;

/** The checks channel and customer codes and names share. */
final class MasterData {

  private MasterData() {}

  static String code(String text, String field, String what, int max) {
    String s = text == null ? null : text.strip();
    if (s == null || s.isEmpty() || s.length() > max || !s.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw Problem.badRequest(
          "invalid-field", field, what + " is 1-" + max + " letters, digits or . _ -");
    }
    return s;
  }

  static String name(String text, String what) {
    if (text == null || text.isBlank() || text.strip().length() > 200) {
      throw Problem.badRequest("invalid-field", "name", what + " has a name of 1-200 characters");
    }
    return text.strip();
  }
}
