package io.unitrace.gs1;

import java.util.Arrays;
import java.util.Collections;

/**
 * The elements read from one input so far, with where each came from in that input. Every value is
 * validated against its dictionary entry as it is added; {@link #toData} then applies the rules
 * that look across elements (repeats, {@code ex=}, {@code req=}) and freezes the result.
 *
 * <p>Errors must name a position in the original input, but values may have been unescaped on the
 * way in ({@code \(} in bracketed strings, {@code %2F} in Digital Links). The hot path keeps only
 * the start of each value and how it was escaped; offsets are mapped back to the input only when an
 * error is actually reported.
 */
final class ParsedElements {

  static final byte VERBATIM = 0;
  static final byte BRACKET_ESCAPES = 1;
  static final byte PERCENT_ESCAPES = 2;

  private final String input;
  private AiDefinition[] definitions = new AiDefinition[8];
  private String[] values = new String[8];
  private int[] aiPositions = new int[8];
  private int[] valuePositions = new int[8];
  private byte[] escapes = new byte[8];
  private int size;

  ParsedElements(String input) {
    this.input = input;
  }

  int size() {
    return size;
  }

  void add(AiDefinition definition, String value, int aiPosition, int valuePosition, byte escape) {
    Fault fault = definition.validate(value);
    if (fault != null) {
      throw new Gs1SyntaxException(
          fault.code(),
          definition.ai,
          fault.component(),
          inputPosition(input, valuePosition, fault.offset(), escape),
          fault.message());
    }
    if (size == definitions.length) {
      int capacity = size * 2;
      definitions = Arrays.copyOf(definitions, capacity);
      values = Arrays.copyOf(values, capacity);
      aiPositions = Arrays.copyOf(aiPositions, capacity);
      valuePositions = Arrays.copyOf(valuePositions, capacity);
      escapes = Arrays.copyOf(escapes, capacity);
    }
    definitions[size] = definition;
    values[size] = value;
    aiPositions[size] = aiPosition;
    valuePositions[size] = valuePosition;
    escapes[size] = escape;
    size++;
  }

  /** Whether an element of {@code definition} has been added. */
  boolean contains(AiDefinition definition) {
    for (int i = 0; i < size; i++) {
      if (definitions[i] == definition) {
        return true;
      }
    }
    return false;
  }

  Gs1Data toData(Gs1Data.Form form, Gs1Options options) {
    if (size == 0) {
      throw new Gs1SyntaxException(
          Gs1SyntaxException.EMPTY, null, 0, input.length(), "no GS1 elements found");
    }
    mergeRepeats();
    checkExclusions();
    checkRequirements();
    if (!options.allowDigitalSignatureWithUnserialisedKey()) {
      checkDigitalSignatureKeys();
    }
    Element[] elements = new Element[size];
    for (int i = 0; i < size; i++) {
      elements[i] = new Element(definitions[i].ai, values[i]);
    }
    // Wrapped rather than copied: the array never escapes this method.
    return new Gs1Data(form, Collections.unmodifiableList(Arrays.asList(elements)), null);
  }

  // The same AI may legitimately appear twice with the same value (e.g. printed in two symbols
  // of one label); keep it once. Different values for one AI contradict each other.
  private void mergeRepeats() {
    for (int j = 1; j < size; j++) {
      for (int i = 0; i < j; i++) {
        if (definitions[i] == definitions[j]) {
          if (!values[i].equals(values[j])) {
            throw new Gs1SyntaxException(
                Gs1SyntaxException.REPEATED_AI,
                definitions[j].ai,
                0,
                aiPositions[j],
                "appears twice with different values: " + values[i] + " and " + values[j]);
          }
          remove(j);
          j--;
          break;
        }
      }
    }
  }

  private void remove(int index) {
    int tail = size - index - 1;
    System.arraycopy(definitions, index + 1, definitions, index, tail);
    System.arraycopy(values, index + 1, values, index, tail);
    System.arraycopy(aiPositions, index + 1, aiPositions, index, tail);
    System.arraycopy(valuePositions, index + 1, valuePositions, index, tail);
    System.arraycopy(escapes, index + 1, escapes, index, tail);
    size--;
  }

