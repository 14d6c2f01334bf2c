package io.unitrace.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.CheckDigit;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Labels read back: whatever a label says, a scanner reading the PNG, the SVG or the printed ZPL
 * gets the same GS1 elements back. Property-style over a seeded generator of units.
 */
class LabelsTest {

  private static final String CSET82 =
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  private static final String HOST = "https://id.gs1.org";
  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
  private static final List<String> PRODUCTS =
      List.of(
          "Phone X",
          "Café <Größe> & \"Co\" 'quoted'",
          "Caret ^ tilde ~ under_score",
          "日本語の製品",
          "A product name far longer than any label line has room for, really");

  @Test
  void everyUnitLabelScansBackToItsGtinSerialLotAndExpiryInPngSvgAndZpl() {
    Random random = new Random(20261130L);
    List<Symbology> symbologies = List.of(Symbology.DATAMATRIX, Symbology.GS1_128, Symbology.QR);
    for (int i = 0; i < 200; i++) {
      Label.UnitFacts unit = randomUnit(random);
      Map<String, String> expected = elementsOf(unit);
      // Each case in one symbology, in turn: reading images is what takes the time.
      for (Symbology symbology : List.of(symbologies.get(i % 3))) {
        String context = "case " + i + ", " + symbology + ", " + unit;
        Label label = Label.unit(unit, symbology, HOST);
        LabelLayout layout = LabelLayout.of(label);

        assertThat(LabelScanner.elements(LabelScanner.scanLabel(PngLabel.render(layout))))
            .as(context)
            .isEqualTo(expected);

        LabelLayout symbols = LabelLayout.of(label.symbolsOnly());
        assertThat(symbols.texts()).isEmpty();
        if (symbols.symbols().size() == 1) {
          assertThat(
                  LabelScanner.elements(List.of(LabelScanner.scanSymbol(PngLabel.render(symbols)))))
              .as(context)
              .isEqualTo(expected);
        }

        Document svg = SvgReader.parse(SvgLabel.render(layout));
        BufferedImage svgSymbols = SvgReader.raster(SvgReader.parse(SvgLabel.render(symbols)));
        List<String> svgScans =
            symbols.symbols().size() == 1
                ? List.of(LabelScanner.scanSymbol(svgSymbols))
                : LabelScanner.scanLabel(svgSymbols);
        assertThat(LabelScanner.elements(svgScans)).as(context).isEqualTo(expected);
        assertThat(humanReadable(SvgReader.texts(svg))).as(context).isEqualTo(humanReadable(unit));
        assertThat(SvgReader.texts(svg))
            .as(context)
            .contains("SN   " + unit.serial(), "GTIN " + unit.gtin().value());

        String zpl = ZplLabel.render(layout);
        assertThat(ZplReader.formats(zpl)).as(context).hasSize(1);
        assertThat(LabelScanner.elements(ZplReader.scans(zpl))).as(context).isEqualTo(expected);
        assertThat(humanReadable(ZplReader.texts(zpl))).as(context).isEqualTo(humanReadable(unit));
        if (unit.product() != null) {
          assertThat(ZplReader.texts(zpl).get(0))
              .as(context)
              .isEqualTo(SvgReader.texts(svg).get(0));
        }
      }
    }
  }

  @Test
  void aDigitalLinkQrPointsAtTheConfiguredResolver() {
    Label.UnitFacts unit =
        new Label.UnitFacts(
            new Gtin("09506000134352"), "SN 1".replace(' ', '-'), "L(1)", null, "Phone");
    String scan =
        LabelScanner.scanSymbol(
            PngLabel.render(
                LabelLayout.of(
                    Label.unit(unit, Symbology.QR, "https://dl.example.com/gs1").symbolsOnly())));
    assertThat(scan)
        .isEqualTo("]Q1https://dl.example.com/gs1/01/09506000134352/10/L%281%29/21/SN-1");
  }

  @Test
  void gs1_128CarriesAtMost48CharactersPerSymbolAndSplitsBetweenElements() {
    Label.UnitFacts unit =
        new Label.UnitFacts(
            new Gtin("09506000134352"),
            "SERIAL-OF-20-CHARS-X",
            "LOT-OF-TWENTY-CHARS-",
            LocalDate.of(2030, 1, 31),
            "Phone");
    Label label = Label.unit(unit, Symbology.GS1_128, HOST);
    List<Barcode> symbols =
        LabelLayout.of(label).symbols().stream().map(LabelLayout.PlacedSymbol::barcode).toList();
    assertThat(symbols).hasSize(2);
    assertThat(symbols).allSatisfy(b -> assertThat(b.data().length()).isLessThanOrEqualTo(48));
    assertThat(symbols.get(0).data())
        .isEqualTo("0109506000134352173001311" + "0LOT-OF-TWENTY-CHARS-");
    assertThat(symbols.get(1).data()).isEqualTo("21SERIAL-OF-20-CHARS-X");
    assertThat(symbols.get(1).humanReadable()).isEqualTo("(21)SERIAL-OF-20-CHARS-X");
    assertThat(
            LabelScanner.elements(LabelScanner.scanLabel(PngLabel.render(LabelLayout.of(label)))))
        .isEqualTo(elementsOf(unit));
  }

