package io.unitrace.ledger;

/** What a ledger event did, with the CBV 2.0 business step it is recorded under. */
public enum EventType {
  REGISTERED("commissioning"),
  RECEIVED("receiving"),
  MOVED("storing"),
  PACKED("packing"),
  UNPACKED("unpacking"),
  HOLD_PLACED("holding"),
  HOLD_RELEASED("holding"),
  LOST("cycle_counting"),
  FOUND("cycle_counting"),
  FIELDS_SET("encoding"),
  OBSERVED("inspecting"),
  ALLOCATED("reserving"),
  RELEASED("reserving"),
  PICKED("picking"),
  STAGED("staging_outbound"),
  SHIPPED("shipping"),
  /** A transfer left its warehouse for another of the operator's (disposition in_transit). */
  TRANSFER_SHIPPED("shipping"),
  /** A transfer arrived at its destination warehouse. */
  TRANSFER_RECEIVED("receiving"),
  RETURN_RECEIVED("receiving"),
  INSPECTED("inspecting"),
  RESTOCKED("storing"),
  QUARANTINED("holding"),
  REPAIR_STARTED("repairing"),
  REPAIRED("repairing"),
  SENT_TO_CUSTOMER("shipping"),
  SCRAPPED("destroying"),
  RETURNED_TO_VENDOR("shipping"),
  REPLACED("replacing"),
  LICENCE_ISSUED("encoding"),
  LICENCE_ACTIVATED("encoding"),
  LICENCE_REVOKED("encoding"),
  CASE_RESOLVED("inspecting"),
  ASSEMBLED("assembling"),
  DISASSEMBLED("disassembling"),
  /** The ledger was verified and anchored under a signed checkpoint (ADR 0018); touches no unit. */
  LEDGER_REANCHORED("inspecting");

  private final String bizStep;

  EventType(String bizStep) {
    this.bizStep = bizStep;
  }

  public String bizStep() {
    return bizStep;
  }
}
