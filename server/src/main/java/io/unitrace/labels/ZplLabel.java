package io.unitrace.labels;

import java.nio.charset.StandardCharsets;

/**
 * A label in ZPL II for Zebra printers (203 dpi), one {@code ^XA ... ^XZ} format per label.
 *
 * <ul>
 *   <li>GS1 DataMatrix: {@code ^BX} quality 200 with the escape character set to {@code _}
 *       explicitly (firmware defaults differ): {@code _1} is FNC1 — first, it makes the symbol GS1
 *       — and {@code __} a literal underscore. No {@code ^FH} on this field, since its default
 *       indicator is the same {@code _}; GS1 data holds no {@code ^} or {@code ~}.
 *   <li>GS1-128 and Code 128: {@code ^BC} in mode N with the code sets chosen here: {@code >;}
 *       starts code C and {@code >:} code B, {@code >8} is FNC1 (after the start, it makes the
 *       symbol GS1-128), {@code >5} and {@code >6} switch to C and B, {@code >0} is a literal
 *       {@code >}. The printer's own interpretation line is off: ours, with brackets, is a text
 *       field under the symbol.
 *   <li>QR: {@code ^BQ} model 2, error correction M, the Digital Link URI as plain data.
 *   <li>Text: font 0 with {@code ^FH} so that {@code ^ ~ _} and any non-ASCII character go as
 *       {@code _XX} UTF-8 bytes ({@code ^CI28}).
 * </ul>
 */
final class ZplLabel {

  private ZplLabel() {}

  static String render(LabelLayout layout) {
    StringBuilder zpl = new StringBuilder(1024);
    zpl.append("^XA\n^CI28\n^PW")
        .append(layout.width())
        .append("\n^LL")
        .append(layout.height())
        .append("\n^LH0,0\n");
    for (LabelLayout.PlacedText t : layout.texts()) {
      zpl.append("^FO")
          .append(t.x())
          .append(',')
          .append(t.y())
          .append("^A0N,")
          .append(t.size())
          .append(',')
          .append(t.size())
          .append("^FH_^FD")
          .append(hexEscaped(t.text()))
          .append("^FS\n");
    }
    for (LabelLayout.PlacedSymbol s : layout.symbols()) {
      Barcode b = s.barcode();
      zpl.append("^FO").append(s.x()).append(',').append(s.y());
      switch (b.symbology()) {
        case DATAMATRIX ->
            zpl.append("^BXN,")
                .append(b.moduleDots())
                .append(",200,,,,_^FD")
                .append(dataMatrixData(b.data()));
        case GS1_128 ->
            zpl.append("^BY")
                .append(b.moduleDots())
                .append("^BCN,")
                .append(b.barHeightDots())
                .append(",N,N,N^FD")
                .append(code128Data(b.data(), true));
        case CODE_128 ->
            zpl.append("^BY")
                .append(b.moduleDots())
                .append("^BCN,")
                .append(b.barHeightDots())
                .append(",N,N,N^FD")
                .append(code128Data(b.data(), false));
        case QR ->
            zpl.append("^BQN,2,").append(b.moduleDots()).append("^FDMA,").append(plain(b.data()));
      }
      zpl.append("^FS\n");
    }
    return zpl.append("^XZ\n").toString();
  }

  /** GS1 DataMatrix field data: FNC1 first, GS separators as FNC1, underscores doubled. */
  static String dataMatrixData(String raw) {
    StringBuilder out = new StringBuilder(raw.length() + 8).append("_1");
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == Symbology.GS) {
        out.append("_1");
      } else if (c == '_') {
        out.append("__");
      } else {
        out.append(plain(c));
      }
    }
    return out.toString();
  }

  /**
   * Code 128 field data for mode N: code C for runs of digits (two per symbol character), code B
   * for the rest; a switch to C only pays from four digits on. With {@code gs1}, FNC1 follows the
   * start and stands for every GS of the data.
   */
  static String code128Data(String data, boolean gs1) {
    StringBuilder out = new StringBuilder(data.length() * 2 + 8);
    int n = data.length();
    int leading = digitRun(data, 0);
    boolean codeC = leading >= 4 || (leading == n && n % 2 == 0);
    out.append(codeC ? ">;" : ">:");
    if (gs1) {
      out.append(">8");
    }
    int i = 0;
    while (i < n) {
      char c = data.charAt(i);
      if (c == Symbology.GS) {
        out.append(">8");
        i++;
      } else if (codeC) {
        if (i + 1 < n && isDigit(c) && isDigit(data.charAt(i + 1))) {
          out.append(c).append(data.charAt(i + 1));
          i += 2;
        } else {
          out.append(">6");
          codeC = false;
        }
      } else {
        int run = digitRun(data, i);
        if (run >= 4) {
          if (run % 2 == 1) {
            out.append(c);
            i++;
          }
          out.append(">5");
          codeC = true;
        } else {
          out.append(
              switch (c) {
                case '>' -> ">0";
                case '^' -> "><";
                case '~' -> ">=";
                default -> String.valueOf(plain(c));
              });
          i++;
        }
      }
    }
    return out.toString();
  }

  /** Text field data under {@code ^FH_}: every byte that is not plain printable ASCII as _XX. */
  static String hexEscaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int v = b & 0xff;
      if (v < 0x20 || v == 0x7f) {
        continue;
      }
      if (v > 0x7e || v == '^' || v == '~' || v == '_') {
        out.append('_')
            .append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(v & 0xf, 16)));
      } else {
        out.append((char) v);
      }
    }
    return out.toString();
  }

  private static String plain(String data) {
    for (int i = 0; i < data.length(); i++) {
      plain(data.charAt(i));
    }
    return data;
  }

  /**
   * Symbol data reaches here validated (GS1 character sets, location codes): a caret or tilde would
   * be a bug.
   */
  private static char plain(char c) {
    if (c < 0x20 || c > 0x7e || c == '^' || c == '~') {
      throw new IllegalArgumentException(
          "character U+" + Integer.toHexString(c) + " cannot go into ZPL symbol data");
    }
    return c;
  }

  private static int digitRun(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i - from;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
