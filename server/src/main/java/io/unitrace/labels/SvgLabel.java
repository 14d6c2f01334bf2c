package io.unitrace.labels;

import java.util.Locale;

/**
 * A label as SVG, written by hand from the module grid: one rectangle per run of dark modules in a
 * row (a whole bar for linear symbols), text as text. The user units are printer dots and the size
 * is given in millimetres (8 dots per mm), so the SVG prints at the size the layout meant.
 */
final class SvgLabel {

  private SvgLabel() {}

  static String render(LabelLayout layout) {
    StringBuilder svg = new StringBuilder(8192);
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
        .append(mm(layout.width()))
        .append("mm\" height=\"")
        .append(mm(layout.height()))
        .append("mm\" viewBox=\"0 0 ")
        .append(layout.width())
        .append(' ')
        .append(layout.height())
        .append("\">\n")
        .append("<rect width=\"")
        .append(layout.width())
        .append("\" height=\"")
        .append(layout.height())
        .append("\" fill=\"#fff\"/>\n")
        .append("<g fill=\"#000\" shape-rendering=\"crispEdges\">\n");
    for (LabelLayout.PlacedSymbol s : layout.symbols()) {
      Barcode b = s.barcode();
      int m = b.moduleDots();
      int rowHeight = b.symbology().linear() ? b.barHeightDots() : m;
      for (int row = 0; row < b.modules().getHeight(); row++) {
        int[] runs = b.darkRuns(row);
        for (int i = 0; i < runs.length; i += 2) {
          svg.append("<rect x=\"")
              .append(s.x() + runs[i] * m)
              .append("\" y=\"")
              .append(s.y() + row * m)
              .append("\" width=\"")
              .append(runs[i + 1] * m)
              .append("\" height=\"")
              .append(rowHeight)
              .append("\"/>\n");
        }
      }
    }
    svg.append("</g>\n");
    // xml:space keeps the aligning spaces of "SN   ABC"; SVG would collapse them.
    svg.append(
        "<g fill=\"#000\" font-family=\"DejaVu Sans Mono, Liberation Mono, monospace\" xml:space=\"preserve\">\n");
    for (LabelLayout.PlacedText t : layout.texts()) {
      svg.append("<text x=\"")
          .append(t.x())
          .append("\" y=\"")
          .append(t.y() + t.baseline())
          .append("\" font-size=\"")
          .append(t.size())
          .append("\">");
      escape(svg, t.text());
      svg.append("</text>\n");
    }
    return svg.append("</g>\n</svg>\n").toString();
  }

  private static String mm(int dots) {
    return String.format(Locale.ROOT, "%.3f", dots / 8.0);
  }

  /**
   * XML character data: markup characters escaped; characters XML 1.0 forbids (most controls) left
   * out.
   */
  static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if ((c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD) || c == '\t') {
            out.append(c);
          }
        }
      }
    }
  }
}
