/**
 * Transfers between the operator's warehouses: goods leave one warehouse in one ledger event
 * (IN_TRANSIT, in no location) and arrive at the other's dock in another, all at once or in parts;
 * the only way goods change warehouse (ADR 0022). This module keeps the transfer document (its
 * warehouses and units, what has arrived); the units change only through the ledger's {@link
 * io.unitrace.ledger.Transit}.
 */
package io.unitrace.transfers;
