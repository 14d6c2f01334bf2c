package io.unitrace.counting.domain;

/**
 * One thing a count found, named. Units carry {@code gtin} and {@code serial}; counted goods carry
 * {@code productId}, {@code lot} (the lot found; null: goods without one) and {@code recordedLot}
 * (WRONG_LOT: the lot the books have here). {@code expected} and {@code counted} are units or
 * quantities (a unit counts one). {@code recordedLocationId} and {@code recordedState}: where and
 * in what state the books have a unit found here that they do not place here.
 */
public record Discrepancy(
    DiscrepancyKind kind,
    Correction correction,
    String gtin,
    String serial,
    Long productId,
    String lot,
    String recordedLot,
    long expected,
    long counted,
    Long recordedLocationId,
    String recordedState) {

  static Discrepancy unit(
      DiscrepancyKind kind,
      Correction correction,
      String gtin,
      String serial,
      long expected,
      long counted,
      Long recordedLocationId,
      String recordedState) {
    return new Discrepancy(
        kind,
        correction,
        gtin,
        serial,
        null,
        null,
        null,
        expected,
        counted,
        recordedLocationId,
        recordedState);
  }

  static Discrepancy goods(
      DiscrepancyKind kind,
      Correction correction,
      long productId,
      String lot,
      String recordedLot,
      long expected,
      long counted) {
    return new Discrepancy(
        kind, correction, null, null, productId, lot, recordedLot, expected, counted, null, null);
  }
}
