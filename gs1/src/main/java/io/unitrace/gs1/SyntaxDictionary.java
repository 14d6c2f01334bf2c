package io.unitrace.gs1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GS1 Barcode Syntax Dictionary ({@code gs1-syntax-dictionary.txt} on the classpath next to
 * this class), parsed once on first use into immutable tables.
 *
 * <p>Design note: AIs are two to four digits and, by GS1 rule, no AI is a prefix of another, so a
 * raw element string can be split without separators. Lookup is therefore three arrays indexed by
 * the numeric value of the first two, three and four digits (100, 1,000 and 10,000 slots): at most
 * three array reads and no allocation per element. The loader checks the prefix rule, so a newer
 * dictionary that broke it would fail loudly instead of mis-parsing. Updating to a newer release is
 * replacing the text file; nothing about individual AIs lives in Java code.
 */
final class SyntaxDictionary {

  static final String RESOURCE = "gs1-syntax-dictionary.txt";

  private final AiDefinition[] twoDigit = new AiDefinition[100];
  private final AiDefinition[] threeDigit = new AiDefinition[1_000];
  private final AiDefinition[] fourDigit = new AiDefinition[10_000];
  private final Map<String, AiDefinition> byAi;

  private SyntaxDictionary(List<AiDefinition> definitions) {
    Map<String, AiDefinition> map = new LinkedHashMap<>();
    for (AiDefinition d : definitions) {
      if (map.put(d.ai, d) != null) {
        throw new IllegalStateException(
            "AI " + d.ai + " is defined twice in the syntax dictionary");
      }
      table(d.ai.length())[d.number()] = d;
    }
    for (AiDefinition d : definitions) {
      for (int len = 2; len < d.ai.length(); len++) {
        AiDefinition shorter = table(len)[Integer.parseInt(d.ai.substring(0, len))];
        if (shorter != null) {
          throw new IllegalStateException(
              "AI "
                  + shorter.ai
                  + " is a prefix of AI "
                  + d.ai
                  + "; raw element strings could not be split");
        }
      }
    }
    this.byAi = Collections.unmodifiableMap(map);
  }

  private static final class Holder {
    static final SyntaxDictionary INSTANCE = parse(CodeList.readResource(RESOURCE));
  }

  static SyntaxDictionary get() {
    return Holder.INSTANCE;
  }

  private AiDefinition[] table(int length) {
    return switch (length) {
      case 2 -> twoDigit;
      case 3 -> threeDigit;
      case 4 -> fourDigit;
      default -> throw new IllegalStateException("AIs have 2 to 4 digits, not " + length);
    };
  }

