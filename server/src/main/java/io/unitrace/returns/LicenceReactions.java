package io.unitrace.returns;

import io.unitrace.outbound.UnitsShipped;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What licences do when other parts of the warehouse act: each event is published inside its
 * producer's transaction and heard here synchronously, so the licence's rows and the ledger's notes
 * commit or roll back with the shipment, the registration, the return or the claim.
 */
@Component
class LicenceReactions {

  private final Licences licences;

  LicenceReactions(Licences licences) {
    this.licences = licences;
  }

  @EventListener
  void shipped(UnitsShipped e) {
    licences.issueOnShipment(e);
  }

  /** A registration nobody doubts activates the unit's key; a flagged one waits for the client. */
  @EventListener
  void registered(WarrantyRegistered e) {
    if (!e.flagged()) {
      licences.activateOnRegistration(e);
    }
  }

  @EventListener
  void returned(UnitReturned e) {
    licences.revokeOnRefund(e);
  }

  @EventListener
  void replaced(UnitReplaced e) {
    licences.transferOnReplacement(e);
  }
}
