package io.unitrace.labels;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * A label as a PNG: one pixel per printer dot, tagged 203 dpi so that printing it at 100 % gives
 * the sizes the layout meant. Modules are drawn as whole pixels, never scaled or smoothed.
 */
final class PngLabel {

  /** 203 dots per inch in the unit PNG knows: 7992 per metre. */
  private static final String DOTS_PER_METRE = "7992";

  private PngLabel() {}

  static byte[] render(LabelLayout layout) {
    BufferedImage image =
        new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, layout.width(), layout.height());
      g.setColor(Color.BLACK);
      for (LabelLayout.PlacedSymbol s : layout.symbols()) {
        Barcode b = s.barcode();
        int m = b.moduleDots();
        int rowHeight = b.symbology().linear() ? b.barHeightDots() : m;
        for (int row = 0; row < b.modules().getHeight(); row++) {
          int[] runs = b.darkRuns(row);
          for (int i = 0; i < runs.length; i += 2) {
            g.fillRect(s.x() + runs[i] * m, s.y() + row * m, runs[i + 1] * m, rowHeight);
          }
        }
      }
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      for (LabelLayout.PlacedText t : layout.texts()) {
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, t.size()));
        g.drawString(t.text(), t.x(), t.y() + t.baseline());
      }
    } finally {
      g.dispose();
    }
    return png(image);
  }

  private static byte[] png(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
      IIOMetadataNode physical = new IIOMetadataNode("pHYs");
      physical.setAttribute("pixelsPerUnitXAxis", DOTS_PER_METRE);
      physical.setAttribute("pixelsPerUnitYAxis", DOTS_PER_METRE);
      physical.setAttribute("unitSpecifier", "meter");
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
      root.appendChild(physical);
      metadata.mergeTree("javax_imageio_png_1.0", root);
      writer.setOutput(out);
      writer.write(new IIOImage(image, null, metadata));
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }
}
