package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated valid GS1 data survives every canonical form: parse → bracketed / raw / Digital Link →
 * parse gives the same elements (a Digital Link orders them key, qualifiers, attributes). Property
 * tests driven by a seeded generator: a failure names its case and is reproducible.
 */
class RoundTripTest {

  private static final String CSET82 =
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
  private static final long SEED = 20261130L;

  @Test
  void elementsSurviveEveryCanonicalForm() {
    Random random = new Random(SEED);
    for (int i = 0; i < 1000; i++) {
      List<Element> elements = gs1Data(random);
      String why = "case " + i + " of seed " + SEED + ": " + elements;
      Gs1Data data = Gs1.parse(Gs1.elementString(elements));

      assertThat(data.elements()).as(why).isEqualTo(elements);
      assertThat(Gs1.parse(data.toBracketed()).elements()).as(why).isEqualTo(elements);
      assertThat(Gs1.parse(data.toRaw()).elements()).as(why).isEqualTo(elements);
      assertThat(Gs1.parse("]d2" + data.toRaw()).elements()).as(why).isEqualTo(elements);
      Gs1Data viaLink = Gs1.parse(data.toDigitalLink());
      assertThat(viaLink.elements()).as(why).containsExactlyInAnyOrderElementsOf(elements);
      assertThat(viaLink.toDigitalLink("https://example.com/x"))
          .as(why)
          .isEqualTo(data.toDigitalLink("https://example.com/x"));
    }
  }

  @Test
  void rawFormHasSeparatorsOnlyBetweenElements() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < 500; i++) {
      List<Element> elements = gs1Data(random);
      String raw = Gs1.parse(Gs1.elementString(elements)).toRaw();

      assertThat(raw)
          .as("case %d: %s", i, elements)
          .doesNotEndWith("\u001d")
          .doesNotStartWith("\u001d")
          .doesNotContain("\u001d\u001d");
    }
  }

  static List<Element> gs1Data(Random r) {
    List<Element> list = r.nextBoolean() ? tradeItem(r) : logisticUnit(r);
    Collections.shuffle(list, r);
    return list;
  }

  private static List<Element> tradeItem(Random r) {
    List<Element> list = new ArrayList<>();
    list.add(new Element("01", withCheckDigit(digits(r, 13))));
    maybe(r, list, "17", date(r));
    maybe(r, list, "15", date(r));
    maybe(r, list, "10", cset82(r, 20));
    maybe(r, list, "21", cset82(r, 20));
    maybe(r, list, "3103", digits(r, 6));
    maybe(r, list, "30", digits(r, 1 + r.nextInt(8)));
    maybe(r, list, "240", cset82(r, 30));
    return list;
  }

  private static List<Element> logisticUnit(Random r) {
    List<Element> list = new ArrayList<>();
    list.add(new Element("00", withCheckDigit(digits(r, 17))));
    list.add(new Element("02", withCheckDigit(digits(r, 13))));
    list.add(new Element("37", String.valueOf(1 + r.nextInt(99_999_999))));
    maybe(r, list, "400", cset82(r, 30));
    maybe(r, list, "3302", digits(r, 6));
    return list;
  }

  private static void maybe(Random r, List<Element> list, String ai, String value) {
    if (r.nextBoolean()) {
      list.add(new Element(ai, value));
    }
  }

  private static String withCheckDigit(String digits) {
    return digits + CheckDigit.compute(digits);
  }

  private static String digits(Random r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  private static String cset82(Random r, int maxLength) {
    int n = 1 + r.nextInt(maxLength);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(CSET82.charAt(r.nextInt(CSET82.length())));
    }
    return sb.toString();
  }

  private static String date(Random r) {
    // Years the century rule maps back to themselves for decades to come.
    return LocalDate.of(2000, 1, 1).plusDays(r.nextInt(365 * 40)).format(YYMMDD);
  }
}
