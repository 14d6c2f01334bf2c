package io.unitrace.ledger;

import java.util.EnumSet;
import java.util.Set;

/** Where a unit is in its life; see DESIGN.md "Unit states". */
public enum UnitState {
  EXPECTED,
  RECEIVED,
  STORED,
  ALLOCATED,
  PICKED,
  PACKED,
  SHIPPED,
  /**
   * On its way from one of the operator's warehouses to another (a transfer): not in a building.
   */
  IN_TRANSIT,
  RETURNED,
  IN_REPAIR,
  MISSING,
  CONSUMED,
  SCRAPPED,
  RETURNED_TO_VENDOR,
  DECOMMISSIONED;

  /** Physically in the building and accounted for. */
  public static final Set<UnitState> IN_BUILDING =
      EnumSet.of(RECEIVED, STORED, ALLOCATED, PICKED, PACKED, RETURNED, IN_REPAIR);

  /** Nothing more can happen to the unit. */
  public static final Set<UnitState> TERMINAL =
      EnumSet.of(CONSUMED, SCRAPPED, RETURNED_TO_VENDOR, DECOMMISSIONED);

  public boolean inBuilding() {
    return IN_BUILDING.contains(this);
  }

  public boolean terminal() {
    return TERMINAL.contains(this);
  }
}
