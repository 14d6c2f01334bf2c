package io.unitrace.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.unitrace.shared.Problem;
import java.util.Map;

/**
 * The symbols Unitrace prints, each turned into a grid of modules (one module per bit, no quiet
 * zone; one row for the linear ones) by ZXing's writers, DataMatrix by {@link Gs1DataMatrix}.
 * {@link #CODE_128} is plain Code 128 for location codes; the others carry GS1 data.
 */
enum Symbology {

  /**
   * GS1 DataMatrix: FNC1 in first position, FNC1 (written GS in the data) after variable-length
   * values.
   */
  DATAMATRIX("datamatrix", 2) {
    @Override
    BitMatrix encode(String data) {
      return Gs1DataMatrix.encode(data);
    }
  },

  /** GS1-128: Code 128 with FNC1 after the start character and as separator. */
  GS1_128("gs1-128", 10) {
    @Override
    BitMatrix encode(String data) {
      // ZXing's Code128Writer takes no GS1 hint; FNC1 is its escape character U+00F1.
      return row(
          new Code128Writer()
              .encode(FNC1 + data.replace(GS, FNC1), Map.of(EncodeHintType.CODE128_COMPACT, true)));
    }
  },

  /**
   * QR Code carrying a GS1 Digital Link URI, as plain data (no FNC1), as the Digital Link standard
   * asks.
   */
  QR("qr", 4) {
    @Override
    BitMatrix encode(String data) {
      try {
        return new QRCodeWriter()
            .encode(
                data,
                BarcodeFormat.QR_CODE,
                0,
                0,
                Map.of(
                    EncodeHintType.MARGIN,
                    0,
                    EncodeHintType.ERROR_CORRECTION,
                    ErrorCorrectionLevel.M));
      } catch (WriterException e) {
        throw new IllegalArgumentException(
            "too much data for a QR code: " + data.length() + " characters", e);
      }
    }
  },

  /** Plain Code 128, e.g. a location code. */
  CODE_128("code128", 10) {
    @Override
    BitMatrix encode(String data) {
      return row(new Code128Writer().encode(data, Map.of(EncodeHintType.CODE128_COMPACT, true)));
    }
  };

  static final char GS = '\u001d';
  private static final char FNC1 = '\u00f1';

  private final String parameter;
  private final int quietZone;

  Symbology(String parameter, int quietZone) {
    this.parameter = parameter;
    this.quietZone = quietZone;
  }

  abstract BitMatrix encode(String data);

  /**
   * The light margin kept on every side, in modules: at least what ISO/IEC 16022, 18004 and 15417
   * ask (1, 4, 10).
   */
  int quietZone() {
    return quietZone;
  }

  boolean linear() {
    return this == GS1_128 || this == CODE_128;
  }

  /** The symbology a unit label may ask for in {@code ?symbology=}; DataMatrix when not given. */
  static Symbology forUnitLabel(String parameter) {
    if (parameter == null || parameter.isBlank()) {
      return DATAMATRIX;
    }
    for (Symbology s : new Symbology[] {DATAMATRIX, GS1_128, QR}) {
      if (s.parameter.equalsIgnoreCase(parameter.strip())) {
        return s;
      }
    }
    throw Problem.badRequest(
        "invalid-parameter",
        "symbology",
        "symbology is datamatrix, gs1-128 or qr, not '" + parameter + "'");
  }

  private static BitMatrix row(boolean[] modules) {
    BitMatrix row = new BitMatrix(modules.length, 1);
    for (int x = 0; x < modules.length; x++) {
      if (modules[x]) {
        row.set(x, 0);
      }
    }
    return row;
  }
}
