package io.unitrace.ledger.domain;

import io.unitrace.facility.LocationType;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import java.util.Map;

/**
 * What one ledger entry did to one unit. The live write path and the replay apply the very same
 * commands through {@link UnitStatus#apply}, so a replay proves the projection, not a copy of it.
 */
public sealed interface UnitCommand {

  /**
   * A new unit: EXPECTED without a location, else RECEIVED on a dock or STORED elsewhere; at a
   * receipt it may arrive inside a container and with holds (a bit set, as in {@link UnitStatus}).
   */
  record Register(
      Long location, LocationType type, Long container, int holds, Map<String, String> fields)
      implements UnitCommand {

    public Register(Long location, LocationType type, Map<String, String> fields) {
      this(location, type, null, 0, fields);
    }
  }

  /**
   * An EXPECTED unit physically arrives: RECEIVED on a dock (STORED elsewhere), maybe in a
   * container and with holds.
   */
  record Receive(long location, LocationType type, Long container, int holds)
      implements UnitCommand {}

  record Move(long location, LocationType type) implements UnitCommand {}

  /** The unit travels inside a container that moved. */
  record Carry(long location, LocationType type) implements UnitCommand {}

  record Pack(long container, long location) implements UnitCommand {}

  record Unpack() implements UnitCommand {}

  record PlaceHold(Hold hold) implements UnitCommand {}

  record ReleaseHold(Hold hold) implements UnitCommand {}

  record Lose() implements UnitCommand {}

  record Find(long location, LocationType type) implements UnitCommand {}

  record SetFields(Map<String, String> fields) implements UnitCommand {}

  record Observe(long location) implements UnitCommand {}

  /** Reserved for one order line: a STORED unit, on no hold, goes ALLOCATED. */
  record Allocate() implements UnitCommand {}

  /** The reservation is released: an ALLOCATED or PICKED unit goes back to STORED where it is. */
  record Deallocate() implements UnitCommand {}

  /**
   * Picked for its order and taken to {@code location} (a packing or staging place). A loose unit
   * goes PICKED; a unit picked inside its container (a whole case or pallet by its SSCC) goes
   * PACKED with it. With {@code substitute} the unit is picked in place of the one allocated, so it
   * may still be STORED.
   */
  record Pick(long location, LocationType type, boolean substitute) implements UnitCommand {}

  /**
   * A transfer leaves its warehouse for {@code warehouse} (the destination's code): a RECEIVED or
   * STORED unit goes IN_TRANSIT, in no location; its holds travel with it. {@code packed}: it
   * travels in its container (the container is shipped whole); otherwise it must be loose.
   */
  record Dispatch(String warehouse, boolean packed) implements UnitCommand {}

  /**
   * A transferred unit arrives at the destination: RECEIVED on a dock, STORED elsewhere, still in
   * the container it travelled in.
   */
  record Arrive(long location, LocationType type) implements UnitCommand {}

  /**
   * A transferred unit that never arrived: a unit IN_TRANSIT goes MISSING, out of the container it
   * travelled in, until it is found.
   */
  record LoseOnTheWay() implements UnitCommand {}

  /** Left the building with its shipment; {@code sale} names order, channel, sold-to and date. */
  record Ship(Map<String, String> sale) implements UnitCommand {

    public Ship {
      sale = Map.copyOf(sale);
    }
  }

  /**
   * Back from a customer: a SHIPPED unit goes RETURNED at {@code location} (a returns dock, or
   * quarantine for a suspicious return), out of the carton it left in, with {@code holds} added.
   */
  record Return(long location, LocationType type, int holds) implements UnitCommand {}

  /** Inspected where it is; {@code condition} is what the inspector found. No change of state. */
  record Inspect(String condition) implements UnitCommand {}

  /**
   * Where a returned or repaired unit goes next: back to stock (RECEIVED on a dock to be put away,
   * or STORED), IN_REPAIR at a REPAIR location, quarantined (RETURNED at a QUARANTINE location),
   * back to the customer (SHIPPED), SCRAPPED or RETURNED_TO_VENDOR. {@code location} is null for
   * the last three.
   */
  record Route(UnitState to, Long location, LocationType type) implements UnitCommand {}

  /**
   * Stock taken out of the books from the shelf: destroyed (SCRAPPED) or sent back to the supplier
   * (RETURNED_TO_VENDOR), as recalled or damaged goods that never left are. Holds stay on record.
   */
  record Dispose(UnitState to) implements UnitCommand {}

  /**
   * A fact about the unit that changes nothing of its state (a replacement linked to it, a licence
   * issued); allowed in any state, terminal ones included, so a scrapped unit's history can still
   * say what replaced it.
   */
  record Note(Map<String, String> note) implements UnitCommand {

    public Note {
      note = Map.copyOf(note);
    }
  }

  /**
   * Built into the finished unit {@code into} (its id): a RECEIVED or STORED unit, on no hold and
   * in no container, goes CONSUMED and leaves its location.
   */
  record Consume(long into) implements UnitCommand {}

  /**
   * Taken out of the finished unit {@code from} (its id) at a disassembly: a CONSUMED unit comes
   * back at {@code location}, RECEIVED on a dock and STORED elsewhere.
   */
  record Recover(long from, long location, LocationType type) implements UnitCommand {}

  /**
   * The finished unit of an assembly ({@code disassembly} false) or disassembly: it stays as it is,
   * in the building; its chain records the event, whose details name the components.
   */
  record Build(boolean disassembly) implements UnitCommand {}

  /** The state a newly registered unit starts in. */
  static UnitState initialState(Register r) {
    if (r.location() == null) {
      return UnitState.EXPECTED;
    }
    return r.type() == LocationType.DOCK ? UnitState.RECEIVED : UnitState.STORED;
  }
}
