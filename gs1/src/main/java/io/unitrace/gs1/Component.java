package io.unitrace.gs1;

/**
 * One component of an AI's data field as the dictionary writes it, e.g. {@code N13,csum,gcppos1} or
 * {@code [X..17]}: character set, length bounds, whether it may be left out once the data is
 * exhausted, and the linters that check its content.
 */
final class Component {

  final CharacterSet charset;
  final int minLength;
  final int maxLength;
  final boolean optional;
  final Linter[] linters;
  final String spec;

  private Component(
      CharacterSet charset,
      int minLength,
      int maxLength,
      boolean optional,
      Linter[] linters,
      String spec) {
    this.charset = charset;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.optional = optional;
    this.linters = linters;
    this.spec = spec;
  }

  boolean fixedLength() {
    return minLength == maxLength;
  }

  /** Parses {@code N6}, {@code X..20}, {@code N1..5}, {@code [N3],iso3166}, {@code [X..17]}. */
  static Component parse(String token) {
    boolean optional = token.startsWith("[");
    String type;
    String linterList;
    if (optional) {
      int close = token.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in component " + token);
      }
      String inside = token.substring(1, close);
      int comma = inside.indexOf(',');
      type = comma < 0 ? inside : inside.substring(0, comma);
      linterList = (comma < 0 ? "" : inside.substring(comma)) + token.substring(close + 1);
    } else {
      int comma = token.indexOf(',');
      type = comma < 0 ? token : token.substring(0, comma);
      linterList = comma < 0 ? "" : token.substring(comma);
    }
    CharacterSet charset = CharacterSet.forLetter(type.charAt(0));
    String length = type.substring(1);
    int min;
    int max;
    int dots = length.indexOf("..");
    if (dots >= 0) {
      min = dots == 0 ? 1 : Integer.parseInt(length.substring(0, dots));
      max = Integer.parseInt(length.substring(dots + 2));
    } else {
      min = Integer.parseInt(length);
      max = min;
    }
    String[] names = linterList.isEmpty() ? new String[0] : linterList.substring(1).split(",");
    Linter[] linters = new Linter[names.length];
    for (int i = 0; i < names.length; i++) {
      linters[i] = Linters.named(names[i]);
    }
    return new Component(charset, min, max, optional, linters, token);
  }

  String lengthDescription() {
    return fixedLength() ? String.valueOf(maxLength) : minLength + " to " + maxLength;
  }
}
