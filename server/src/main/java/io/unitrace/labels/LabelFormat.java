package io.unitrace.labels;

import io.unitrace.shared.Problem;

/** What a label comes as: an image for any printer or screen, or ZPL for Zebra label printers. */
enum LabelFormat {
  PNG("image/png", "png"),
  SVG("image/svg+xml", "svg"),
  ZPL("application/zpl;charset=UTF-8", "zpl");

  /** The HTTP Content-Type of the label. */
  final String contentType;

  final String extension;

  LabelFormat(String contentType, String extension) {
    this.contentType = contentType;
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
