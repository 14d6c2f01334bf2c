package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated valid GS1 data survives every canonical form: parse → bracketed / raw / Digital Link
 * → parse gives the same elements (a Digital Link orders them key, qualifiers, attributes).
 */
class RoundTripTest {

  private static final String CSET82 =
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

  @Property(tries = 500)
  void elementsSurviveEveryCanonicalForm(@ForAll("gs1Data") List<Element> elements) {
    Gs1Data data = Gs1.parse(Gs1.elementString(elements));

    assertThat(data.elements()).isEqualTo(elements);
    assertThat(Gs1.parse(data.toBracketed()).elements()).isEqualTo(elements);
    assertThat(Gs1.parse(data.toRaw()).elements()).isEqualTo(elements);
    assertThat(Gs1.parse("]d2" + data.toRaw()).elements()).isEqualTo(elements);
    Gs1Data viaLink = Gs1.parse(data.toDigitalLink());
    assertThat(viaLink.elements()).containsExactlyInAnyOrderElementsOf(elements);
    assertThat(viaLink.toDigitalLink("https://example.com/x")).isEqualTo(data.toDigitalLink("https://example.com/x"));
  }

  @Property(tries = 200)
  void rawFormHasSeparatorsOnlyBetweenElements(@ForAll("gs1Data") List<Element> elements) {
    String raw = Gs1.parse(Gs1.elementString(elements)).toRaw();

    assertThat(raw).doesNotEndWith("\u001d").doesNotStartWith("\u001d").doesNotContain("\u001d\u001d");
  }

  @Provide
  Arbitrary<List<Element>> gs1Data() {
    return Arbitraries.oneOf(tradeItems(), logisticUnits()).flatMap(Arbitraries::shuffle);
  }

  private Arbitrary<List<Element>> tradeItems() {
    Arbitrary<String> gtin = Arbitraries.strings().numeric().ofLength(13).map(d -> d + CheckDigit.compute(d));
    return Combinators.combine(gtin, optional(dates()), optional(dates()), optional(cset82(20)), optional(cset82(20)),
            optional(Arbitraries.strings().numeric().ofLength(6)), optional(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8)),
            optional(cset82(30)))
        .as((g, expiry, bestBefore, lot, serial, netWeight, count, additionalId) -> {
          List<Element> list = new ArrayList<>();
          list.add(new Element("01", g));
          add(list, "17", expiry);
          add(list, "15", bestBefore);
          add(list, "10", lot);
          add(list, "21", serial);
          add(list, "3103", netWeight);
          add(list, "30", count);
          add(list, "240", additionalId);
          return list;
        });
  }

  private Arbitrary<List<Element>> logisticUnits() {
    Arbitrary<String> sscc = Arbitraries.strings().numeric().ofLength(17).map(d -> d + CheckDigit.compute(d));
    Arbitrary<String> content = Arbitraries.strings().numeric().ofLength(13).map(d -> d + CheckDigit.compute(d));
    return Combinators.combine(sscc, content, Arbitraries.integers().between(1, 99_999_999), optional(cset82(30)),
            optional(Arbitraries.strings().numeric().ofLength(6)))
        .as((s, c, count, order, grossWeight) -> {
          List<Element> list = new ArrayList<>();
          list.add(new Element("00", s));
          list.add(new Element("02", c));
          list.add(new Element("37", String.valueOf(count)));
          add(list, "400", order);
          add(list, "3302", grossWeight);
          return list;
        });
  }

  private static void add(List<Element> list, String ai, String value) {
    if (!value.isEmpty()) {
      list.add(new Element(ai, value));
    }
  }

  // "" stands for "element absent" (Combinators cannot combine nulls).
  private static Arbitrary<String> optional(Arbitrary<String> values) {
    return Arbitraries.oneOf(Arbitraries.just(""), values);
  }

  private static Arbitrary<String> cset82(int maxLength) {
    return Arbitraries.strings().withChars(CSET82.toCharArray()).ofMinLength(1).ofMaxLength(maxLength);
  }

  private static Arbitrary<String> dates() {
    // Years the century rule maps back to themselves for decades to come.
    return Arbitraries.integers().between(0, 365 * 40)
        .map(days -> LocalDate.of(2000, 1, 1).plusDays(days).format(YYMMDD));
  }
}
