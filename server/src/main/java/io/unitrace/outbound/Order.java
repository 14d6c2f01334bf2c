package io.unitrace.outbound;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;

/**
 * A channel order with its lines, as the rest of outbound reads it ({@link Orders#find}). Ids are
 * the catalog's and the facility's ({@code productId}, {@code lotId}, {@code warehouseId});
 * quantities are in units of the product; shelf lives are in days.
 *
 * <p>{@code status} of an order: OPEN (not all allocated), ALLOCATED, PICKED, PACKED, SHIPPED,
 * CANCELLED. {@code customerMinShelfLifeDays} is the customer's setting when the order was read
 * (null: no customer, or the customer sets none); {@code minShelfLifeDays} the order's own.
 */
record Order(
    long id,
    String channel,
    String channelOrderId,
    long warehouseId,
    Long customerId,
    Integer customerMinShelfLifeDays,
    Integer minShelfLifeDays,
    Party soldTo,
    Party shipTo,
    LocalDate requestedShipDate,
    String status,
    List<Line> lines) {

  static final String OPEN = "OPEN";
  static final String CANCELLED = "CANCELLED";
  static final String PACKED = "PACKED";
  static final String SHIPPED = "SHIPPED";

  /** Who bought, or where the goods go; {@code gln} is a GS1 GLN of 13 digits, or null. */
  record Party(String name, String address, String gln) {}

  /**
   * One ordered product. {@code lotId} set: only that lot will do. {@code gtin} and {@code serial}
   * set: exactly that unit ({@code quantity} is then 1). {@code status}: OPEN or CANCELLED.
   */
  record Line(
      long id,
      int lineNo,
      long productId,
      Long lotId,
      String gtin,
      String serial,
      long quantity,
      Integer minShelfLifeDays,
      String status) {

    boolean exactUnit() {
      return serial != null;
    }

    boolean open() {
      return OPEN.equals(status);
    }
  }

  /**
   * The least shelf life, in days, that goods for {@code line} must have left when they ship: the
   * line's own minimum, else the order's, else the customer's, else none (empty).
   */
  OptionalInt minShelfLifeDays(Line line) {
    return effectiveMinShelfLife(
        line.minShelfLifeDays(), minShelfLifeDays, customerMinShelfLifeDays);
  }

  /** The most specific of the three settings that is present: line, then order, then customer. */
  static OptionalInt effectiveMinShelfLife(Integer line, Integer order, Integer customer) {
    for (Integer days : new Integer[] {line, order, customer}) {
      if (days != null) {
        return OptionalInt.of(days);
      }
    }
    return OptionalInt.empty();
  }

  /** The lines not cancelled, in line order. */
  List<Line> openLines() {
    return lines.stream().filter(Line::open).toList();
  }
}
