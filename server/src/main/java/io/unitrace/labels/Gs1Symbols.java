package io.unitrace.labels;

import io.unitrace.gs1.Element;
import io.unitrace.gs1.Gs1;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gs1SyntaxException;
import io.unitrace.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** GS1 data on labels: validated by the GS1 library, then cut into symbols. */
final class Gs1Symbols {

  /** GS1 General Specifications 5.4.1: a GS1-128 symbol carries at most 48 data characters. */
  static final int GS1_128_MAX_CHARACTERS = 48;

  private Gs1Symbols() {}

  /** The elements as the GS1 library reads them back, refused if they break a GS1 rule. */
  static Gs1Data validated(List<Element> elements) {
    try {
      return Gs1.parse(Gs1.elementString(elements));
    } catch (Gs1SyntaxException e) {
      throw Problem.unprocessable(
              "gs1-" + e.code(), "label", "the label data is not valid GS1: " + e.getMessage())
          .with("ai", e.ai());
    }
  }

  /**
   * {@code (01)09506000134352(10)AB(C}: what people read under a symbol, without the escapes of
   * bracketed syntax.
   */
  static String humanReadable(List<Element> elements) {
    StringBuilder sb = new StringBuilder();
    for (Element e : elements) {
      sb.append('(').append(e.ai()).append(')').append(e.value());
    }
    return sb.toString();
  }

  static Barcode dataMatrix(Gs1Data data, int moduleDots) {
    return Barcode.of(
        Symbology.DATAMATRIX, data.toRaw(), humanReadable(data.elements()), moduleDots, 0);
  }

  static Barcode digitalLinkQr(Gs1Data data, String digitalLinkHost, int moduleDots) {
    return Barcode.of(
        Symbology.QR,
        data.toDigitalLink(digitalLinkHost),
        humanReadable(data.elements()),
        moduleDots,
        0);
  }

  /**
   * GS1-128 symbols for the elements of {@code data} whose AI {@code include} accepts, in order,
   * each within 48 data characters: a label that holds more carries several symbols, as GS1
   * logistic labels do. A scanner joins them again.
   */
  static List<Barcode> gs1_128(
      Gs1Data data, Predicate<String> include, int moduleDots, int barHeightDots) {
    // Where the library puts a separator: after a value of variable length that another element
    // follows. Leaving elements out keeps that true for the rest, as the order is kept.
    String raw = data.toRaw();
    List<Element> all = data.elements();
    List<Element> elements = new ArrayList<>(all.size());
    List<Boolean> separators = new ArrayList<>(all.size());
    int at = 0;
    for (Element e : all) {
      at += e.ai().length() + e.value().length();
      boolean gs = at < raw.length() && raw.charAt(at) == Symbology.GS;
      if (gs) {
        at++;
      }
      if (include.test(e.ai())) {
        elements.add(e);
        separators.add(gs);
      }
    }
    boolean[] separated = new boolean[elements.size()];
    for (int i = 0; i < separated.length; i++) {
      separated[i] = separators.get(i);
    }
    List<Barcode> symbols = new ArrayList<>();
    int start = 0;
    while (start < elements.size()) {
      int end = start;
      int length = 0;
      while (end < elements.size()) {
        int add =
            (end > start && separated[end - 1] ? 1 : 0)
                + elements.get(end).ai().length()
                + elements.get(end).value().length();
        if (end > start && length + add > GS1_128_MAX_CHARACTERS) {
          break;
        }
        length += add;
        end++;
      }
      StringBuilder symbol = new StringBuilder(length);
      for (int i = start; i < end; i++) {
        if (i > start && separated[i - 1]) {
          symbol.append(Symbology.GS);
        }
        symbol.append(elements.get(i).ai()).append(elements.get(i).value());
      }
      symbols.add(
          Barcode.of(
              Symbology.GS1_128,
              symbol.toString(),
              humanReadable(elements.subList(start, end)),
              moduleDots,
              barHeightDots));
      start = end;
    }
    return symbols;
  }
}
