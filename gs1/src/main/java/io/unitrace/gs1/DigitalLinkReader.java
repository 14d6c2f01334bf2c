package io.unitrace.gs1;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads GS1 Digital Link URIs: {@code
 * http(s)://any.host/optional/prefix/01/09506000134352/10/ABC123?17=201225}.
 *
 * <p>The primary key is found from the right: the path is read backwards in AI/value pairs until a
 * pair whose AI is a Digital Link primary key ({@code dlpkey}); whatever precedes it is the
 * resolver's own path prefix. Pairs after the key must be its qualifiers, in an order that is a
 * subsequence of one of the key's {@code dlpkey=} alternatives. Query parameters with numeric keys
 * are AIs and must carry the dictionary's {@code ?} flag; other parameters (e.g. {@code linkType})
 * are not GS1 data and are ignored, except convenience alphas ({@code gtin=}, {@code lot=}…), which
 * are refused so that no data is silently dropped. GTIN-8/12/13 in the path are padded to 14
 * digits.
 */
final class DigitalLinkReader {

  private DigitalLinkReader() {}

  private static final class ConvenienceAlphas {
    static final Map<String, String> BY_ALPHA = load();

    private static Map<String, String> load() {
      Map<String, String> map = new HashMap<>();
      for (String line : CodeList.readResource("codelists/dl-convenience-alphas.txt").split("\n")) {
        String content = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        String[] parts = content.trim().split("\\s+");
        if (parts.length == 2) {
          map.put(parts[0], parts[1]);
        }
      }
      return Map.copyOf(map);
    }
  }

  static boolean looksLikeUri(String s, int from) {
    return s.regionMatches(true, from, "https://", 0, 8)
        || s.regionMatches(true, from, "http://", 0, 7);
  }

  /**
   * Reads the URI starting at {@code input[from]}. With {@code plainFallback} (data behind {@code
   * ]d1}/{@code ]Q1}) a URI that has no Digital Link structure yields {@code null} so the caller
   * can treat it as plain text; without, it is an error.
   */
  static Gs1Data read(String input, int from, boolean plainFallback) {
    int n = input.length();
    int hostStart = input.indexOf("://", from) + 3;
    int pathStart = input.indexOf('/', hostStart);
    int queryStart = input.indexOf('?', hostStart);
    int fragment = input.indexOf('#', hostStart);
    int end = fragment < 0 ? n : fragment;
    if (queryStart > end) {
      queryStart = -1;
    }
    if (pathStart > end || (queryStart >= 0 && pathStart > queryStart)) {
      pathStart = -1;
    }
    int pathEnd = queryStart >= 0 ? queryStart : end;
    if (pathStart < 0) {
      return noPrimaryKey(input, plainFallback, queryStart >= 0 ? queryStart : end);
    }

    // Segment boundaries: segment k is input[starts[k], ends[k]).
    int count = 0;
    for (int i = pathStart; i < pathEnd; i++) {
      if (input.charAt(i) == '/') {
        count++;
      }
    }
    int[] starts = new int[count];
    int[] ends = new int[count];
    int k = 0;
    for (int i = pathStart; i < pathEnd; i++) {
      if (input.charAt(i) == '/') {
        starts[k] = i + 1;
        if (k > 0) {
          ends[k - 1] = i;
        }
        k++;
      }
    }
    ends[count - 1] = pathEnd;
    if (count > 1 && starts[count - 1] == pathEnd) {
      count--; // a trailing slash
    }

    SyntaxDictionary dictionary = SyntaxDictionary.get();
    int key = -1;
    for (int s = count - 2; s >= 0; s -= 2) {
      AiDefinition definition = dictionary.exact(input, starts[s], ends[s]);
      if (definition == null) {
        if (!plainFallback) {
          refuseConvenienceAlpha(input, starts[s], ends[s]);
        }
        break;
      }
      if (definition.dlPrimaryKey) {
        key = s;
        break;
      }
    }
    if (key < 0) {
      return noPrimaryKey(input, plainFallback, pathStart);
    }
    if (key >= 2) {
      AiDefinition before = dictionary.exact(input, starts[key - 2], ends[key - 2]);
      if (before != null && before.dlPrimaryKey) {
        throw new Gs1SyntaxException(
            Gs1SyntaxException.DL_PATH_STRUCTURE,
            before.ai,
            0,
            starts[key - 2],
            "a second primary key precedes ("
                + dictionary.exact(input, starts[key], ends[key]).ai
                + ") in the path; a Digital Link has one primary key");
      }
    }

    ParsedElements parsed = new ParsedElements(input);
    AiDefinition primary = dictionary.exact(input, starts[key], ends[key]);
    addPrimaryKey(parsed, input, primary, starts[key], starts[key + 1], ends[key + 1]);
    addQualifiers(parsed, input, primary, starts, ends, key + 2, count);
    if (queryStart >= 0) {
      addAttributes(parsed, input, queryStart + 1, end);
    }
    return parsed.toData(Gs1Data.Form.DIGITAL_LINK);
  }

  private static Gs1Data noPrimaryKey(String input, boolean plainFallback, int position) {
    if (plainFallback) {
      return null;
    }
    throw new Gs1SyntaxException(
        Gs1SyntaxException.DL_NO_PRIMARY_KEY,
        null,
        0,
        position,
        "the URI path holds no GS1 Digital Link primary key such as /01/{gtin} or /00/{sscc}");
  }

  private static void addPrimaryKey(
      ParsedElements parsed, String input, AiDefinition primary, int aiAt, int from, int to) {
    String value = decode(input, from, to);
    int length = value.length();
    if (primary.ai.equals("01")
        && (length == 8 || length == 12 || length == 13)
        && ElementStringReader.isDigits(value)) {
      int padding = 14 - length;
      parsed.add(
          primary, "0".repeat(padding) + value, aiAt, from - padding, ParsedElements.VERBATIM);
      return;
    }
    parsed.add(primary, value, aiAt, from, escapeOf(input, from, to));
  }

  private static void addQualifiers(
      ParsedElements parsed,
      String input,
      AiDefinition primary,
      int[] starts,
      int[] ends,
      int first,
      int count) {
    String[][] sequences = primary.dlQualifierSequences;
    int[] cursor = new int[sequences.length];
    boolean[] alive = new boolean[sequences.length];
    Arrays.fill(alive, true);
    Arrays.fill(cursor, -1);
    SyntaxDictionary dictionary = SyntaxDictionary.get();
    for (int s = first; s < count; s += 2) {
      AiDefinition qualifier = dictionary.exact(input, starts[s], ends[s]);
      boolean fits = false;
      boolean known = false;
      for (int a = 0; a < sequences.length; a++) {
        int index = indexOf(sequences[a], qualifier.ai);
        known |= index >= 0;
        if (alive[a] && index > cursor[a]) {
          cursor[a] = index;
          fits = true;
        } else {
          alive[a] = false;
        }
      }
      if (!fits) {
        if (!known) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.DL_QUALIFIER_NOT_ALLOWED,
              qualifier.ai,
              0,
              starts[s],
              "is not a key qualifier of (" + primary.ai + ")" + allowedQualifiers(primary));
        }
        throw new Gs1SyntaxException(
            Gs1SyntaxException.DL_QUALIFIER_ORDER,
            qualifier.ai,
            0,
            starts[s],
            "is out of order: qualifiers of ("
                + primary.ai
                + ") go in the order "
                + allowedQualifiers(primary).substring(2));
      }
      int from = starts[s + 1];
      int to = ends[s + 1];
      parsed.add(qualifier, decode(input, from, to), starts[s], from, escapeOf(input, from, to));
    }
  }

  private static String allowedQualifiers(AiDefinition primary) {
    if (primary.dlQualifierSequences.length == 0) {
      return ", which takes no qualifiers";
    }
    StringBuilder sb = new StringBuilder(", ");
    for (int a = 0; a < primary.dlQualifierSequences.length; a++) {
      sb.append(a > 0 ? " or " : "");
      for (int q = 0; q < primary.dlQualifierSequences[a].length; q++) {
        sb.append(q > 0 ? ", " : "")
            .append('(')
            .append(primary.dlQualifierSequences[a][q])
            .append(')');
      }
    }
    return sb.toString();
  }

  private static void addAttributes(ParsedElements parsed, String input, int from, int to) {
    SyntaxDictionary dictionary = SyntaxDictionary.get();
    int p = from;
    while (p < to) {
      int amp = input.indexOf('&', p);
      int paramEnd = amp < 0 || amp > to ? to : amp;
      int eq = input.indexOf('=', p);
      int keyEnd = eq < 0 || eq > paramEnd ? paramEnd : eq;
      if (keyEnd > p && Linters.allDigits(input, p, keyEnd)) {
        AiDefinition attribute = dictionary.exact(input, p, keyEnd);
        if (attribute == null) {
          String ai = input.substring(p, keyEnd);
          throw new Gs1SyntaxException(
              Gs1SyntaxException.UNKNOWN_AI,
              ai,
              0,
              p,
              "(" + ai + ") is not an AI in the GS1 syntax dictionary");
        }
        if (!attribute.dlAttribute) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.DL_NOT_ATTRIBUTE,
              attribute.ai,
              0,
              p,
              "may not be a Digital Link query attribute"
                  + (attribute.dlPrimaryKey || isQualifier(attribute)
                      ? "; as a key or key qualifier it belongs in the path"
                      : ""));
        }
        int valueStart = keyEnd < paramEnd ? keyEnd + 1 : paramEnd;
        parsed.add(
            attribute,
            decode(input, valueStart, paramEnd),
            p,
            valueStart,
            escapeOf(input, valueStart, paramEnd));
      } else if (keyEnd > p) {
        refuseConvenienceAlpha(input, p, keyEnd);
      }
      p = paramEnd + 1;
    }
  }

  private static boolean isQualifier(AiDefinition definition) {
    for (AiDefinition d : SyntaxDictionary.get().definitions().values()) {
      for (String[] sequence : d.dlQualifierSequences) {
        if (indexOf(sequence, definition.ai) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static void refuseConvenienceAlpha(String input, int from, int to) {
    String name = input.substring(from, to);
    String ai = ConvenienceAlphas.BY_ALPHA.get(name);
    if (ai != null) {
      throw new Gs1SyntaxException(
          Gs1SyntaxException.DL_CONVENIENCE_ALPHA,
          ai,
          0,
          from,
          "convenience alpha '"
              + name
              + "' is not accepted; write the numeric AI "
              + ai
              + " instead");
    }
  }

  private static int indexOf(String[] sequence, String ai) {
    for (int i = 0; i < sequence.length; i++) {
      if (sequence[i].equals(ai)) {
        return i;
      }
    }
    return -1;
  }

  private static byte escapeOf(String input, int from, int to) {
    int percent = input.indexOf('%', from);
    return percent >= 0 && percent < to ? ParsedElements.PERCENT_ESCAPES : ParsedElements.VERBATIM;
  }

  /**
   * Percent-decodes {@code input[from, to)}; GS1 data is ASCII, so each escape is one character.
   */
  static String decode(String input, int from, int to) {
    int percent = input.indexOf('%', from);
    if (percent < 0 || percent >= to) {
      return input.substring(from, to);
    }
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = input.charAt(i);
      if (c == '%') {
        int hi = i + 2 < to ? Character.digit(input.charAt(i + 1), 16) : -1;
        int lo = i + 2 < to ? Character.digit(input.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0 || hi >= 8) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.DL_PERCENT_ENCODING,
              null,
              0,
              i,
              hi >= 8
                  ? "percent-encoded non-ASCII byte; GS1 data is ASCII"
                  : "'%' must be followed by two hex digits");
        }
        sb.append((char) (hi * 16 + lo));
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
