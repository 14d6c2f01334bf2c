package io.unitrace.labels;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.encoder.DefaultPlacement;
import com.google.zxing.datamatrix.encoder.ErrorCorrection;
import com.google.zxing.datamatrix.encoder.SymbolInfo;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;

/**
 * GS1 DataMatrix (ECC 200, square) from a raw GS1 element string.
 *
 * <p>Why not ZXing's {@code DataMatrixWriter} with {@code GS1_FORMAT}: in ZXing 3.5.3 that hint is
 * honoured only by the minimal encoder ({@code DATA_MATRIX_COMPACT}), and that encoder is wrong for
 * some GS1 data — symbols that read back with characters that were never encoded (e.g. a serial
 * {@code K(D;PWpt:2MQEV?1h8} came back with {@code OKY6cj} and U+0014 appended), and an internal
 * assertion failing in its C40 path for others. So the data codewords are made here in ASCII
 * encodation only — FNC1 (232) first and for every GS, two digits per codeword (130 + nn), any
 * other character as its code + 1 — the simplest encodation every reader handles, and as compact as
 * C40 would be for the digits GS1 data mostly is. ZXing's public ECC 200 classes pick the symbol
 * size, add the Reed-Solomon codewords and place the modules.
 */
final class Gs1DataMatrix {

  private static final char FNC1 = 232;
  private static final char PAD = 129;

  private Gs1DataMatrix() {}

  static BitMatrix encode(String raw) {
    StringBuilder codewords = new StringBuilder(raw.length() + 8).append(FNC1);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (isDigit(c) && i + 1 < raw.length() && isDigit(raw.charAt(i + 1))) {
        codewords.append((char) (130 + (c - '0') * 10 + (raw.charAt(i + 1) - '0')));
        i++;
      } else if (c == Symbology.GS) {
        codewords.append(FNC1);
      } else if (c < 128) {
        codewords.append((char) (c + 1));
      } else {
        throw new IllegalArgumentException(
            "GS1 data is ASCII; U+" + Integer.toHexString(c) + " is not");
      }
    }
    SymbolInfo symbol = SymbolInfo.lookup(codewords.length(), SymbolShapeHint.FORCE_SQUARE);
    // ISO/IEC 16022 5.2.3: the first pad is 129, the following ones are scrambled (253-state).
    if (codewords.length() < symbol.getDataCapacity()) {
      codewords.append(PAD);
    }
    while (codewords.length() < symbol.getDataCapacity()) {
      int position = codewords.length() + 1;
      int pad = PAD + ((149 * position) % 253) + 1;
      codewords.append((char) (pad <= 254 ? pad : pad - 254));
    }
    DefaultPlacement placement =
        new DefaultPlacement(
            ErrorCorrection.encodeECC200(codewords.toString(), symbol),
            symbol.getSymbolDataWidth(),
            symbol.getSymbolDataHeight());
    placement.place();
    return modules(placement, symbol);
  }

  /**
   * The data regions with their finder (solid left and bottom edges) and clock (alternating top and
   * right edges) patterns.
   */
  private static BitMatrix modules(DefaultPlacement placement, SymbolInfo symbol) {
    BitMatrix matrix = new BitMatrix(symbol.getSymbolWidth(), symbol.getSymbolHeight());
    int matrixY = 0;
    for (int y = 0; y < symbol.getSymbolDataHeight(); y++) {
      if (y % symbol.matrixHeight == 0) {
        for (int x = 0; x < symbol.getSymbolWidth(); x += 2) {
          matrix.set(x, matrixY);
        }
        matrixY++;
      }
      int matrixX = 0;
      for (int x = 0; x < symbol.getSymbolDataWidth(); x++) {
        if (x % symbol.matrixWidth == 0) {
          matrix.set(matrixX, matrixY);
          matrixX++;
        }
        if (placement.getBit(x, y)) {
          matrix.set(matrixX, matrixY);
        }
        matrixX++;
        if (x % symbol.matrixWidth == symbol.matrixWidth - 1) {
          if (y % 2 == 0) {
            matrix.set(matrixX, matrixY);
          }
          matrixX++;
        }
      }
      matrixY++;
      if (y % symbol.matrixHeight == symbol.matrixHeight - 1) {
        for (int x = 0; x < symbol.getSymbolWidth(); x++) {
          matrix.set(x, matrixY);
        }
        matrixY++;
      }
    }
    return matrix;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
