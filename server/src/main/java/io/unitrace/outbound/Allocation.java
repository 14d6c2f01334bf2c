package io.unitrace.outbound;

import io.unitrace.tenancy.TenantScope;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reserving exact units and lot quantities for order lines, and releasing them. */
@Service
public class Allocation {

  /**
   * Releases every live allocation (allocated or picked, not packed) of {@code lineIds} of order
   * {@code orderId}, in the caller's transaction: the units go back to STORED and the lot
   * quantities back to free stock, as one ledger event naming the order.
   */
  void releaseLines(TenantScope scope, long orderId, List<Long> lineIds, String reason) {
    throw new UnsupportedOperationException("allocation is being built");
  }
}
