package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a scanner, a log file or a person hands over, {@link Gs1#parse} either returns GS1 data
 * or throws the library's own {@link Gs1SyntaxException} with a documented code and a position
 * inside the input: never a NullPointerException, IndexOutOfBoundsException, NumberFormatException
 * or any other exception. Checked on random text, on valid scans with a few characters edited, on
 * Digital Link URIs assembled from plausible and implausible parts and on symbology-prefixed data,
 * each read strictly and with every leniency switched on. And what is accepted strictly writes a
 * bracketed element string that reads back to the same elements.
 *
 * <p>Tries are kept small (1,000 per property) so the library's tests stay fast.
 */
class ParserRobustnessTest {

  private static final Gs1Options EVERYTHING_ALLOWED =
      Gs1Options.builder()
          .allowRepeatedQueryAi(true)
          .allowQualifierInQuery(true)
          .allowMixedCaseScheme(true)
          .allowTrailingSlash(true)
          .allowZeroSuppressedGtin(true)
          .allowIpv6ZoneId(true)
          .allowAnyGtinLengthAfterEanOrItf(true)
          .allowAiDataInPlainUri(true)
          .allowDigitalSignatureWithUnserialisedKey(true)
          .build();

  private static final Set<String> DOCUMENTED_CODES = documentedCodes();

  /** Characters that mean something to one of the parsers, plus a few that never should. */
  private static final String ALPHABET =
      "0123456789()[]%/?&=#:.-_~+\\ \u001dABCDEFXYZabcdefxyzhtpsHTPS]EQdCeJI1234\u00e9\r\n";

  private static final List<String> VALID_SCANS =
      List.of(
          "(01)09506000134352(17)201225(10)ABC123(21)XYZ",
          "]d2010950600013435217201225" + "10ABC123\u001d21XYZ",
          "]C1011231231231233310ABC123\u001d99TESTING",
          "010950600013435210ABC123\\x1d21XYZ",
          "(01)09506000134352(10)AB\\(1\\)C",
          "(3103)000500(01)09506000134352",
          "(02)09506000134352(37)25(00)106141411234567897",
          "(00)106141411234567897(8030)AbC-_9==",
          "(253)9506000000008X1(8030)AbC",
          "(8006)095060001343520102(21)X",
          "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ?17=201225",
          "]Q1https://example.com/dl/01/09506000134352/22/2A/10/AB%2F1?3103=000500&linkType=x",
          "]d1https://[2001:db8::1]:8443/00/106141411234567897",
          "HTTPS://A/414/9506000000008/254/DOCK-3?8030=AbC",
          "]Q1https://example.com/menu?table=4",
          "]E09506000134352",
          "]E495060002",
          "]I109506000134352",
          "106141411234567897",
          "9506000134352");

  private static final List<String> PATH_SEGMENTS =
      List.of(
          "01",
          "00",
          "10",
          "21",
          "22",
          "235",
          "254",
          "414",
          "8003",
          "8004",
          "8006",
          "8030",
          "17",
          "99",
          "gtin",
          "lot",
          "faux",
          "",
          "09506000134352",
          "9506000134352",
          "106141411234567897",
          "9506000000008",
          "ABC123",
          "AB%2F1",
          "A%2",
          "%ZZ",
          "%C3%A9",
          "X",
          "0");

  private static final List<String> VALUES =
      List.of(
          "09506000134352",
          "9506000134352",
          "012345678905",
          "95060002",
          "106141411234567897",
          "9506000000008",
          "9506000000008X1",
          "095060001343520102",
          "09506000000008A1",
          "ABC123",
          "AB%2F1",
          "A%2",
          "A%",
          "%ZZ",
          "%C3%A9",
          "%00",
          "201225",
          "201340",
          "AbC-_9",
          "",
          "X",
          "A+B",
          "faux");

  @Property(tries = 1000)
  void randomTextParsesOrIsRefusedWithAGs1SyntaxException(@ForAll("randomText") String scan) {
    parsesOrIsRefusedCleanly(scan);
  }

  @Property(tries = 1000)
  void editedValidScansParseOrAreRefusedWithAGs1SyntaxException(
      @ForAll("editedValidScans") String scan) {
    parsesOrIsRefusedCleanly(scan);
  }

  @Property(tries = 3000)
  void assembledDigitalLinksParseOrAreRefusedWithAGs1SyntaxException(
      @ForAll("assembledDigitalLinks") String scan) {
    parsesOrIsRefusedCleanly(scan);
  }

  @Property(tries = 1000)
  void symbologyPrefixedDataParsesOrIsRefusedWithAGs1SyntaxException(
      @ForAll("symbologyPrefixedData") String scan) {
    parsesOrIsRefusedCleanly(scan);
  }

  private static void parsesOrIsRefusedCleanly(String scan) {
    Gs1Data strict = parseOrNull(scan, Gs1Options.STRICT);
    parseOrNull(scan, EVERYTHING_ALLOWED);
    if (strict != null && strict.form() != Gs1Data.Form.PLAIN) {
      assertThat(Gs1.parse(strict.toBracketed()).elements())
          .as("bracketed form of %s", scan)
          .isEqualTo(strict.elements());
    }
  }

  /** The data read, or {@code null} after checking that the refusal is a documented one. */
  private static Gs1Data parseOrNull(String scan, Gs1Options options) {
    try {
      Gs1Data data = Gs1.parse(scan, options);
      assertThat(data).isNotNull();
      if (data.form() == Gs1Data.Form.PLAIN) {
        assertThat(data.plainText()).isPresent();
      } else {
        assertThat(data.elements()).isNotEmpty();
      }
      return data;
    } catch (Gs1SyntaxException e) {
      assertThat(DOCUMENTED_CODES).as("code of %s", e).contains(e.code());
      assertThat(e.position()).as("position of %s in %s", e, scan).isBetween(0, scan.length());
      assertThat(e.getMessage()).isNotBlank();
      return null;
    }
  }

  @Provide
  Arbitrary<String> randomText() {
    Arbitrary<String> prefix =
        Arbitraries.of(
            "",
            "",
            "(",
            "]d2",
            "]Q1",
            "]d1",
            "]E0",
            "]E4",
            "]I1",
            "https://",
            "HtTp://a/",
            "http://a/01/");
    return Combinators.combine(prefix, text(60)).as(String::concat);
  }

  @Provide
  Arbitrary<String> editedValidScans() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 120),
                Arbitraries.chars().with(ALPHABET.toCharArray()))
            .as(Edit::new);
    return Combinators.combine(Arbitraries.of(VALID_SCANS), edit.list().ofMinSize(1).ofMaxSize(3))
        .as(
            (scan, edits) -> {
              String s = scan;
              for (Edit e : edits) {
                s = e.applyTo(s);
              }
              return s;
            });
  }

  @Provide
  Arbitrary<String> assembledDigitalLinks() {
    Arbitrary<String> prefix = Arbitraries.of("", "]Q1", "]d1");
    Arbitrary<String> scheme =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of("https://", "http://", "HTTPS://")),
            Tuple.of(1, Arbitraries.of("HtTpS://", "https:/", "https:")));
    Arbitrary<String> host =
        Arbitraries.frequencyOf(
            Tuple.of(
                8,
                Arbitraries.of(
                    "id.gs1.org",
                    "a",
                    "a:65535",
                    "[2001:db8::1]",
                    "192.0.2.1",
                    "xn--fsq.xn--0zwm56d")),
            Tuple.of(
                2,
                Arbitraries.of(
                    "",
                    "a:",
                    "a:x",
                    "[fe80::1%25lo]",
                    "[fe80::1%",
                    "[",
                    "[]",
                    "[zz]",
                    "u@a",
                    "$a")));
    Arbitrary<String> randomPath =
        Arbitraries.of(PATH_SEGMENTS)
            .list()
            .ofMaxSize(8)
            .map(segments -> segments.isEmpty() ? "" : "/" + String.join("/", segments));
    // Mostly a plausible key with qualifiers, so that values reach decoding and validation.
    Arbitrary<String> pair =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.of("22", "10", "21", "235", "254")),
                    Tuple.of(1, Arbitraries.of(PATH_SEGMENTS))),
                Arbitraries.of(VALUES))
            .as((ai, value) -> "/" + ai + "/" + value);
    Arbitrary<String> keyedPath =
        Combinators.combine(
                Arbitraries.of("", "/dl", "/00/faux", "/01"),
                Arbitraries.of("01", "00", "414", "8003", "8006", "253", "gtin"),
                Arbitraries.of(VALUES),
                pair.list().ofMaxSize(3))
            .as(
                (stem, key, value, pairs) ->
                    stem + "/" + key + "/" + value + String.join("", pairs));
    Arbitrary<String> path =
        Arbitraries.frequencyOf(Tuple.of(1, randomPath), Tuple.of(4, keyedPath));
    Arbitrary<String> parameter =
        Combinators.combine(
                Arbitraries.of("01", "10", "17", "21", "99", "3103", "8030", "999", "lot", "x", ""),
                Arbitraries.of("", "=", "="),
                Arbitraries.of(VALUES))
            .as((k, eq, v) -> k + eq + v);
    Arbitrary<String> query =
        parameter
            .list()
            .ofMaxSize(4)
            .map(params -> params.isEmpty() ? "" : "?" + String.join("&", params));
    Arbitrary<String> tail =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just("")),
            Tuple.of(1, Arbitraries.of("/", "#", "#frag", "?", "&")));
    return Combinators.combine(prefix, scheme, host, path, query, tail)
        .as((p, s, h, pa, q, t) -> p + s + h + pa + q + t);
  }

  @Provide
  Arbitrary<String> symbologyPrefixedData() {
    Arbitrary<String> identifier =
        Arbitraries.of(
            "]d2", "]C1", "]Q3", "]e0", "]J1", "]d1", "]Q1", "]E0", "]E4", "]I1", "]A0", "]", "]E",
            "]d");
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMaxLength(20);
    Arbitrary<String> data = Arbitraries.oneOf(digits, text(40), Arbitraries.of(VALID_SCANS));
    return Combinators.combine(identifier, data).as(String::concat);
  }

  private static Arbitrary<String> text(int maxLength) {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(maxLength);
  }

  /** Insert, delete, replace, cut off or double a character at a position of a valid scan. */
  private record Edit(int kind, int at, char c) {

    String applyTo(String s) {
      if (s.isEmpty()) {
        return String.valueOf(c);
      }
      int i = at % s.length();
      return switch (kind) {
        case 0 -> s.substring(0, i) + c + s.substring(i);
        case 1 -> s.substring(0, i) + s.substring(i + 1);
        case 2 -> s.substring(0, i) + c + s.substring(i + 1);
        case 3 -> s.substring(0, i);
        default -> s.substring(0, i + 1) + s.substring(i);
      };
    }
  }

  private static Set<String> documentedCodes() {
    Set<String> codes = new HashSet<>();
    for (Field f : Gs1SyntaxException.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          codes.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return codes;
  }
}
