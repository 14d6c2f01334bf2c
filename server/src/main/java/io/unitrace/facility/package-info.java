/**
 * Warehouses, locations in a hierarchy (zone, aisle, rack, bin) with scannable codes, and the
 * allocation of SSCCs (the containers themselves are the ledger's).
 */
package io.unitrace.facility;
