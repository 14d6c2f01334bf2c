package io.unitrace.ledger;

import io.unitrace.gs1.Sscc;
import io.unitrace.tenancy.TenantScope;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the ledger remembers of the requests it recorded. The commands themselves are on the floor's
 * jobs: {@link UnitBook}, {@link Arrivals}, {@link StockBook} and {@link Containers}, all writing
 * through the one {@link Recorder}.
 */
@Service
public class Ledger {

  private final Recorder recorder;
  private final UnitRows rows;

  Ledger(Recorder recorder, UnitRows rows) {
    this.recorder = recorder;
    this.rows = rows;
  }

  /**
   * Whether an event was already recorded under this request key for the client: a command sent
   * again is a repeat.
   */
  public boolean recorded(TenantScope scope, String idempotencyKey) {
    return idempotencyKey != null && rows.eventRecorded(scope.tenantId(), idempotencyKey.strip());
  }

  /**
   * The receipt of the event the client recorded under this key, whatever its request: for a caller
   * that retries a command whose request it can no longer rebuild exactly.
   */
  public Optional<EventReceipt> recordedReceipt(TenantScope scope, String idempotencyKey) {
    return idempotencyKey == null
        ? Optional.empty()
        : recorder.receipt(scope.tenantId(), idempotencyKey.strip(), null);
  }

  /**
   * The container that the event recorded under this key moved (a container's move, putaway or
   * nesting), if it moved one. A receipt lists the units that moved, not the container: a caller
   * answering a repeat from {@link #recordedReceipt} needs this to tell a repeat from a key reused
   * for another container (an empty one moves no units at all).
   */
  public Optional<Sscc> recordedContainer(TenantScope scope, String idempotencyKey) {
    return idempotencyKey == null
        ? Optional.empty()
        : rows.eventContainer(scope.tenantId(), idempotencyKey.strip()).map(Sscc::new);
  }
}
