package io.unitrace.labels;

import com.google.zxing.common.BitMatrix;
import java.util.Arrays;

/**
 * One symbol on a label. {@code data} is what a scanner reports from it, without the symbology
 * identifier: for GS1 symbols the raw element string with FNC1 separators written as GS (0x1D) and
 * the leading FNC1 implied; for QR the Digital Link URI; for Code 128 the text. {@code
 * humanReadable} is printed under it. Sizes are in printer dots (203 dpi, 8 dots per mm): {@code
 * moduleDots} is the X dimension, {@code barHeightDots} the height of a linear symbol.
 */
record Barcode(
    Symbology symbology,
    String data,
    String humanReadable,
    BitMatrix modules,
    int moduleDots,
    int barHeightDots) {

  static Barcode of(
      Symbology symbology, String data, String humanReadable, int moduleDots, int barHeightDots) {
    return new Barcode(
        symbology, data, humanReadable, symbology.encode(data), moduleDots, barHeightDots);
  }

  int widthDots() {
    return modules.getWidth() * moduleDots;
  }

  int heightDots() {
    return symbology.linear() ? barHeightDots : modules.getHeight() * moduleDots;
  }

  int quietZoneDots() {
    return symbology.quietZone() * moduleDots;
  }

  /**
   * Dark runs of one module row as {start, length} pairs, in modules: one rectangle each in SVG and
   * PNG.
   */
  int[] darkRuns(int row) {
    int[] runs = new int[modules.getWidth() + 1];
    int n = 0;
    int x = 0;
    while (x < modules.getWidth()) {
      if (!modules.get(x, row)) {
        x++;
        continue;
      }
      int start = x;
      while (x < modules.getWidth() && modules.get(x, row)) {
        x++;
      }
      runs[n++] = start;
      runs[n++] = x - start;
    }
    return Arrays.copyOf(runs, n);
  }
}