  @Test
  void zplDataMatrixStartsWithFnc1AndDoublesUnderscores() {
    Label.UnitFacts unit =
        new Label.UnitFacts(new Gtin("09506000134352"), "A_B", "L_1", null, null);
    String zpl = ZplLabel.render(LabelLayout.of(Label.unit(unit, Symbology.DATAMATRIX, HOST)));
    assertThat(zpl).startsWith("^XA\n").endsWith("^XZ\n");
    assertThat(zpl).contains("^BXN,4,200,,,,_^FD_10109506000134352" + "10L__1_121A__B^FS");
  }

  @Test
  void zplGs1_128StartsWithFnc1AndWritesTheGreaterThanSignAsAnInvocationCode() {
    Label.UnitFacts unit =
        new Label.UnitFacts(new Gtin("09506000134352"), "X>Y", "12345", null, null);
    String zpl = ZplLabel.render(LabelLayout.of(Label.unit(unit, Symbology.GS1_128, HOST)));
    assertThat(zpl)
        .contains(
            "^BY2^BCN,80,N,N,N^FD>;>801095060001343521012345>821X>0Y^FS"
                .replace("1012345>8", "101234>65>8"));
    assertThat(ZplReader.texts(zpl)).contains("(01)09506000134352(10)12345(21)X>Y");
  }

  @Test
  void zplTextIsHexEscapedUtf8SoCaretTildeAndUnderscoreCannotBreakTheFormat() {
    Label.UnitFacts unit =
        new Label.UnitFacts(
            new Gtin("09506000134352"), "S1", null, null, "Größe ^XZ ~JR under_score");
    String zpl = ZplLabel.render(LabelLayout.of(Label.unit(unit, Symbology.DATAMATRIX, HOST)));
    assertThat(zpl).contains("^FH_^FDGr_C3_B6_C3_9Fe _5EXZ _7EJR under_5Fscore^FS");
    assertThat(ZplReader.formats(zpl)).hasSize(1);
    assertThat(ZplReader.texts(zpl).get(0)).isEqualTo("Größe ^XZ ~JR under_score");
  }

  @Test
  void svgEscapesMarkupAndLeavesOutCharactersXmlForbids() {
    Label.UnitFacts unit =
        new Label.UnitFacts(
            new Gtin("09506000134352"),
            "S<1>&\"'",
            null,
            null,
            "<script>alert('x')</script> \u0007bell");
    Document svg =
        SvgReader.parse(
            SvgLabel.render(LabelLayout.of(Label.unit(unit, Symbology.DATAMATRIX, HOST))));
    assertThat(SvgReader.texts(svg)).contains("<script>alert('x')</script> bell", "SN   S<1>&\"'");
    assertThat(svg.getElementsByTagName("script").getLength()).isZero();
  }

