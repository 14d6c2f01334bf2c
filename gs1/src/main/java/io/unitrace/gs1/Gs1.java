package io.unitrace.gs1;

import java.util.List;
import java.util.Objects;

/**
 * The entry point: one {@link #parse} for everything a scanner, a log file or a person may hand
 * over, and builders for writing GS1 data.
 *
 * <p>Input forms recognised by {@link #parse}, in this order:
 *
 * <ol>
 *   <li>AIM symbology identifier: {@code ]d2 ]C1 ]Q3 ]e0 ]J1} followed by raw GS1 data; {@code ]d1
 *       ]Q1} followed by plain data (a GS1 Digital Link URI is read as such, anything else returned
 *       as {@link Gs1Data.Form#PLAIN} text); {@code ]E0 ]E4 ]I1} followed by a GTIN.
 *   <li>{@code (} — a bracketed element string, {@code \(} for a literal parenthesis.
 *   <li>{@code http://} or {@code https://} — a GS1 Digital Link URI.
 *   <li>8, 12, 13 or 14 digits — a bare GTIN, read as (01); 18 digits — a bare SSCC, read as (00).
 *   <li>anything else — a raw element string, FNC1 written as GS (0x1D) or as the text {@code
 *       \x1d}.
 * </ol>
 *
 * A trailing CR/LF, as keyboard-wedge scanners send, is ignored.
 */
public final class Gs1 {

  private Gs1() {}

  /**
   * Reads and fully validates one scan.
   *
   * @throws Gs1SyntaxException naming the rule broken, the AI, the component and the position
   */
  public static Gs1Data parse(String scan) {
    Objects.requireNonNull(scan, "scan");
    String input = stripLineEnd(scan);
    if (input.isEmpty()) {
      throw new Gs1SyntaxException(Gs1SyntaxException.EMPTY, null, 0, 0, "nothing to parse");
    }
    char first = input.charAt(0);
    if (first == ']') {
      return parseAim(input);
    }
    if (first == '(') {
      return ElementStringReader.readBracketed(input);
    }
    if ((first == 'h' || first == 'H') && DigitalLinkReader.looksLikeUri(input, 0)) {
      return DigitalLinkReader.read(input, 0, false);
    }
    int length = input.length();
    if ((length == 8 || length == 12 || length == 13 || length == 14 || length == 18)
        && Linters.allDigits(input, 0, length)) {
      return length == 18
          ? ElementStringReader.readBareSscc(input)
          : ElementStringReader.readBareGtin(input, 0);
    }
    return ElementStringReader.readRaw(input, 0, Gs1Data.Form.RAW);
  }

  private static Gs1Data parseAim(String input) {
    if (input.length() < 3) {
      throw new Gs1SyntaxException(
          Gs1SyntaxException.UNSUPPORTED_SYMBOLOGY,
          null,
          0,
          0,
          "an AIM symbology identifier has three characters, e.g. ]d2");
    }
    // Compared character by character: this runs for every DataMatrix scan.
    char symbology = input.charAt(1);
    char modifier = input.charAt(2);
    if ((symbology == 'd' && modifier == '2')
        || (symbology == 'C' && modifier == '1')
        || (symbology == 'Q' && modifier == '3')
        || (symbology == 'e' && modifier == '0')
        || (symbology == 'J' && modifier == '1')) {
      return ElementStringReader.readRaw(input, 3, Gs1Data.Form.AIM_GS1);
    }
    String identifier = input.substring(0, 3);
    switch (identifier) {
      case "]d1", "]Q1" -> {
        if (input.length() == 3) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.EMPTY, null, 0, 3, "no data after " + identifier);
        }
        if (DigitalLinkReader.looksLikeUri(input, 3)) {
          Gs1Data link = DigitalLinkReader.read(input, 3, true);
          if (link != null) {
            return link;
          }
        }
        return new Gs1Data(Gs1Data.Form.PLAIN, List.of(), input.substring(3));
      }
      case "]E0", "]E4", "]I1" -> {
        if (!Linters.allDigits(input, 3, input.length())) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.CHARSET, "01", 1, 3, "a GTIN has digits only");
        }
        return ElementStringReader.readBareGtin(input, 3);
      }
      default ->
          throw new Gs1SyntaxException(
              Gs1SyntaxException.UNSUPPORTED_SYMBOLOGY,
              null,
              0,
              0,
              "symbology identifier "
                  + identifier
                  + " carries neither GS1 data nor plain text this library reads");
    }
  }

  /**
   * Validates {@code elements} exactly as {@link #parse} would and returns them as a bracketed
   * element string, the form barcode generators accept. Error positions refer to that string.
   *
   * @throws Gs1SyntaxException if the elements break a rule
   */
  public static String elementString(List<Element> elements) {
    return fromElements(elements).toBracketed();
  }

  /**
   * Validates {@code elements} exactly as {@link #parse} would and returns the GS1 Digital Link URI
   * on {@code baseUri} (e.g. {@code https://id.gs1.org} or {@code https://example.com/dl}).
   *
   * @throws Gs1SyntaxException if the elements break a rule or cannot form a Digital Link
   */
  public static String digitalLink(List<Element> elements, String baseUri) {
    return fromElements(elements).toDigitalLink(baseUri);
  }

  private static Gs1Data fromElements(List<Element> elements) {
    StringBuilder bracketed = new StringBuilder();
    for (Element e : elements) {
      bracketed.append('(').append(e.ai()).append(')');
      for (int i = 0; i < e.value().length(); i++) {
        char c = e.value().charAt(i);
        if (c == '\\') {
          // A backslash is never GS1 data, and here it would escape the next AI's bracket.
          throw new Gs1SyntaxException(
              Gs1SyntaxException.CHARSET,
              e.ai(),
              1,
              bracketed.length(),
              "'\\' is not allowed in GS1 data");
        }
        bracketed.append(c == '(' ? "\\(" : String.valueOf(c));
      }
    }
    if (bracketed.length() == 0) {
      throw new Gs1SyntaxException(Gs1SyntaxException.EMPTY, null, 0, 0, "no elements given");
    }
    return ElementStringReader.readBracketed(bracketed.toString());
  }

  private static String stripLineEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }
}
