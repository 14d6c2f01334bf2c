/**
 * Cycle counts: counts of locations opened by a supervisor, counted blind by serial, SSCC and lot
 * quantity, each location reconciled against the ledger at the moment its counter closes it (ADR
 * 0019), its discrepancies named, and corrections written on approval through the ledger's {@link
 * io.unitrace.ledger.UnitBook} and {@link io.unitrace.ledger.StockBook}, with the count as their
 * reason.
 */
package io.unitrace.counting;