  /** The AI that starts at {@code s[at]}, or {@code null} if none does. */
  AiDefinition find(String s, int at) {
    int n = s.length();
    int value = 0;
    for (int len = 1; len <= 4; len++) {
      int i = at + len - 1;
      if (i >= n) {
        return null;
      }
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      value = value * 10 + (c - '0');
      AiDefinition d =
          switch (len) {
            case 2 -> twoDigit[value];
            case 3 -> threeDigit[value];
            case 4 -> fourDigit[value];
            default -> null;
          };
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  /** The AI written exactly as {@code s[from, to)}, or {@code null}. */
  AiDefinition exact(String s, int from, int to) {
    AiDefinition d = find(s, from);
    return d != null && d.ai.length() == to - from ? d : null;
  }

  AiDefinition exact(String ai) {
    return ai == null ? null : exact(ai, 0, ai.length());
  }

  Map<String, AiDefinition> definitions() {
    return byAi;
  }

  // ---- loading ----------------------------------------------------------------------------

  static SyntaxDictionary parse(String text) {
    List<AiDefinition> definitions = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        definitions.addAll(parseEntry(line));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "syntax dictionary line " + (i + 1) + ": " + e.getMessage() + " in: " + line, e);
      }
    }
    if (definitions.isEmpty()) {
      throw new IllegalStateException("the syntax dictionary defines no AIs");
    }
    return new SyntaxDictionary(definitions);
  }

  private static List<AiDefinition> parseEntry(String line) {
    int hash = line.indexOf('#');
    String title = hash >= 0 ? line.substring(hash + 1).strip() : "";
    String[] tokens = (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+");
    int t = 0;
    String range = tokens[t++];
    String flags = "";
    if (t < tokens.length && !isComponent(tokens[t])) {
      flags = tokens[t++];
    }
    List<Component> components = new ArrayList<>();
    while (t < tokens.length && isComponent(tokens[t])) {
      components.add(Component.parse(tokens[t++]));
    }
    if (components.isEmpty()) {
      throw new IllegalArgumentException("no data components");
    }
    checkComponentOrder(components);
    List<AiPattern[][]> requirements = new ArrayList<>();
    List<AiPattern> exclusions = new ArrayList<>();
    boolean primaryKey = false;
    String[][] qualifiers = new String[0][];
    for (; t < tokens.length; t++) {
      String attribute = tokens[t];
      int eq = attribute.indexOf('=');
      String key = eq < 0 ? attribute : attribute.substring(0, eq);
      String value = eq < 0 ? "" : attribute.substring(eq + 1);
      switch (key) {
        case "req" -> requirements.add(requirementGroups(value));
        case "ex" -> {
          for (String p : value.split(",")) {
            exclusions.add(new AiPattern(p));
          }
        }
        case "dlpkey" -> {
          primaryKey = true;
          if (!value.isEmpty()) {
            String[] alternatives = value.split("\\|");
            qualifiers = new String[alternatives.length][];
            for (int a = 0; a < alternatives.length; a++) {
              qualifiers[a] = alternatives[a].split(",");
            }
          }
        }
        default -> {
          // Attributes this library has no use for yet are ignored, so newer dictionaries load.
        }
      }
    }
    Component[] componentArray = components.toArray(new Component[0]);
    AiPattern[] exclusionArray = exclusions.toArray(new AiPattern[0]);
    List<AiPattern[][]> requirementList = List.copyOf(requirements);
    List<AiDefinition> result = new ArrayList<>();
    for (String ai : expandRange(range)) {
      result.add(
          new AiDefinition(
              ai,
              title,
              flags.indexOf('*') >= 0,
              flags.indexOf('?') >= 0,
              componentArray,
              requirementList,
              exclusionArray,
              primaryKey,
              qualifiers));
    }
    return result;
  }

  private static boolean isComponent(String token) {
    String s = token.startsWith("[") ? token.substring(1) : token;
    return !s.isEmpty()
        && "NXYZ".indexOf(s.charAt(0)) >= 0
        && (s.length() > 1 && (Character.isDigit(s.charAt(1)) || s.charAt(1) == '.'));
  }

  private static void checkComponentOrder(List<Component> components) {
    boolean sawOptional = false;
    for (int i = 0; i < components.size(); i++) {
      Component c = components.get(i);
      if (sawOptional && !c.optional) {
        throw new IllegalArgumentException("mandatory component after an optional one");
      }
      sawOptional |= c.optional;
      if (!c.fixedLength() && i < components.size() - 1) {
        throw new IllegalArgumentException("only the last component may have variable length");
      }
    }
  }

  private static AiPattern[][] requirementGroups(String value) {
    String[] groups = value.split(",");
    AiPattern[][] result = new AiPattern[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      String[] members = groups[g].split("\\+");
      result[g] = new AiPattern[members.length];
      for (int m = 0; m < members.length; m++) {
        result[g][m] = new AiPattern(members[m]);
      }
    }
    return result;
  }

  private static List<String> expandRange(String range) {
    int dash = range.indexOf('-');
    if (dash < 0) {
      requireAi(range);
      return List.of(range);
    }
    String first = range.substring(0, dash);
    String last = range.substring(dash + 1);
    requireAi(first);
    requireAi(last);
    if (first.length() != last.length()) {
      throw new IllegalArgumentException("AI range ends differ in length");
    }
    List<String> ais = new ArrayList<>();
    for (int v = Integer.parseInt(first); v <= Integer.parseInt(last); v++) {
      ais.add(String.format("%0" + first.length() + "d", v));
    }
    return ais;
  }

  private static void requireAi(String ai) {
    if (ai.length() < 2 || ai.length() > 4 || !Linters.allDigits(ai, 0, ai.length())) {
      throw new IllegalArgumentException("'" + ai + "' is not an AI");
    }
  }
}
