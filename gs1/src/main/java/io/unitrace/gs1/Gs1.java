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
 *       ]Q1} followed by plain data (a GS1 Digital Link URI is read as such, a URI carrying GS1 AIs
 *       without a primary key is refused, anything else returned as {@link Gs1Data.Form#PLAIN}
 *       text); {@code ]E0} followed by 13 digits, {@code ]E4} by 8, {@code ]I1} by 14, read as a
 *       GTIN.
 *   <li>{@code (} — a bracketed element string, {@code \(} for a literal parenthesis.
 *   <li>{@code http://} or {@code https://} — a GS1 Digital Link URI.
 *   <li>8, 12, 13 or 14 digits — a bare GTIN, read as (01); 18 digits — a bare SSCC, read as (00).
 *   <li>anything else — a raw element string, FNC1 written as GS (0x1D) or as the text {@code
 *       \x1d}.
 * </ol>
 *
 * A trailing CR/LF, as keyboard-wedge scanners send, is ignored. {@link #parse(String)} is strict;
 * {@link #parse(String, Gs1Options)} tolerates the deviations its {@link Gs1Options} allows.
 */
public final class Gs1 {

  private Gs1() {}

  /**
   * Reads and fully validates one scan, strictly as the GS1 standards say ({@link
   * Gs1Options#STRICT}).
   *
   * @throws Gs1SyntaxException naming the rule broken, the AI, the component and the position
   */
  public static Gs1Data parse(String scan) {
    return parse(scan, Gs1Options.STRICT);
  }

  /**
   * Reads and fully validates one scan, tolerating the deviations {@code options} allows (each is
   * described on {@link Gs1Options.Builder}).
   *
   * @throws Gs1SyntaxException naming the rule broken, the AI, the component and the position
   */
  public static Gs1Data parse(String scan, Gs1Options options) {
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(options, "options");
    String input = stripLineEnd(scan);
    if (input.isEmpty()) {
      throw new Gs1SyntaxException(Gs1SyntaxException.EMPTY, null, 0, 0, "nothing to parse");
    }
    char first = input.charAt(0);
    if (first == ']') {
      return parseAim(input, options);
    }
    if (first == '(') {
      return ElementStringReader.readBracketed(input, options);
    }
    if ((first == 'h' || first == 'H') && DigitalLinkReader.looksLikeUri(input, 0)) {
      return DigitalLinkReader.read(input, 0, false, options);
    }
    int length = input.length();
    if ((length == 8 || length == 12 || length == 13 || length == 14 || length == 18)
        && Linters.allDigits(input, 0, length)) {
      return length == 18
          ? ElementStringReader.readBareSscc(input, options)
          : ElementStringReader.readBareGtin(input, 0, options);
    }
    return ElementStringReader.readRaw(input, 0, Gs1Data.Form.RAW, options);
  }

  private static Gs1Data parseAim(String input, Gs1Options options) {
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
      return ElementStringReader.readRaw(input, 3, Gs1Data.Form.AIM_GS1, options);
    }
    String identifier = input.substring(0, 3);
    switch (identifier) {
      case "]d1", "]Q1" -> {
        if (input.length() == 3) {
          throw new Gs1SyntaxException(
              Gs1SyntaxException.EMPTY, null, 0, 3, "no data after " + identifier);
        }
        if (DigitalLinkReader.looksLikeUri(input, 3)) {
          Gs1Data link = DigitalLinkReader.read(input, 3, true, options);
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
        if (!options.allowAnyGtinLengthAfterEanOrItf()) {
          requireSymbolLength(input, identifier);
        }
        return ElementStringReader.readBareGtin(input, 3, options);
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

  // ISO/IEC 15420 with the GS1 General Specifications (5.2): an EAN/UPC reader transmits EAN-13,
  // UPC-A and UPC-E as ]E0 with 13 digits (UPC-A and expanded UPC-E with a leading 0) and EAN-8
  // as ]E4 with 8 digits; ITF-14 (5.3) carries 14 digits, transmitted as ]I1.
  private static void requireSymbolLength(String input, String identifier) {
    int expected =
        switch (identifier) {
          case "]E0" -> 13;
          case "]E4" -> 8;
          default -> 14;
        };
    int length = input.length() - 3;
    if (length != expected) {
      String symbol =
          switch (identifier) {
            case "]E0" -> "EAN-13 / UPC-A / UPC-E";
            case "]E4" -> "EAN-8";
            default -> "ITF-14";
          };
      throw new Gs1SyntaxException(
          Gs1SyntaxException.LENGTH,
          "01",
          1,
          length < expected ? input.length() : 3 + expected,
          identifier
              + " ("
              + symbol
              + ") carries "
              + expected
              + " digits, got "
              + length
              + (identifier.equals("]E0") && length == 12
                  ? "; a reader sends UPC-A with a leading 0"
                  : ""));
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
    return ElementStringReader.readBracketed(bracketed.toString(), Gs1Options.STRICT);
  }

  private static String stripLineEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }
}
