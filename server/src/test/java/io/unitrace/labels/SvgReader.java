package io.unitrace.labels;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the SVG labels back: a strict XML parse (so it must be well-formed), its text, and its
 * rectangles drawn as an image.
 */
final class SvgReader {

  static final String SVG = "http://www.w3.org/2000/svg";

  private SvgReader() {}

  static Document parse(String svg) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("the SVG is not well-formed XML: " + e.getMessage(), e);
    }
  }

  static List<String> texts(Document svg) {
    NodeList nodes = svg.getElementsByTagNameNS(SVG, "text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  /**
   * The dark rectangles (fill inherited from their group) drawn on white at one pixel per user
   * unit.
   */
  static BufferedImage raster(Document svg) {
    String[] box = svg.getDocumentElement().getAttribute("viewBox").split(" ");
    BufferedImage image =
        new BufferedImage(
            Integer.parseInt(box[2]), Integer.parseInt(box[3]), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    NodeList rects = svg.getElementsByTagNameNS(SVG, "rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element r = (Element) rects.item(i);
      if (r.hasAttribute("fill")) {
        continue; // the white background
      }
      g.fillRect(
          Integer.parseInt(r.getAttribute("x")),
          Integer.parseInt(r.getAttribute("y")),
          Integer.parseInt(r.getAttribute("width")),
          Integer.parseInt(r.getAttribute("height")));
    }
    g.dispose();
    return image;
  }
}
