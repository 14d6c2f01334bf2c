package io.unitrace.gs1;

import java.util.List;

/**
 * Everything the syntax dictionary says about one AI: its components, whether it has a predefined
 * length (no FNC1 needed after it), whether it may be a Digital Link query attribute, its {@code
 * req=} and {@code ex=} rules and, for Digital Link primary keys, the permitted key qualifier
 * sequences. Ranges such as {@code 3100-3105} become one definition per AI.
 */
final class AiDefinition {

  final String ai;
  final String title;

  /** Flag {@code *}: predefined length, no FNC1 separator needed after the value. */
  final boolean predefinedLength;

  /** Flag {@code ?}: permitted as a GS1 Digital Link data attribute (query parameter). */
  final boolean dlAttribute;

  final Component[] components;

  /** Total length when every component is fixed and mandatory, otherwise -1. */
  final int fixedLength;

  final int maxLength;

  /** Each {@code req=} attribute: one of its groups must be present in full. */
  final List<AiPattern[][]> requirements;

  final AiPattern[] exclusions;
  final boolean dlPrimaryKey;

  /** Alternative ordered qualifier sequences ({@code dlpkey=22,10,21|235}); empty if none. */
  final String[][] dlQualifierSequences;

  AiDefinition(
      String ai,
      String title,
      boolean predefinedLength,
      boolean dlAttribute,
      Component[] components,
      List<AiPattern[][]> requirements,
      AiPattern[] exclusions,
      boolean dlPrimaryKey,
      String[][] dlQualifierSequences) {
    this.ai = ai;
    this.title = title;
    this.predefinedLength = predefinedLength;
    this.dlAttribute = dlAttribute;
    this.components = components;
    this.requirements = requirements;
    this.exclusions = exclusions;
    this.dlPrimaryKey = dlPrimaryKey;
    this.dlQualifierSequences = dlQualifierSequences;
    int fixed = 0;
    int max = 0;
    for (Component c : components) {
      max += c.maxLength;
      fixed = (fixed < 0 || !c.fixedLength() || c.optional) ? -1 : fixed + c.maxLength;
    }
    this.fixedLength = fixed;
    this.maxLength = max;
  }

  /**
   * Applies the components left to right, each consuming its prescribed length (the variable one
   * takes the rest); optional components may be skipped once the data is exhausted.
   */
  Fault validate(String value) {
    int n = value.length();
    int pos = 0;
    for (int c = 0; c < components.length; c++) {
      Component component = components[c];
      if (pos == n && component.optional) {
        break;
      }
      int remaining = n - pos;
      int length = Math.min(remaining, component.maxLength);
      if (length < component.minLength) {
        return new Fault(Gs1SyntaxException.LENGTH, c + 1, n, shortMessage(c, n, remaining));
      }
      int bad = component.charset.firstInvalid(value, pos, pos + length);
      if (bad >= 0) {
        return new Fault(
            Gs1SyntaxException.CHARSET,
            c + 1,
            bad,
            describe(value.charAt(bad)) + " is not allowed in " + component.charset.description);
      }
      for (Linter linter : component.linters) {
        Fault fault = linter.lint(value, pos, pos + length);
        if (fault != null) {
          return fault.inComponent(c + 1);
        }
      }
      pos += length;
    }
    if (pos < n) {
      return new Fault(
          Gs1SyntaxException.LENGTH,
          components.length,
          pos,
          "value is too long: at most " + maxLength + " characters, got " + n);
    }
    return null;
  }

  private String shortMessage(int c, int n, int remaining) {
    if (components.length == 1) {
      Component only = components[0];
      return n == 0
          ? "value is empty, needs " + only.lengthDescription() + " characters"
          : "value needs " + only.lengthDescription() + " characters, got " + n;
    }
    return "component "
        + (c + 1)
        + " needs "
        + components[c].lengthDescription()
        + " characters, "
        + (remaining == 0 ? "none" : "only " + remaining)
        + " left";
  }

  static String describe(char c) {
    if (c < 0x20 || c == 0x7f) {
      return String.format("control character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  /** The numeric AI value, e.g. 3103 for "3103", used to index lookup tables. */
  int number() {
    return Integer.parseInt(ai);
  }
}
