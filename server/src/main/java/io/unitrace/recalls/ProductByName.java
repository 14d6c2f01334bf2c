package io.unitrace.recalls;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.Problem;

/** A product as a person names it in a recall or a trace: its SKU, or one of its GTINs. */
final class ProductByName {

  private ProductByName() {}

  /** The product by SKU, else by GTIN (8, 12, 13 or 14 digits); refusals name {@code product}. */
  static Product find(Catalog catalog, long tenant, String text) {
    var bySku = catalog.bySku(tenant, text);
    if (bySku.isPresent()) {
      return bySku.get();
    }
    if (text.matches("\\d{8}|\\d{12,14}")) {
      try {
        var byGtin = catalog.byGtin(tenant, new Gtin("0".repeat(14 - text.length()) + text));
        if (byGtin.isPresent()) {
          return byGtin.get();
        }
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-field", "product", e.getMessage());
      }
    }
    throw Problem.badRequest("unknown-product", "product", "no product " + text);
  }
}
