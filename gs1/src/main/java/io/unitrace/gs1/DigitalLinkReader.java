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
 * are refused so that no data is silently dropped.
 *
 * <p>Strict by default ({@link Gs1Options#STRICT}), as the GS1 Digital Link URI Syntax and RFC 3986
 * say: the scheme is {@code http}/{@code https} in all lower or all upper case, the host a name, an
 * IPv4 or a bracketed IPv6 address without zone, the path ends with a value (no trailing {@code
 * /}), a GTIN has 14 digits, each AI appears once in the URI and a key qualifier stands in the
 * path, never in the query. Each of these has a switch in {@link Gs1Options.Builder}.
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
   * ]d1}/{@code ]Q1}) a URI that carries no GS1 data yields {@code null} so the caller can treat it
   * as plain text; without, it is an error.
   */
  static Gs1Data read(String input, int from, boolean plainFallback, Gs1Options options) {
    int n = input.length();
    int hostStart = input.indexOf("://", from) + 3;
    int fragment = input.indexOf('#', hostStart);
    int end = fragment < 0 ? n : fragment;
    int queryStart = input.indexOf('?', hostStart);
    if (queryStart > end) {
      queryStart = -1;
    }
    int pathEnd = queryStart >= 0 ? queryStart : end;
    int pathStart = input.indexOf('/', hostStart);
    if (pathStart > pathEnd) {
      pathStart = -1;
    }
    int hostEnd = pathStart >= 0 ? pathStart : pathEnd;
    if (pathStart < 0) {
      return noPrimaryKey(
          input, plainFallback, options, queryStart >= 0 ? queryStart : end, null, queryStart, end);
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
    int trailingSlash = -1;
    if (count > 1 && starts[count - 1] == pathEnd) {
      trailingSlash = pathEnd - 1;
      count--;
    }

    // GS1 Digital Link URI Syntax: the path is read from the right in /AI/value pairs up to the
    // rightmost primary key; whatever precedes it, AI-like or not, is the resolver's own prefix.
    SyntaxDictionary dictionary = SyntaxDictionary.get();
    int key = -1;
    AiDefinition lastAi = null;
    for (int s = count - 2; s >= 0; s -= 2) {
      AiDefinition definition = dictionary.exact(input, starts[s], ends[s]);
      if (definition == null) {
        if (!plainFallback) {
          refuseConvenienceAlpha(input, starts[s], ends[s]);
        }
        break;
      }
      lastAi = definition;
      if (definition.dlPrimaryKey) {
        key = s;
        break;
      }
    }
    if (key < 0) {
      return noPrimaryKey(input, plainFallback, options, pathStart, lastAi, queryStart, end);
    }

    checkUriSyntax(input, from, hostStart, hostEnd, end, trailingSlash, options);
    ParsedElements parsed = new ParsedElements(input);
    AiDefinition primary = dictionary.exact(input, starts[key], ends[key]);
    addPrimaryKey(parsed, input, primary, starts[key], starts[key + 1], ends[key + 1], options);
    String[] pathQualifiers = addQualifiers(parsed, input, primary, starts, ends, key + 2, count);
    if (queryStart >= 0) {
      addAttributes(parsed, input, queryStart + 1, end, primary, pathQualifiers, options);
    }
    return parsed.toData(Gs1Data.Form.DIGITAL_LINK, options);
  }

  private static Gs1Data noPrimaryKey(
      String input,
      boolean plainFallback,
      Gs1Options options,
      int position,
      AiDefinition pathAi,
      int queryStart,
      int end) {
    AiDefinition ai = pathAi != null ? pathAi : queryAi(input, queryStart, end);
    if (plainFallback && (ai == null || options.allowAiDataInPlainUri())) {
      return null;
    }
    throw new Gs1SyntaxException(
        Gs1SyntaxException.DL_NO_PRIMARY_KEY,
        ai == null ? null : ai.ai,
        0,
        position,
        ai == null
            ? "the URI path holds no GS1 Digital Link primary key such as /01/{gtin} or /00/{sscc}"
            : "is GS1 data in a URI whose path holds no GS1 Digital Link primary key such as"
                + " /01/{gtin} or /00/{sscc}: it is not a GS1 Digital Link URI");
  }

  /** The first query parameter whose name is an AI of the dictionary, or {@code null}. */
  private static AiDefinition queryAi(String input, int queryStart, int end) {
    if (queryStart < 0) {
      return null;
    }
    int p = queryStart + 1;
    while (p < end) {
      int amp = input.indexOf('&', p);
      int paramEnd = amp < 0 || amp > end ? end : amp;
      int eq = input.indexOf('=', p);
      int keyEnd = eq < 0 || eq > paramEnd ? paramEnd : eq;
      AiDefinition d = keyEnd > p ? SyntaxDictionary.get().exact(input, p, keyEnd) : null;
      if (d != null) {
        return d;
      }
      p = paramEnd + 1;
    }
    return null;
  }

  // RFC 3986 characters, '%' included (escapes are checked where values are decoded).
  private static final String URI_CHARACTERS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";

  private static void checkUriSyntax(
      String input,
      int from,
      int hostStart,
      int hostEnd,
      int end,
      int trailingSlash,
      Gs1Options options) {
    boolean caseOk =
        input.startsWith("https://", from)
            || input.startsWith("http://", from)
            || input.startsWith("HTTPS://", from)
            || input.startsWith("HTTP://", from);
    if (!caseOk && !options.allowMixedCaseScheme()) {
      throw uriSyntax(
          from,
          "the scheme is written http:// or https://, all lower or all upper case, not "
              + input.substring(from, hostStart));
    }
    for (int i = from; i < end; i++) {
      if (URI_CHARACTERS.indexOf(input.charAt(i)) < 0) {
        throw uriSyntax(
            i, AiDefinition.describe(input.charAt(i)) + " cannot appear in a URI (RFC 3986)");
      }
    }
    checkHost(input, hostStart, hostEnd, options);
    if (trailingSlash >= 0 && !options.allowTrailingSlash()) {
      throw uriSyntax(
          trailingSlash, "a GS1 Digital Link path ends with the last value, not with '/'");
    }
  }

  // RFC 3986 host: a registered name or IPv4 address (letters, digits, '-', '.'), or an IPv6
  // address in brackets; then an optional port. No user information, no zone identifier.
  private static void checkHost(String input, int from, int to, Gs1Options options) {
    if (from >= to) {
      throw uriSyntax(from, "the URI has no host");
    }
    int i = from;
    if (input.charAt(i) == '[') {
      int close = input.indexOf(']', i);
      if (close < 0 || close >= to) {
        throw uriSyntax(i, "'[' of an IPv6 address without its ']'");
      }
      int zone = input.indexOf('%', i);
      int addressEnd = zone >= 0 && zone < close ? zone : close;
      if (addressEnd == i + 1) {
        throw uriSyntax(i + 1, "an empty IPv6 address");
      }
      for (int c = i + 1; c < addressEnd; c++) {
        char ch = input.charAt(c);
        if (!(ch == ':' || ch == '.' || Character.digit(ch, 16) >= 0)) {
          throw uriSyntax(c, AiDefinition.describe(ch) + " cannot appear in an IPv6 address");
        }
      }
      if (addressEnd < close && !options.allowIpv6ZoneId()) {
        throw uriSyntax(
            addressEnd,
            "an IPv6 zone identifier only means something on the machine that wrote it; RFC 3986"
                + " has none");
      }
      i = close + 1;
    } else {
      while (i < to && input.charAt(i) != ':') {
        char ch = input.charAt(i);
        if (!(ch == '-' || ch == '.' || Character.isLetterOrDigit(ch))) {
          throw uriSyntax(i, AiDefinition.describe(ch) + " cannot appear in a host name");
        }
        i++;
      }
      if (i == from) {
        throw uriSyntax(from, "the URI has no host");
      }
    }
    if (i < to) {
      if (input.charAt(i) != ':') {
        throw uriSyntax(i, "expected ':' and a port or the path after the host");
      }
      for (int p = i + 1; p < to; p++) {
        if (!Character.isDigit(input.charAt(p))) {
          throw uriSyntax(p, "a port has digits only");
        }
      }
    }
  }

  private static Gs1SyntaxException uriSyntax(int position, String message) {
    return new Gs1SyntaxException(Gs1SyntaxException.DL_URI_SYNTAX, null, 0, position, message);
  }

  /** Adds a primary key, or a GTIN (01) wherever it stands, padding a short GTIN if allowed. */
  private static void addPrimaryKey(
      ParsedElements parsed,
      String input,
      AiDefinition primary,
      int aiAt,
      int from,
      int to,
      Gs1Options options) {
    String value = decode(input, from, to);
    int length = value.length();
    if (primary.ai.equals("01")
        && (length == 8 || length == 12 || length == 13)
        && ElementStringReader.isDigits(value)) {
      if (!options.allowZeroSuppressedGtin()) {
        throw new Gs1SyntaxException(
            Gs1SyntaxException.LENGTH,
            "01",
            1,
            from,
            "a GTIN in a GS1 Digital Link URI has 14 digits; write this GTIN-"
                + length
                + " as "
                + "0".repeat(14 - length)
                + value);
      }
      int padding = 14 - length;
      parsed.add(
          primary, "0".repeat(padding) + value, aiAt, from - padding, ParsedElements.VERBATIM);
      return;
    }
    parsed.add(primary, value, aiAt, from, escapeOf(input, from, to));
  }

  /** Adds the qualifiers of the path and returns their AIs in path order. */
  private static String[] addQualifiers(
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
    String[] found = new String[Math.max(0, (count - first + 1) / 2)];
    int foundCount = 0;
    for (int s = first; s < count; s += 2) {
      AiDefinition qualifier = dictionary.exact(input, starts[s], ends[s]);
      if (qualifier == null || s + 1 >= count) {
        // Only reachable with a prefix the right-to-left walk did not cover; cannot happen.
        throw new IllegalStateException("unpaired Digital Link path segment");
      }
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
      found[foundCount++] = qualifier.ai;
    }
    return Arrays.copyOf(found, foundCount);
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

  private static void addAttributes(
      ParsedElements parsed,
      String input,
      int from,
      int to,
      AiDefinition primary,
      String[] pathQualifiers,
      Gs1Options options) {
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
        if (!options.allowRepeatedQueryAi() && parsed.contains(attribute)) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.DL_REPEATED_AI,
              attribute.ai,
              0,
              p,
              "appears a second time in the Digital Link URI; each AI may appear once");
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
        if (!options.allowQualifierInQuery() && fitsInPath(primary, pathQualifiers, attribute)) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.DL_QUALIFIER_IN_QUERY,
              attribute.ai,
              0,
              p,
              "is a key qualifier of ("
                  + primary.ai
                  + ") and belongs in the path, in the order "
                  + allowedQualifiers(primary).substring(2));
        }
        int valueStart = keyEnd < paramEnd ? keyEnd + 1 : paramEnd;
        if (attribute.ai.equals("01")) {
          addPrimaryKey(parsed, input, attribute, p, valueStart, paramEnd, options);
        } else {
          parsed.add(
              attribute,
              decode(input, valueStart, paramEnd),
              p,
              valueStart,
              escapeOf(input, valueStart, paramEnd));
        }
      } else if (keyEnd > p) {
        refuseConvenienceAlpha(input, p, keyEnd);
      }
      p = paramEnd + 1;
    }
  }

  // The GS1 Digital Link URI Syntax puts every key qualifier of the primary key in the path: an
  // attribute fits there when one qualifier sequence of the key holds it and every qualifier the
  // path already has (those are in that sequence's order, so the attribute has its place).
  private static boolean fitsInPath(
      AiDefinition primary, String[] pathQualifiers, AiDefinition attribute) {
    for (String[] sequence : primary.dlQualifierSequences) {
      if (indexOf(sequence, attribute.ai) < 0) {
        continue;
      }
      boolean all = true;
      for (String q : pathQualifiers) {
        if (indexOf(sequence, q) < 0) {
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
