package io.unitrace.catalog;

/**
 * What a product's tracking demands of each unit or quantity named for it. {@link #code()} is the
 * stable name clients see in a refusal; the ledger's stock book answers {@code serialized} for
 * {@link #SERIAL_REQUIRED} when it is given a quantity.
 */
public enum TrackingRule {
  SERIAL_REQUIRED("serial-required"),
  NOT_SERIALIZED("not-serialized"),
  LOT_REQUIRED("lot-required"),
  NOT_LOT_TRACKED("not-lot-tracked"),
  EXPIRY_REQUIRED("expiry-required");

  private final String code;

  TrackingRule(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The refusal as a person reads it, naming the product. */
  public String message(Product product) {
    String sku = product.sku();
    return switch (this) {
      case SERIAL_REQUIRED -> sku + " is tracked by serial: name the serial";
      case NOT_SERIALIZED -> sku + " is tracked by " + product.tracking() + ", not by serial";
      case LOT_REQUIRED -> sku + " is tracked by lot: name the lot";
      case NOT_LOT_TRACKED -> sku + " is not tracked by lot";
      case EXPIRY_REQUIRED -> sku + " tracks expiry: name the expiry date";
    };
  }
}
