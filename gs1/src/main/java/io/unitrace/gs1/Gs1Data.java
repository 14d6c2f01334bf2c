package io.unitrace.gs1;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Validated GS1 data read by {@link Gs1#parse}: the elements in the order they were read, typed
 * views of the ones a warehouse uses daily, and the canonical ways to write them again. Immutable
 * and safe to share.
 *
 * <pre>{@code
 * Gs1Data scan = Gs1.parse("]d2010950600013435217201225\u001d10ABC123");
 * scan.gtin();        // Optional[09506000134352]
 * scan.expiry();      // Optional[2020-12-25]
 * scan.lot();         // Optional[ABC123]
 * scan.toBracketed(); // (01)09506000134352(17)201225(10)ABC123
 * }</pre>
 */
public final class Gs1Data {

  /** The shape the input had. */
  public enum Form {
    /** {@code (01)09506000134352(10)ABC123}, with {@code \(} for a literal parenthesis. */
    BRACKETED,
    /** AIs and values run together, variable-length values ended by GS (0x1D) or end of data. */
    RAW,
    /** Raw GS1 data behind a GS1 AIM symbology identifier: {@code ]d2 ]C1 ]Q3 ]e0 ]J1}. */
    AIM_GS1,
    /** A GS1 Digital Link URI, bare or behind {@code ]d1} / {@code ]Q1}. */
    DIGITAL_LINK,
    /**
     * A GTIN-8, -12, -13 or -14 on its own (also behind {@code ]E0}, {@code ]E4}, {@code ]I1}),
     * read as (01).
     */
    BARE_GTIN,
    /** An 18-digit SSCC on its own, read as (00). */
    BARE_SSCC,
    /**
     * Plain text behind {@code ]d1} / {@code ]Q1} that carries no GS1 data, e.g. a URI that is not
     * a GS1 Digital Link and has no AI in its path or query (one that has AIs but no primary key is
     * refused with {@code dl-no-primary-key}, see {@link
     * Gs1Options.Builder#allowAiDataInPlainUri}).
     */
    PLAIN
  }

  private static final String DEFAULT_RESOLVER = "https://id.gs1.org";

  private final Form form;
  private final List<Element> elements;
  private final String plainText;

  Gs1Data(Form form, List<Element> elements, String plainText) {
    this.form = form;
    this.elements = elements;
    this.plainText = plainText;
  }

  public Form form() {
    return form;
  }

  /** The elements in input order; identical repeats are merged. Empty for {@link Form#PLAIN}. */
  public List<Element> elements() {
    return elements;
  }

  /** The value of {@code ai}, e.g. {@code value("10")} for the batch/lot. */
  public Optional<String> value(String ai) {
    for (Element e : elements) {
      if (e.ai().equals(ai)) {
        return Optional.of(e.value());
      }
    }
    return Optional.empty();
  }

  /** The trade item, AI (01). */
  public Optional<Gtin> gtin() {
    return value("01").map(Gtin::new);
  }

  /** The logistic unit, AI (00). */
  public Optional<Sscc> sscc() {
    return value("00").map(Sscc::new);
  }

  /** Serial number, AI (21). */
  public Optional<String> serial() {
    return value("21");
  }

  /** Batch or lot number, AI (10). */
  public Optional<String> lot() {
    return value("10");
  }

  /** Use-by / expiry date, AI (17); day 00 means the last day of the month. */
  public Optional<LocalDate> expiry() {
    return date("17");
  }

  /** Best-before date, AI (15); day 00 means the last day of the month. */
  public Optional<LocalDate> bestBefore() {
    return date("15");
  }

  /** Production date, AI (11); day 00 means the last day of the month. */
  public Optional<LocalDate> productionDate() {
    return date("11");
  }

  private Optional<LocalDate> date(String ai) {
    return value(ai).map(CenturyRule::toLocalDate);
  }

  /**
   * How many: AI (37), the count of trade items in a logistic unit, or else AI (30), the variable
   * count of a trade item.
   */
  public OptionalInt count() {
    Optional<String> count = value("37").or(() -> value("30"));
    return count.isPresent() ? OptionalInt.of(Integer.parseInt(count.get())) : OptionalInt.empty();
  }

  /**
   * A measure or amount with its implied decimal point: the last digit of the AI says how many
   * decimals its number has ({@code decimal("3103")} of {@code 000500} is 0.500 kg). Works for the
   * 31xx-36xx trade measures and 39xx amounts and prices; for 391n/393n it is the amount after the
   * ISO 4217 currency code.
   *
   * @throws IllegalArgumentException if {@code ai} is not such an AI
   */
  public Optional<BigDecimal> decimal(String ai) {
    AiDefinition definition = SyntaxDictionary.get().exact(ai);
    if (definition == null
        || ai.length() != 4
        || !(ai.charAt(0) == '3' && ("1234569".indexOf(ai.charAt(1)) >= 0))) {
      throw new IllegalArgumentException(
          "(" + ai + ") is not a measure or amount AI (31xx-36xx, 39xx)");
    }
    return value(ai)
        .map(
            v -> {
              int numberStart = 0;
              for (int c = 0; c < definition.components.length - 1; c++) {
                numberStart += definition.components[c].maxLength;
              }
              return new BigDecimal(new BigInteger(v.substring(numberStart)), ai.charAt(3) - '0');
            });
  }

  /** The text of a {@link Form#PLAIN} scan; empty for GS1 data. */
  public Optional<String> plainText() {
    return Optional.ofNullable(plainText);
  }

  /** {@code (01)09506000134352(10)ABC123}; a {@code (} inside a value is written {@code \(}. */
  public String toBracketed() {
    requireElements();
    StringBuilder sb = new StringBuilder(64);
    for (Element e : elements) {
      sb.append('(').append(e.ai()).append(')');
      String v = e.value();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '(') {
          sb.append('\\');
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The raw element string as a barcode carries it, FNC1 written as GS (0x1D): a GS follows a value
   * only where the AI has no predefined length and another element follows; never trailing.
   */
  public String toRaw() {
    requireElements();
    SyntaxDictionary dictionary = SyntaxDictionary.get();
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < elements.size(); i++) {
      Element e = elements.get(i);
      sb.append(e.ai()).append(e.value());
      if (i < elements.size() - 1 && !dictionary.exact(e.ai()).predefinedLength) {
        sb.append('\u001d');
      }
    }
    return sb.toString();
  }

  /** The GS1 Digital Link URI on {@code https://id.gs1.org}; see {@link #toDigitalLink(String)}. */
  public String toDigitalLink() {
    return toDigitalLink(DEFAULT_RESOLVER);
  }

  /**
   * The GS1 Digital Link URI on {@code baseUri} (scheme, host and optional path prefix): primary
   * key and its qualifiers in the path in the order the dictionary prescribes, every other element
   * as a query attribute.
   *
   * @throws Gs1SyntaxException if no element can be the primary key ({@code dl-no-primary-key}) or
   *     an element can be neither qualifier nor attribute ({@code dl-not-attribute})
   */
  public String toDigitalLink(String baseUri) {
    requireElements();
    return DigitalLinkWriter.write(elements, baseUri);
  }

  private void requireElements() {
    if (form == Form.PLAIN) {
      throw new IllegalStateException("plain text carries no GS1 elements");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gs1Data other
        && form == other.form
        && elements.equals(other.elements)
        && Objects.equals(plainText, other.plainText);
  }

  @Override
  public int hashCode() {
    return Objects.hash(form, elements, plainText);
  }

  @Override
  public String toString() {
    return form + (form == Form.PLAIN ? " " + plainText : " " + toBracketed());
  }
}
