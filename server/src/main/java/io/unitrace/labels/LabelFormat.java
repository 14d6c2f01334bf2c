package io.unitrace.labels;

import io.unitrace.shared.Problem;
import org.springframework.http.MediaType;

/** What a label comes as: an image for any printer or screen, or ZPL for Zebra label printers. */
enum LabelFormat {
  PNG(MediaType.IMAGE_PNG, "png"),
  SVG(MediaType.valueOf("image/svg+xml"), "svg"),
  ZPL(MediaType.valueOf("application/zpl;charset=UTF-8"), "zpl");

  final MediaType mediaType;
  final String extension;

  LabelFormat(MediaType mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  static LabelFormat of(String parameter, LabelFormat fallback) {
    if (parameter == null || parameter.isBlank()) {
      return fallback;
    }
    for (LabelFormat f : values()) {
      if (f.extension.equalsIgnoreCase(parameter.strip())) {
        return f;
      }
    }
    throw Problem.badRequest(
        "invalid-parameter", "format", "format is png, svg or zpl, not '" + parameter + "'");
  }
}
