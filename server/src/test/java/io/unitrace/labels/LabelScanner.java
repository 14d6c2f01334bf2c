package io.unitrace.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.oned.Code128Reader;
import io.unitrace.gs1.Gs1;
import io.unitrace.gs1.Gs1Data;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Reads label images the way a scanner does and reports what it reads as scanners do: the AIM
 * symbology identifier ({@code ]d2}, {@code ]C1}, {@code ]Q1}) followed by the data, FNC1
 * separators as GS. All reading is ZXing's; this only aims it.
 */
final class LabelScanner {

  private LabelScanner() {}

  /** Everything readable on a whole label. */
  static List<String> scanLabel(byte[] png) {
    return scanLabel(image(png));
  }

  static List<String> scanLabel(BufferedImage image) {
    List<String> scans = new ArrayList<>();
    BinaryBitmap bitmap = bitmap(image);
    try {
      // The multi reader tries every triple of finder patterns: letters like 'o' in the text can
      // pass for one and would otherwise hide the symbol from the single reader.
      for (Result r : new QRCodeMultiReader().decodeMultiple(bitmap, hints(false))) {
        scans.add(reported(r));
      }
    } catch (NotFoundException noQrCode) {
      // Nothing to add: the label has none.
    }
    try {
      for (Result r :
          new GenericMultipleBarcodeReader(new Code128Reader())
              .decodeMultiple(bitmap, hints(false))) {
        scans.add(reported(r));
      }
    } catch (NotFoundException noLinearSymbol) {
      // Nothing to add: the label has none.
    }
    // ZXing's DataMatrix finder starts at the image centre, which on a label is text. A person
    // aims at the symbol; aimAtDataMatrix does that.
    BufferedImage symbol;
    try {
      symbol = aimAtDataMatrix(image, bitmap.getBlackMatrix());
    } catch (NotFoundException blank) {
      return scans;
    }
    if (symbol != null) {
      try {
        scans.add(reported(new DataMatrixReader().decode(bitmap(symbol), hints(true))));
      } catch (ReaderException notADataMatrix) {
        // The longest dark line was a bar or a QR finder: the label has no DataMatrix.
      }
    }
    return scans;
  }

  /** A symbol alone on white (the {@code layout=symbol} images), read as a pure barcode. */
  static String scanSymbol(byte[] png) {
    return scanSymbol(image(png));
  }

  static String scanSymbol(BufferedImage image) {
    try {
      return reported(new MultiFormatReader().decode(bitmap(image), hints(true)));
    } catch (NotFoundException e) {
      throw new AssertionError("no symbol readable in the image", e);
    }
  }

  /**
   * The GS1 elements of all symbols of a label, AI to value. GS1-128 symbols are joined into one
   * scan first, as a scanner's GS1 mode does: the library checks req= over one scan.
   */
  static Map<String, String> elements(List<String> scans) {
    Map<String, String> all = new TreeMap<>();
    List<String> linear = scans.stream().filter(s -> s.startsWith("]C1")).toList();
    List<String> parts = new ArrayList<>(scans.stream().filter(s -> !s.startsWith("]C1")).toList());
    if (!linear.isEmpty()) {
      parts.add(joined(linear));
    }
    for (String scan : parts) {
      all.putAll(elements(Gs1.parse(scan)));
    }
    return all;
  }

  static Map<String, String> elements(Gs1Data data) {
    Map<String, String> all = new TreeMap<>();
    data.elements().forEach(e -> all.put(e.ai(), e.value()));
    return all;
  }

  static String joined(List<String> gs1_128Scans) {
    StringBuilder sb = new StringBuilder("]C1");
    for (String s : gs1_128Scans) {
      if (sb.length() > 3) {
        sb.append('\u001d');
      }
      sb.append(s.substring(3));
    }
    return sb.toString();
  }

  private static String reported(Result r) {
    Object aim =
        r.getResultMetadata() == null
            ? null
            : r.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
    String text = r.getText();
    if (r.getBarcodeFormat() == BarcodeFormat.CODE_128 && text.startsWith("]C1")) {
      return text; // ASSUME_GS1 already put the identifier in front
    }
    if (aim == null && r.getBarcodeFormat() == BarcodeFormat.QR_CODE) {
      aim = "]Q1"; // QRCodeMultiReader leaves it out; QR with plain data (no FNC1, no ECI) is ]Q1
    }
    return (aim == null ? "" : aim.toString()) + text;
  }

  /**
   * The DataMatrix's solid "L": the longest dark vertical line is its left edge, the bottom edge
   * runs right from its foot.
   */
  private static BufferedImage aimAtDataMatrix(BufferedImage image, BitMatrix dark) {
    int bestX = -1;
    int bestEnd = -1;
    int bestLength = 0;
    for (int x = 0; x < dark.getWidth(); x++) {
      int run = 0;
      for (int y = 0; y <= dark.getHeight(); y++) {
        if (y < dark.getHeight() && dark.get(x, y)) {
          run++;
        } else {
          if (run > bestLength) {
            bestLength = run;
            bestX = x;
            bestEnd = y - 1;
          }
          run = 0;
        }
      }
    }
    if (bestLength < 20) {
      return null;
    }
    int right = bestX;
    while (right + 1 < dark.getWidth() && dark.get(right + 1, bestEnd)) {
      right++;
    }
    int margin = 8;
    int x0 = Math.max(0, bestX - margin);
    int y0 = Math.max(0, bestEnd - bestLength + 1 - margin);
    int x1 = Math.min(image.getWidth(), right + 1 + margin);
    int y1 = Math.min(image.getHeight(), bestEnd + 1 + margin);
    return image.getSubimage(x0, y0, x1 - x0, y1 - y0);
  }

  /** Pure: a symbol alone on white, read with PURE_BARCODE. */
  private static Map<DecodeHintType, Object> hints(boolean pure) {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.ASSUME_GS1, Boolean.TRUE);
    // Only what labels carry: with every format on, ZXing finds EAN-8s in lines of digits of text.
    hints.put(
        DecodeHintType.POSSIBLE_FORMATS,
        List.of(BarcodeFormat.DATA_MATRIX, BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE));
    if (pure) {
      hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    }
    return hints;
  }

  private static BinaryBitmap bitmap(BufferedImage image) {
    return new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
  }

  static BufferedImage image(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new AssertionError("not a PNG image");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
