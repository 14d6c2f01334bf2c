package io.unitrace.recalls;

/** A cell of a CSV line: quoted when it holds a comma, a quote or a line break; empty for null. */
final class Csv {

  private Csv() {}

  static String cell(String v) {
    if (v == null) {
      return "";
    }
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
