package io.unitrace.gs1;

/**
 * Reads element strings: raw (AIs and values run together, FNC1 as GS) and bracketed ({@code
 * (01)…(10)…}), plus bare GTINs and SSCCs.
 *
 * <p>Raw reading is the hot path (every {@code ]d2} scan): the AI is found by table lookup, a
 * predefined-length value is cut at its fixed length, any other value runs to the next GS or the
 * end of data. Scanner logs often show GS as the four characters {@code \x1d}; that text is
 * accepted as a GS too (a backslash is never valid GS1 data, so it cannot be confused with data).
 */
final class ElementStringReader {

  static final char GS = '\u001d';

  private ElementStringReader() {}

  static Gs1Data readRaw(String input, int start, Gs1Data.Form form, Gs1Options options) {
    SyntaxDictionary dictionary = SyntaxDictionary.get();
    ParsedElements parsed = new ParsedElements(input);
    int n = input.length();
    int i = start;
    while (i < n) {
      // Separators where none is needed (leading, doubled, after a predefined-length value) are
      // harmless and common in scanner output.
      int separator = separatorLength(input, i);
      if (separator > 0) {
        i += separator;
        continue;
      }
      AiDefinition definition = dictionary.find(input, i);
      if (definition == null) {
        throw unknownAi(input, i);
      }
      int valueStart = i + definition.ai.length();
      int valueEnd =
          definition.predefinedLength && definition.fixedLength >= 0
              ? Math.min(valueStart + definition.fixedLength, n)
              : nextSeparator(input, valueStart);
      parsed.add(
          definition,
          input.substring(valueStart, valueEnd),
          i,
          valueStart,
          ParsedElements.VERBATIM);
      i = valueEnd;
    }
    return parsed.toData(form, options);
  }

  static Gs1Data readBracketed(String input, Gs1Options options) {
    SyntaxDictionary dictionary = SyntaxDictionary.get();
    ParsedElements parsed = new ParsedElements(input);
    int n = input.length();
    int i = 0;
    while (i < n) {
      if (input.charAt(i) != '(') {
        throw new Gs1SyntaxException(
            Gs1SyntaxException.BRACKET_SYNTAX, null, 0, i, "expected '(' to start an AI");
      }
      int close = input.indexOf(')', i + 1);
      if (close < 0) {
        throw new Gs1SyntaxException(
            Gs1SyntaxException.BRACKET_SYNTAX, null, 0, i, "'(' without a closing ')'");
      }
      AiDefinition definition = dictionary.exact(input, i + 1, close);
      if (definition == null) {
        String ai = input.substring(i + 1, close);
        throw new Gs1SyntaxException(
            Gs1SyntaxException.UNKNOWN_AI,
            isDigits(ai) ? ai : null,
            0,
            i + 1,
            "(" + ai + ") is not an AI in the GS1 syntax dictionary");
      }
      int valueStart = close + 1;
      int j = valueStart;
      boolean escaped = false;
      while (j < n && input.charAt(j) != '(') {
        if (input.charAt(j) == '\\'
            && j + 1 < n
            && (input.charAt(j + 1) == '(' || input.charAt(j + 1) == ')')) {
          escaped = true;
          j += 2;
        } else {
          j++;
        }
      }
      String value = escaped ? unescape(input, valueStart, j) : input.substring(valueStart, j);
      parsed.add(
          definition,
          value,
          i + 1,
          valueStart,
          escaped ? ParsedElements.BRACKET_ESCAPES : ParsedElements.VERBATIM);
      i = j;
    }
    return parsed.toData(Gs1Data.Form.BRACKETED, options);
  }

  /** A GTIN-8/12/13/14 read as (01), left-padded to 14 digits. */
  static Gs1Data readBareGtin(String input, int start, Gs1Options options) {
    int length = input.length() - start;
    if (length != 8 && length != 12 && length != 13 && length != 14) {
      throw new Gs1SyntaxException(
          Gs1SyntaxException.LENGTH,
          "01",
          1,
          input.length(),
          "a GTIN has 8, 12, 13 or 14 digits, got " + length);
    }
    int padding = 14 - length;
    return readBare(
        input,
        start,
        "0".repeat(padding) + input.substring(start),
        padding,
        "01",
        Gs1Data.Form.BARE_GTIN,
        options);
  }

  static Gs1Data readBareSscc(String input, Gs1Options options) {
    return readBare(input, 0, input, 0, "00", Gs1Data.Form.BARE_SSCC, options);
  }

  private static Gs1Data readBare(
      String input,
      int start,
      String value,
      int padding,
      String ai,
      Gs1Data.Form form,
      Gs1Options options) {
    ParsedElements parsed = new ParsedElements(input);
    // Offsets in the padded value are shifted back by the padding to land in the input.
    parsed.add(
        SyntaxDictionary.get().exact(ai), value, start, start - padding, ParsedElements.VERBATIM);
    return parsed.toData(form, options);
  }

  /** Length of the separator at {@code i}: 1 for GS, 4 for the text {@code \x1d}, else 0. */
  private static int separatorLength(String s, int i) {
    char c = s.charAt(i);
    if (c == GS) {
      return 1;
    }
    if (c == '\\'
        && i + 3 < s.length()
        && s.charAt(i + 1) == 'x'
        && s.charAt(i + 2) == '1'
        && (s.charAt(i + 3) == 'd' || s.charAt(i + 3) == 'D')) {
      return 4;
    }
    return 0;
  }

  private static int nextSeparator(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == GS || (c == '\\' && separatorLength(s, i) > 0)) {
        return i;
      }
    }
    return s.length();
  }

  private static Gs1SyntaxException unknownAi(String input, int at) {
    int end = at;
    while (end < input.length() && end < at + 4 && Character.isDigit(input.charAt(end))) {
      end++;
    }
    if (end - at < 2) {
      return new Gs1SyntaxException(
          Gs1SyntaxException.UNKNOWN_AI,
          null,
          0,
          at,
          "expected an AI at position "
              + at
              + " but found "
              + (at < input.length()
                  ? AiDefinition.describe(input.charAt(at))
                  : "the end of the data"));
    }
    String digits = input.substring(at, end);
    return new Gs1SyntaxException(
        Gs1SyntaxException.UNKNOWN_AI,
        digits,
        0,
        at,
        "no AI in the GS1 syntax dictionary starts with " + digits);
  }

  private static String unescape(String s, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < to && (s.charAt(i + 1) == '(' || s.charAt(i + 1) == ')')) {
        c = s.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static boolean isDigits(String s) {
    return !s.isEmpty() && Linters.allDigits(s, 0, s.length());
  }
}
