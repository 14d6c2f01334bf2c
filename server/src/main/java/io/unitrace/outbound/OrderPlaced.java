package io.unitrace.outbound;

import io.unitrace.tenancy.TenantScope;

/**
 * Called once for every new order, inside the transaction that created it (so allocation can
 * reserve stock for it at once, or the whole intake rolls back). A repeated import does not call it
 * again. Implementations are Spring beans of this package; there may be none.
 */
interface OrderPlaced {

  void placed(TenantScope scope, long orderId);
}
