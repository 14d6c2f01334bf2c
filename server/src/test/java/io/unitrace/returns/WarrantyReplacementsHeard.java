package io.unitrace.returns;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hears every {@link UnitReplaced}, as the licences would, and whether it came inside a transaction
 * (so that what a listener writes commits or rolls back with the replacement).
 */
@Component
class WarrantyReplacementsHeard {

  record Heard(UnitReplaced event, boolean inTransaction) {}

  static final List<Heard> HEARD = new CopyOnWriteArrayList<>();

  @EventListener
  void on(UnitReplaced e) {
    HEARD.add(new Heard(e, TransactionSynchronizationManager.isActualTransactionActive()));
  }
}
