package io.unitrace.returns;

import java.util.List;

/**
 * Published inside the transaction that stored a new warranty registration of a unit. {@code flags}
 * are the reasons it was flagged ({@code registered-by-another-party}, {@code in-stock}, {@code
 * purchased-before-shipped}); empty for a registration nobody doubts, which activates what came
 * with the unit (a licence). A flagged one waits for the client's look.
 */
public record WarrantyRegistered(
    long tenantId, long unitId, long registrationId, List<String> flags) {

  public WarrantyRegistered {
    flags = List.copyOf(flags);
  }

  public boolean flagged() {
    return !flags.isEmpty();
  }
}
