package io.unitrace.outbound;

import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.EventType;
import io.unitrace.ledger.InventoryChanged;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.tenancy.Tenants;
import jakarta.annotation.PreDestroy;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Allocation that follows the goods: a new order is allocated as soon as it is committed, and a
 * back order as soon as goods of its products become free — received, put away, found, released
 * from a hold or from another order. The work runs after the triggering transaction commits, on a
 * thread of its own (so a lost race of the allocation never undoes the receipt or the order), one
 * run at a time per server; with several servers the ledger's conditional updates keep the runs
 * from reserving a unit twice.
 *
 * <p>{@code unitrace.outbound.auto-allocate=false} turns both triggers off: orders then wait for an
 * explicit allocation run ({@code POST /api/v1/allocation/runs}); the benchmarks use it to time
 * that run alone.
 */
@Component
class BackOrders implements OrderPlaced {

  private static final Logger log = LoggerFactory.getLogger(BackOrders.class);

  /** Ledger events after which goods may have become free to allocate. */
  private static final Set<EventType> FREEING =
      EnumSet.of(
          EventType.REGISTERED,
          EventType.RECEIVED,
          EventType.MOVED,
          EventType.HOLD_RELEASED,
          EventType.FOUND,
          EventType.RELEASED);

  private final Allocation allocation;
  private final AllocationRows rows;
  private final Tenants tenants;
  private final boolean enabled;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "outbound-allocation");
            t.setDaemon(true);
            return t;
          });

  BackOrders(
      Allocation allocation,
      AllocationRows rows,
      Tenants tenants,
      @Value("${unitrace.outbound.auto-allocate:true}") boolean enabled) {
    this.allocation = allocation;
    this.rows = rows;
    this.tenants = tenants;
    this.enabled = enabled;
  }

  @Override
  public void placed(TenantScope scope, long orderId) {
    if (!enabled) {
      return;
    }
    afterCommit(() -> allocate(scope.tenantId(), List.of(orderId)));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void goodsChanged(InventoryChanged e) {
    // A move changes no state yet may free goods: a stored unit taken from quarantine, a dock or
    // another warehouse into storage becomes allocatable as it is.
    if (!enabled
        || !FREEING.contains(e.type())
        || (!e.statesChanged() && e.type() != EventType.MOVED)) {
      return;
    }
    long tenantId = e.tenantId();
    List<Long> products = e.products().stream().map(ProductId::value).toList();
    worker.submit(() -> allocate(tenantId, rows.backOrders(tenantId, products, 500)));
  }

  private void afterCommit(Runnable work) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.submit(work);
            }
          });
    } else {
      worker.submit(work);
    }
  }

  private void allocate(long tenantId, List<Long> orderIds) {
    if (orderIds.isEmpty()) {
      return;
    }
    try {
      TenantScope system =
          new TenantScope(
              tenantId,
              tenants.byId(tenantId).map(Tenants.Tenant::code).orElse(Long.toString(tenantId)),
              Actor.person(0, "allocation", Role.ADMIN, Set.of()));
      allocation.allocate(system, orderIds, RequestMeta.of(null));
    } catch (Problem | org.springframework.dao.DataAccessException e) {
      // The orders stay back orders; the next arrival of goods or an explicit run tries again.
      log.warn("allocation of orders {} did not complete: {}", orderIds, e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