  // "An AI is not exclusive of itself even if it matches a pattern": (3103) ex=310n only forbids
  // other AIs of the 310n family.
  private void checkExclusions() {
    for (int i = 0; i < size; i++) {
      AiPattern[] exclusions = definitions[i].exclusions;
      for (AiPattern pattern : exclusions) {
        for (int j = 0; j < size; j++) {
          if (j != i && definitions[j] != definitions[i] && pattern.matches(definitions[j].ai)) {
            int later = Math.max(i, j);
            int other = later == i ? j : i;
            throw new Gs1SyntaxException(
                Gs1SyntaxException.EXCLUDED_AI,
                definitions[later].ai,
                0,
                aiPositions[later],
                "must not appear together with (" + definitions[other].ai + ")");
          }
        }
      }
    }
  }

  private void checkRequirements() {
    for (int i = 0; i < size; i++) {
      for (AiPattern[][] requirement : definitions[i].requirements) {
        if (!anyGroupPresent(requirement)) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.MISSING_REQUIRED_AI,
              definitions[i].ai,
              0,
              aiPositions[i],
              "requires " + describe(requirement));
        }
      }
    }
  }

  // The AIs whose serial is an optional last component: GDTI, GCN, GRAI.
  private static final String[] KEYS_WITH_OPTIONAL_SERIAL = {"253", "255", "8003"};

  // GS1 General Specifications, AI (8030): a digital signature signs one serialised instance, so
  // a GDTI, GCN or GRAI next to it must carry its serial component. The syntax dictionary's req=
  // of (8030) names the keys but cannot say "with its optional component", hence this rule (the
  // GS1 Barcode Syntax Engine applies it as the locked "DigSig serialised key" validation).
  private void checkDigitalSignatureKeys() {
    if (!present(DIGITAL_SIGNATURE)) {
      return;
    }
    for (int i = 0; i < size; i++) {
      AiDefinition d = definitions[i];
      for (String key : KEYS_WITH_OPTIONAL_SERIAL) {
        if (d.ai.equals(key) && values[i].length() <= mandatoryLength(d)) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.DIGSIG_UNSERIALISED_KEY,
              d.ai,
              d.components.length,
              inputPosition(input, valuePositions[i], values[i].length(), escapes[i]),
              "needs its serial component next to a digital signature (8030): a DigSig signs one"
                  + " serialised instance");
        }
      }
    }
  }

  private static final AiPattern DIGITAL_SIGNATURE = new AiPattern("8030");

  private static int mandatoryLength(AiDefinition d) {
    int length = 0;
    for (Component c : d.components) {
      if (!c.optional) {
        length += c.maxLength;
      }
    }
    return length;
  }

  private boolean anyGroupPresent(AiPattern[][] groups) {
    for (AiPattern[] group : groups) {
      boolean all = true;
      for (AiPattern pattern : group) {
        if (!present(pattern)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private boolean present(AiPattern pattern) {
    for (int i = 0; i < size; i++) {
      if (pattern.matches(definitions[i].ai)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(AiPattern[][] groups) {
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g < groups.length; g++) {
      if (g > 0) {
        sb.append(g == groups.length - 1 ? " or " : ", ");
      }
      for (int m = 0; m < groups[g].length; m++) {
        sb.append(m > 0 ? " with " : "").append(groups[g][m]);
      }
    }
    return sb.toString();
  }

  /** Maps an offset inside a (possibly unescaped) value back to the input. */
  static int inputPosition(String input, int valueStart, int offset, byte escape) {
    if (escape == VERBATIM) {
      return valueStart + offset;
    }
    int at = valueStart;
    for (int decoded = 0; decoded < offset && at < input.length(); decoded++) {
      char c = input.charAt(at);
      if (escape == BRACKET_ESCAPES
          && c == '\\'
          && at + 1 < input.length()
          && (input.charAt(at + 1) == '(' || input.charAt(at + 1) == ')')) {
        at += 2;
      } else if (escape == PERCENT_ESCAPES && c == '%') {
        at += 3;
      } else {
        at++;
      }
    }
    return at;
  }
}
