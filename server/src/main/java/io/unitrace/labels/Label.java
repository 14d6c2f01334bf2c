package io.unitrace.labels;

import io.unitrace.gs1.Element;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a label shows, top to bottom: lines of text and symbols, each symbol with its human-readable
 * line under it unless {@code withHumanReadable} is off. The three kinds Unitrace prints are built
 * here from plain facts, so that what goes on a label can be tested without a database; {@link
 * LabelLayout} places the blocks and the PNG, SVG and ZPL writers draw the same placement.
 */
record Label(String name, List<Block> blocks, boolean withHumanReadable) {

  sealed interface Block permits Text, Symbol {}

  /** A line of text, {@code size} dots high. */
  record Text(String text, int size) implements Block {}

  record Symbol(Barcode barcode) implements Block {}

  static final int TITLE = 32;
  static final int LINE = 24;
  private static final int MAX_LINE = 40;
  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

  /** A serialized unit: {@code lot}, {@code expiry} and {@code product} may be null. */
  record UnitFacts(Gtin gtin, String serial, String lot, LocalDate expiry, String product) {}

  /**
   * What a container holds, all levels of nesting: {@code gtin} is set when all units share one,
   * {@code lot} (with its {@code expiry}) when they also share one lot.
   */
  record Contents(long count, Gtin gtin, String product, String lot, LocalDate expiry) {}

  /**
   * A unit label: (01) GTIN, (17) expiry, (10) lot, (21) serial — fixed-length elements first, so
   * only the lot needs a separator. GS1 DataMatrix, GS1-128 (split when longer than one symbol may
   * be) or a QR code with the GS1 Digital Link URI on {@code digitalLinkHost}.
   */
  static Label unit(UnitFacts u, Symbology symbology, String digitalLinkHost) {
    List<Element> elements = new ArrayList<>(4);
    elements.add(new Element("01", u.gtin().value()));
    if (u.expiry() != null) {
      elements.add(new Element("17", YYMMDD.format(u.expiry())));
    }
    if (u.lot() != null) {
      elements.add(new Element("10", u.lot()));
    }
    elements.add(new Element("21", u.serial()));
    Gs1Data data = Gs1Symbols.validated(elements);
    List<Block> blocks = new ArrayList<>();
    if (u.product() != null && !u.product().isBlank()) {
      blocks.add(new Text(shorten(u.product()), TITLE));
    }
    switch (symbology) {
      case DATAMATRIX -> blocks.add(new Symbol(Gs1Symbols.dataMatrix(data, 4)));
      case QR -> blocks.add(new Symbol(Gs1Symbols.digitalLinkQr(data, digitalLinkHost, 4)));
      case GS1_128 ->
          Gs1Symbols.gs1_128(data, ai -> true, 2, 80).forEach(b -> blocks.add(new Symbol(b)));
      default -> throw new IllegalArgumentException(symbology + " is not for unit labels");
    }
    blocks.add(new Text("GTIN " + u.gtin().value(), LINE));
    blocks.add(new Text("SN   " + u.serial(), LINE));
    if (u.lot() != null) {
      blocks.add(new Text("LOT  " + u.lot(), LINE));
    }
    if (u.expiry() != null) {
      blocks.add(new Text("EXP  " + u.expiry(), LINE));
    }
    return new Label("unit-" + u.gtin().value() + "-" + u.serial(), blocks, true);
  }

  /**
   * A GS1 logistic label: what the container holds in words and, when it holds one GTIN, in a
   * GS1-128 symbol ((02) GTIN of the contents, (17) expiry, (37) count, (10) lot); the SSCC (00) as
   * the last symbol at the bottom, as GS1 Logistic Label Guideline places it.
   */
  static Label container(Sscc sscc, String kind, Contents c) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Text("SSCC " + sscc.value(), TITLE));
    blocks.add(new Text(kind, LINE));
    // Validated as one: GS1 allows (02) and (37) only on a logistic unit, i.e. with its (00).
    List<Element> elements = new ArrayList<>(5);
    if (c.count() == 0) {
      blocks.add(new Text("EMPTY", LINE));
    } else if (c.gtin() == null) {
      blocks.add(new Text("MIXED CONTENT", LINE));
      blocks.add(new Text("COUNT   " + c.count(), LINE));
    } else {
      if (c.product() != null && !c.product().isBlank()) {
        blocks.add(new Text(shorten(c.product()), LINE));
      }
      blocks.add(new Text("CONTENT " + c.gtin().value(), LINE));
      blocks.add(new Text("COUNT   " + c.count(), LINE));
      elements.add(new Element("02", c.gtin().value()));
      if (c.lot() != null) {
        blocks.add(new Text("LOT     " + c.lot(), LINE));
        if (c.expiry() != null) {
          blocks.add(new Text("EXP     " + c.expiry(), LINE));
          elements.add(new Element("17", YYMMDD.format(c.expiry())));
        }
      }
      elements.add(new Element("37", Long.toString(c.count())));
      if (c.lot() != null) {
        elements.add(new Element("10", c.lot()));
      }
    }
    elements.add(new Element("00", sscc.value()));
    Gs1Data data = Gs1Symbols.validated(elements);
    Gs1Symbols.gs1_128(data, ai -> !ai.equals("00"), 3, 120)
        .forEach(b -> blocks.add(new Symbol(b)));
    // GS1 logistic labels print the SSCC symbol with an X dimension of at least 0.495 mm: 4 dots.
    Gs1Symbols.gs1_128(data, ai -> ai.equals("00"), 4, 256).forEach(b -> blocks.add(new Symbol(b)));
    return new Label("container-" + sscc.value(), blocks, true);
  }

  /** A location label: its code large, in plain Code 128, with name, warehouse and type. */
  static Label location(String code, String name, String warehouse, String type) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Text(code, TITLE));
    blocks.add(new Symbol(Barcode.of(Symbology.CODE_128, code, code, 3, 120)));
    if (name != null && !name.isBlank() && !name.equals(code)) {
      blocks.add(new Text(shorten(name), LINE));
    }
    blocks.add(new Text(warehouse + " " + type, LINE));
    return new Label("location-" + code, blocks, true);
  }

  /** The same label with its symbols only, no text: to place on a document of one's own. */
  Label symbolsOnly() {
    return new Label(name, blocks.stream().filter(b -> b instanceof Symbol).toList(), false);
  }

  private static String shorten(String text) {
    String t = text.strip();
    return t.codePointCount(0, t.length()) <= MAX_LINE
        ? t
        : t.substring(0, t.offsetByCodePoints(0, MAX_LINE - 3)) + "...";
  }
}
