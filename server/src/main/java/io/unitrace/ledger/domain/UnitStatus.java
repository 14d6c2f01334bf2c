package io.unitrace.ledger.domain;

import io.unitrace.facility.LocationType;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unit state machine. A status is immutable; {@link #apply} checks the rule for a command and
 * returns the status after it, or refuses naming the rule. Holds are a bit set beside the state.
 *
 * <p>Rules (each refusal names one): only units in the building move, pack or are observed; a unit
 * inside a container moves with the container, never alone; RECEIVED becomes STORED when it reaches
 * a STORAGE location; PICKED becomes PACKED in a container and PICKED again out of it; only
 * in-building units go MISSING, and only MISSING units are found; a hold is placed once and
 * released once; nothing happens to a unit in a terminal state. Outbound: only a STORED unit on no
 * hold is allocated; only an ALLOCATED one is picked (a STORED one as a substitute), never a held
 * one; only a PICKED or PACKED unit on no hold ships, and a released unit goes back to STORED.
 * Assembly: only a RECEIVED or STORED unit, loose and on no hold, is consumed into another; only a
 * CONSUMED one comes back out of it. Transfers: only a RECEIVED or STORED unit leaves for another
 * warehouse (IN_TRANSIT, in no location), loose or in the container shipped whole; only an
 * IN_TRANSIT one arrives, or, when its transfer is closed short, goes MISSING.
 */
public record UnitStatus(
    UnitState state, Long location, Long container, int holds, Map<String, String> fields) {

  public UnitStatus {
    fields = Map.copyOf(fields == null ? Map.of() : fields);
  }

  public static UnitStatus register(UnitCommand.Register r) {
    return new UnitStatus(
        UnitCommand.initialState(r), r.location(), r.container(), r.holds(), r.fields());
  }

  public UnitStatus apply(UnitCommand command) {
    if (command instanceof UnitCommand.Note) {
      return this;
    }
    if (command instanceof UnitCommand.Consume) {
      return consume();
    }
    if (command instanceof UnitCommand.Recover r) {
      if (state != UnitState.CONSUMED) {
        throw new TransitionRefused(
            "unit-not-consumed",
            "only a CONSUMED unit can be taken out of an assembly; this one is " + state);
      }
      return new UnitStatus(
          r.type() == LocationType.DOCK ? UnitState.RECEIVED : UnitState.STORED,
          r.location(),
          null,
          holds,
          fields);
    }
    if (state.terminal()) {
      throw new TransitionRefused(
          "unit-terminal", "the unit is " + state + ": nothing more can happen to it");
    }
    if (command instanceof UnitCommand.Move m) {
      requireInBuilding("move");
      if (container != null) {
        throw new TransitionRefused(
            "unit-in-container",
            "the unit is inside a container: move the container, or unpack the unit first");
      }
      return new UnitStatus(arriving(m.type()), m.location(), null, holds, fields);
    }
    if (command instanceof UnitCommand.Carry c) {
      requireInBuilding("move");
      return new UnitStatus(arriving(c.type()), c.location(), container, holds, fields);
    }
    if (command instanceof UnitCommand.Pack p) {
      requireInBuilding("pack");
      if (container != null) {
        throw new TransitionRefused(
            "unit-in-container", "the unit is already inside a container: unpack it first");
      }
      return new UnitStatus(
          state == UnitState.PICKED ? UnitState.PACKED : state,
          p.location(),
          p.container(),
          holds,
          fields);
    }
    if (command instanceof UnitCommand.Unpack) {
      if (container == null) {
        throw new TransitionRefused("unit-not-in-container", "the unit is not inside a container");
      }
      return new UnitStatus(
          state == UnitState.PACKED ? UnitState.PICKED : state, location, null, holds, fields);
    }
    if (command instanceof UnitCommand.PlaceHold h) {
      if (has(h.hold())) {
        throw new TransitionRefused(
            "hold-already-placed", "the unit is already on " + h.hold() + " hold");
      }
      return new UnitStatus(state, location, container, holds | h.hold().bit(), fields);
    }
    if (command instanceof UnitCommand.ReleaseHold h) {
      if (!has(h.hold())) {
        throw new TransitionRefused("hold-not-placed", "the unit is not on " + h.hold() + " hold");
      }
      return new UnitStatus(state, location, container, holds & ~h.hold().bit(), fields);
    }
    if (command instanceof UnitCommand.Lose) {
      requireInBuilding("be reported lost");
      return new UnitStatus(UnitState.MISSING, location, null, holds, fields);
    }
    if (command instanceof UnitCommand.Find f) {
      if (state != UnitState.MISSING) {
        throw new TransitionRefused(
            "unit-not-missing", "only a MISSING unit can be found; this one is " + state);
      }
      return new UnitStatus(
          f.type() == LocationType.DOCK ? UnitState.RECEIVED : UnitState.STORED,
          f.location(),
          null,
          holds,
          fields);
    }
    if (command instanceof UnitCommand.SetFields s) {
      Map<String, String> merged = new TreeMap<>(fields);
      merged.putAll(s.fields());
      return new UnitStatus(state, location, container, holds, merged);
    }
    if (command instanceof UnitCommand.Receive r) {
      if (state != UnitState.EXPECTED) {
        throw new TransitionRefused(
            "unit-not-expected", "only an EXPECTED unit can be received; this one is " + state);
      }
      return new UnitStatus(
          r.type() == LocationType.DOCK ? UnitState.RECEIVED : UnitState.STORED,
          r.location(),
          r.container(),
          holds | r.holds(),
          fields);
    }
    if (command instanceof UnitCommand.Observe) {
      requireInBuilding("be observed");
      return this;
    }
    if (command instanceof UnitCommand.Allocate) {
      requireUnheld("allocated");
      if (state != UnitState.STORED) {
        throw new TransitionRefused(
            "unit-not-available", "only a STORED unit can be allocated; this one is " + state);
      }
      return new UnitStatus(UnitState.ALLOCATED, location, container, holds, fields);
    }
    if (command instanceof UnitCommand.Deallocate) {
      if (state != UnitState.ALLOCATED && state != UnitState.PICKED) {
        throw new TransitionRefused(
            "unit-not-allocated",
            "only an ALLOCATED or PICKED unit can be released; this one is " + state);
      }
      return new UnitStatus(UnitState.STORED, location, container, holds, fields);
    }
    if (command instanceof UnitCommand.Pick p) {
      requireUnheld("picked");
      boolean allowed =
          state == UnitState.ALLOCATED || (p.substitute() && state == UnitState.STORED);
      if (!allowed) {
        throw new TransitionRefused(
            "unit-not-allocated", "only an ALLOCATED unit can be picked; this one is " + state);
      }
      return new UnitStatus(
          container == null ? UnitState.PICKED : UnitState.PACKED,
          p.location(),
          container,
          holds,
          fields);
    }
    if (command instanceof UnitCommand.Ship) {
      requireUnheld("shipped");
      if (state != UnitState.PICKED && state != UnitState.PACKED) {
        throw new TransitionRefused(
            "unit-not-picked", "only a PICKED or PACKED unit can be shipped; this one is " + state);
      }
      return new UnitStatus(UnitState.SHIPPED, null, container, holds, fields);
    }
    if (command instanceof UnitCommand.Dispatch d) {
      if (state != UnitState.RECEIVED && state != UnitState.STORED) {
        throw new TransitionRefused(
            "unit-not-transferable",
            "only a RECEIVED or STORED unit leaves on a transfer; this one is " + state);
      }
      if (container != null && !d.packed()) {
        throw new TransitionRefused(
            "unit-in-container",
            "the unit is inside a container: transfer the container, or unpack the unit first");
      }
      return new UnitStatus(UnitState.IN_TRANSIT, null, container, holds, fields);
    }
    if (command instanceof UnitCommand.Arrive a) {
      if (state != UnitState.IN_TRANSIT) {
        throw new TransitionRefused(
            "unit-not-in-transit",
            "only a unit IN_TRANSIT arrives from a transfer; this one is " + state);
      }
      return new UnitStatus(
          a.type() == LocationType.DOCK ? UnitState.RECEIVED : UnitState.STORED,
          a.location(),
          container,
          holds,
          fields);
    }
    if (command instanceof UnitCommand.LoseOnTheWay) {
      if (state != UnitState.IN_TRANSIT) {
        throw new TransitionRefused(
            "unit-not-in-transit",
            "only a unit IN_TRANSIT is lost on the way; this one is " + state);
      }
      return new UnitStatus(UnitState.MISSING, null, null, holds, fields);
    }
    if (command instanceof UnitCommand.Return r) {
      if (state == UnitState.RETURNED || state == UnitState.IN_REPAIR) {
        throw new TransitionRefused(
            "already-returned", "the unit is already back from the customer: it is " + state);
      }
      if (state != UnitState.SHIPPED) {
        throw new TransitionRefused(
            "unit-not-shipped",
            "only a SHIPPED unit can come back from a customer; this one is " + state);
      }
      return new UnitStatus(UnitState.RETURNED, r.location(), null, holds | r.holds(), fields);
    }
    if (command instanceof UnitCommand.Inspect) {
      requireReturned("inspected");
      return this;
    }
    if (command instanceof UnitCommand.Route r) {
      return route(r);
    }
    if (command instanceof UnitCommand.Dispose d) {
      return dispose(d);
    }
    if (command instanceof UnitCommand.Build b) {
      requireInBuilding(b.disassembly() ? "be taken apart" : "have components built into it");
      return this;
    }
    throw new TransitionRefused("unit-exists", "the unit is already registered");
  }

  /**
   * A component built into a finished unit: only goods in stock (RECEIVED or STORED), on no hold
   * and loose, are consumed; each refusal names its rule.
   */
  private UnitStatus consume() {
    if (state == UnitState.CONSUMED) {
      throw new TransitionRefused(
          "component-consumed", "the unit is already CONSUMED: it is built into another unit");
    }
    if (state != UnitState.RECEIVED && state != UnitState.STORED) {
      throw new TransitionRefused(
          "component-not-in-stock",
          "only a RECEIVED or STORED unit can be built into another; this one is " + state);
    }
    if (holds != 0) {
      throw new TransitionRefused(
          "component-held",
          "the unit is on " + Hold.of(holds) + " hold: it cannot be built into another");
    }
    if (container != null) {
      throw new TransitionRefused(
          "component-in-container",
          "the unit is inside a container: unpack it before building it into another");
    }
    return new UnitStatus(UnitState.CONSUMED, null, null, holds, fields);
  }

  private UnitStatus route(UnitCommand.Route r) {
    requireReturned("routed");
    UnitState to = r.to();
    boolean fromRepair = state == UnitState.IN_REPAIR;
    boolean allowed =
        switch (to) {
          case RECEIVED, STORED, SCRAPPED, RETURNED_TO_VENDOR -> true;
          case IN_REPAIR -> r.type() == LocationType.REPAIR;
          case RETURNED -> !fromRepair && r.type() == LocationType.QUARANTINE;
          case SHIPPED -> fromRepair;
          default -> false;
        };
    if (to == UnitState.RECEIVED && r.type() != LocationType.DOCK) {
      allowed = false;
    }
    if (to == UnitState.STORED && r.type() != LocationType.STORAGE) {
      allowed = false;
    }
    if (!allowed) {
      throw new TransitionRefused(
          "route-not-allowed",
          "a "
              + state
              + " unit cannot go "
              + to
              + (r.type() == null ? "" : " at a " + r.type() + " location"));
    }
    Long location = to == UnitState.SHIPPED || to.terminal() ? null : r.location();
    return new UnitStatus(to, location, null, holds, fields);
  }

  /**
   * Stock on the shelf taken out of the books: only a RECEIVED or STORED unit, loose, held or not
   * (recalled goods are held), goes SCRAPPED or RETURNED_TO_VENDOR.
   */
  private UnitStatus dispose(UnitCommand.Dispose d) {
    if (d.to() != UnitState.SCRAPPED && d.to() != UnitState.RETURNED_TO_VENDOR) {
      throw new TransitionRefused(
          "disposal-not-allowed", "stock is disposed of as SCRAPPED or RETURNED_TO_VENDOR");
    }
    if (state != UnitState.RECEIVED && state != UnitState.STORED) {
      throw new TransitionRefused(
          "unit-not-in-stock",
          "only a RECEIVED or STORED unit can be disposed of from stock; this one is " + state);
    }
    if (container != null) {
      throw new TransitionRefused(
          "unit-in-container", "the unit is in container " + container + ": take it out first");
    }
    return new UnitStatus(d.to(), null, null, holds, fields);
  }

  private void requireReturned(String action) {
    if (state != UnitState.RETURNED && state != UnitState.IN_REPAIR) {
      throw new TransitionRefused(
          "unit-not-returned",
          "only a RETURNED or IN_REPAIR unit can be " + action + "; this one is " + state);
    }
  }

  public boolean held() {
    return holds != 0;
  }

  public boolean has(Hold hold) {
    return (holds & hold.bit()) != 0;
  }

  private void requireUnheld(String action) {
    if (holds != 0) {
      throw new TransitionRefused(
          "unit-held", "the unit is on " + Hold.of(holds) + " hold: it cannot be " + action);
    }
  }

  private UnitState arriving(LocationType type) {
    return state == UnitState.RECEIVED && type == LocationType.STORAGE ? UnitState.STORED : state;
  }

  private void requireInBuilding(String action) {
    if (state == UnitState.MISSING) {
      throw new TransitionRefused(
          "unit-missing", "the unit is MISSING: record it found before it can " + action);
    }
    if (state == UnitState.EXPECTED) {
      throw new TransitionRefused(
          "unit-not-received", "the unit is EXPECTED: receive it before it can " + action);
    }
    if (!state.inBuilding()) {
      throw new TransitionRefused(
          "unit-not-in-building",
          "the unit is " + state + ", not in the building: it cannot " + action);
    }
  }
}
