package io.unitrace.inbound;

/** A judged line to keep in {@code receipt_scan}, with what the answer does not show. */
record ScanRow(
    Receiving.Line line,
    Long productId,
    Long unitId,
    String scan,
    boolean needsLabel,
    String vendorLot) {}
