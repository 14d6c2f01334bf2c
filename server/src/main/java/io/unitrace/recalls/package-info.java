/**
 * Recalls: campaigns that reach exactly the affected units and customers — by lot, by product and
 * receipt dates, or by a list of serials — hold what is still in the building, take it back from
 * orders, list the customers to notify, and track the campaign to its closure. Units and stock
 * change only through the ledger's {@link io.unitrace.ledger.BulkHolds}; orders only through
 * outbound's {@link io.unitrace.outbound.Allocation}.
 */
package io.unitrace.recalls;