  @Test
  void zplCode128DataReadsBackToTheSameCharactersWhateverTheMixOfDigitsAndSeparators() {
    Random random = new Random(7);
    String alphabet = "0123456789012345678901234567890123456789ABCxyz->^~_\u001d";
    for (int i = 0; i < 2000; i++) {
      StringBuilder data = new StringBuilder();
      int length = 1 + random.nextInt(30);
      for (int j = 0; j < length; j++) {
        data.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = data.toString();
      if (text.charAt(0) == '\u001d') {
        continue;
      }
      assertThat(ZplReader.code128(ZplLabel.code128Data(text, true)))
          .as(text)
          .isEqualTo("]C1" + text);
      assertThat(ZplReader.code128(ZplLabel.code128Data(text, false)))
          .as(text)
          .isEqualTo("]C0" + text);
    }
  }

  @Test
  void logisticLabelOfOneGtinAndLotCarriesTheContentAboveTheSsccSymbol() {
    Sscc sscc = Sscc.of(3, "9506000", 1234567L);
    Label label =
        Label.container(
            sscc,
            "PALLET",
            new Label.Contents(
                24, new Gtin("09506000134352"), "Phone X", "LOT-7", LocalDate.of(2028, 2, 29)));
    LabelLayout layout = LabelLayout.of(label);

    Map<String, String> expected =
        new TreeMap<>(
            Map.of(
                "00",
                sscc.value(),
                "02",
                "09506000134352",
                "17",
                "280229",
                "37",
                "24",
                "10",
                "LOT-7"));
    assertThat(LabelScanner.elements(LabelScanner.scanLabel(PngLabel.render(layout))))
        .isEqualTo(expected);
    assertThat(LabelScanner.elements(ZplReader.scans(ZplLabel.render(layout)))).isEqualTo(expected);
    assertThat(
            LabelScanner.elements(
                LabelScanner.scanLabel(SvgReader.raster(SvgReader.parse(SvgLabel.render(layout))))))
        .isEqualTo(expected);

    LabelLayout.PlacedSymbol last = layout.symbols().get(layout.symbols().size() - 1);
    assertThat(last.barcode().data()).isEqualTo("00" + sscc.value());
    assertThat(layout.symbols()).allSatisfy(s -> assertThat(s.y()).isLessThanOrEqualTo(last.y()));
    assertThat(last.barcode().moduleDots())
        .as("GS1: X of an SSCC symbol at least 0.495 mm")
        .isGreaterThanOrEqualTo(4);
    assertThat(ZplReader.texts(ZplLabel.render(layout)))
        .contains("(00)" + sscc.value(), "COUNT   24", "LOT     LOT-7");
  }

  @Test
  void logisticLabelOfMixedContentCarriesOnlyTheSscc() {
    Sscc sscc = Sscc.of(0, "9506000", 42L);
    LabelLayout layout =
        LabelLayout.of(
            Label.container(sscc, "CASE", new Label.Contents(3, null, null, null, null)));
    assertThat(LabelScanner.scanLabel(PngLabel.render(layout)))
        .containsExactly("]C100" + sscc.value());
    assertThat(ZplReader.texts(ZplLabel.render(layout))).contains("MIXED CONTENT", "COUNT   3");
  }

  @Test
  void locationLabelIsPlainCode128OfTheLocationCode() {
    LabelLayout layout =
        LabelLayout.of(Label.location("WH1-A-01/02.3", "Aisle A bin 1", "WH1", "STORAGE"));
    assertThat(LabelScanner.scanLabel(PngLabel.render(layout))).containsExactly("]C0WH1-A-01/02.3");
    String zpl = ZplLabel.render(layout);
    assertThat(ZplReader.scans(zpl)).containsExactly("]C0WH1-A-01/02.3");
    assertThat(zpl).doesNotContain(">8");
  }

  static Label.UnitFacts randomUnit(Random random) {
    String body = String.format("%013d", random.nextLong(10_000_000_000_000L));
    Gtin gtin = new Gtin(body + CheckDigit.compute(body));
    String serial = randomCset82(random, 1 + random.nextInt(20));
    String lot = random.nextInt(4) == 0 ? null : randomCset82(random, 1 + random.nextInt(20));
    // Within the GS1 century rule's window around today, so YYMMDD reads back as the same date.
    LocalDate expiry =
        random.nextInt(4) == 0
            ? null
            : LocalDate.now().plusDays(random.nextInt(2 * 40 * 365) - 40 * 365);
    String product = random.nextInt(5) == 0 ? null : PRODUCTS.get(random.nextInt(PRODUCTS.size()));
    return new Label.UnitFacts(gtin, serial, lot, expiry, product);
  }

  private static String randomCset82(Random random, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(CSET82.charAt(random.nextInt(CSET82.length())));
    }
    return sb.toString();
  }

  static Map<String, String> elementsOf(Label.UnitFacts u) {
    Map<String, String> m = new TreeMap<>();
    m.put("01", u.gtin().value());
    m.put("21", u.serial());
    if (u.lot() != null) {
      m.put("10", u.lot());
    }
    if (u.expiry() != null) {
      m.put("17", YYMMDD.format(u.expiry()));
    }
    return m;
  }

  /**
   * The human-readable interpretation the label must show, written out independently of the code
   * under test.
   */
  static String humanReadable(Label.UnitFacts u) {
    return "(01)"
        + u.gtin().value()
        + (u.expiry() == null ? "" : "(17)" + YYMMDD.format(u.expiry()))
        + (u.lot() == null ? "" : "(10)" + u.lot())
        + "(21)"
        + u.serial();
  }

  /** The bracketed lines of a label (one per GS1-128 symbol), joined. */
  private static String humanReadable(List<String> texts) {
    return String.join("", texts.stream().filter(t -> t.matches("\\(\\d{2,4}\\).*")).toList());
  }
}
