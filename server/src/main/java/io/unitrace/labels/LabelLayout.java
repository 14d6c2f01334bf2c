package io.unitrace.labels;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each block of a label goes, in printer dots (203 dpi), computed once so that PNG, SVG and
 * ZPL print the same label. Blocks stack from the top; each symbol keeps its quiet zone and has its
 * human-readable line under it. The width follows the widest block, estimating text at 0.6 of its
 * height per character (a monospaced font; ZPL's font 0 is a little narrower).
 */
record LabelLayout(int width, int height, List<PlacedText> texts, List<PlacedSymbol> symbols) {

  /** {@code y} is the top of the line; the baseline is at {@code y + baseline()}. */
  record PlacedText(int x, int y, int size, String text) {

    int baseline() {
      return Math.round(size * 0.8f);
    }
  }

  record PlacedSymbol(int x, int y, Barcode barcode) {}

  static final int MARGIN = 24;
  private static final int LINE_GAP = 8;

  /**
   * Space between a linear symbol and the text above or below it; they need no quiet zone there.
   */
  private static final int LINEAR_GAP = 12;

  static LabelLayout of(Label label) {
    List<PlacedText> texts = new ArrayList<>();
    List<PlacedSymbol> symbols = new ArrayList<>();
    int y = MARGIN;
    int right = MARGIN;
    for (Label.Block block : label.blocks()) {
      if (block instanceof Label.Text t) {
        texts.add(new PlacedText(MARGIN, y, t.size(), t.text()));
        right = Math.max(right, MARGIN + textWidth(t.text(), t.size()));
        y += t.size() + LINE_GAP;
      } else if (block instanceof Label.Symbol s) {
        Barcode b = s.barcode();
        int quiet = b.quietZoneDots();
        int vertical = b.symbology().linear() ? LINEAR_GAP : quiet;
        y += vertical;
        symbols.add(new PlacedSymbol(MARGIN + quiet, y, b));
        right = Math.max(right, MARGIN + quiet + b.widthDots() + quiet);
        y += b.heightDots() + vertical;
        if (label.withHumanReadable()) {
          texts.add(new PlacedText(MARGIN, y, Label.LINE, b.humanReadable()));
          right = Math.max(right, MARGIN + textWidth(b.humanReadable(), Label.LINE));
          y += Label.LINE + LINE_GAP;
        }
      }
    }
    return new LabelLayout(
        right + MARGIN, y + MARGIN - LINE_GAP, List.copyOf(texts), List.copyOf(symbols));
  }

  static int textWidth(String text, int size) {
    return (int) Math.ceil(text.codePointCount(0, text.length()) * size * 0.6);
  }
}
