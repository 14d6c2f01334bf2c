/**
 * Cycle counts: counts of locations opened by a supervisor, counted blind by serial, SSCC and lot
 * quantity, each location reconciled against the ledger at the moment its counter closes it (ADR
 * 0019), its discrepancies named, and corrections written on approval through the ledger's {@link
 * io.unitrace.ledger.UnitBook} and {@link io.unitrace.ledger.StockBook}, with the count as their
 * reason. A location closed with variances above the client's threshold ({@link
 * io.unitrace.counting.domain.RecountThreshold}) is recounted by another counter before approval;
 * approved counts give the inventory accuracy ({@link io.unitrace.counting.domain.Accuracy}).
 */
package io.unitrace.counting;
