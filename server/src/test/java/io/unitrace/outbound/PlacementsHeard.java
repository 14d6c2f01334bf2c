package io.unitrace.outbound;

import io.unitrace.tenancy.TenantScope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Hears every order placed (the hook allocation will use), so tests can see that a new order calls
 * it once, inside its transaction, and a repeat does not call it again.
 */
@Component
class PlacementsHeard implements OrderPlaced {

  static final List<Long> ORDERS = new CopyOnWriteArrayList<>();

  @Override
  public void placed(TenantScope scope, long orderId) {
    ORDERS.add(orderId);
  }
}
