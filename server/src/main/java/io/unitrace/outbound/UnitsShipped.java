package io.unitrace.outbound;

import java.util.List;

/**
 * Published inside a shipment's transaction (the ledger's shipping event {@code eventId}): the
 * serialized units of order {@code orderId} that left the building, so what goes with a sold unit
 * (a licence key) is issued with it.
 */
public record UnitsShipped(long tenantId, long eventId, long orderId, List<Long> unitIds) {

  public UnitsShipped {
    unitIds = List.copyOf(unitIds);
  }
}
