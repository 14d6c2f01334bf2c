package io.unitrace.inbound;

import java.time.Instant;

/**
 * One judged line of a receipt as kept: what was scanned, its outcome, where it went, who scanned
 * it and when.
 */
public record ReceiptScan(
    long id,
    ScanOutcome outcome,
    String sku,
    String gtin,
    String serial,
    String lot,
    String expiry,
    String sscc,
    String location,
    String message,
    String scan,
    String operator,
    String device,
    Instant at) {}
