package io.unitrace.outbound;

import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Judges one pick scan against the pick list, before anything is written. Pure: the facts are
 * gathered by {@link Picking}. A unit is picked when it is the one allocated; another unit of the
 * same SKU may take its place (a substitution) only when it is eligible for the line (lot, expiry,
 * shelf life), on no hold, allocated to nobody, loose, and in the location scanned. Every refusal
 * names its reason; the first that applies wins, in the order a picker can act on.
 */
final class PickCheck {

  private PickCheck() {}

  /** The scanned unit as the ledger and the catalog know it. */
  record Scanned(
      long id,
      long productId,
      String sku,
      Long lotId,
      String lot,
      LocalDate expiry,
      UnitState state,
      Long locationId,
      String location,
      Long containerId,
      int holds) {}

  /** An allocation on the list still to be picked (or picked: {@code status}). */
  record Task(
      long allocationId,
      long orderId,
      String order,
      long lineId,
      long productId,
      String sku,
      Long unitId,
      Long lotId,
      Long lineLotId,
      long locationId,
      long quantity,
      String status,
      boolean expiryTracked,
      Integer minShelfLifeDays) {

    boolean open() {
      return status.equals("ALLOCATED");
    }
  }

  /** The live allocation holding the scanned unit, if any, and the order it is for. */
  record Holder(long allocationId, long orderId, String order, Long pickListId, String status) {}

  sealed interface Verdict {}

  /** The allocated unit itself. */
  record Pick(Task task) implements Verdict {}

  /** An eligible unit in place of the one allocated to {@code task}. */
  record Substitute(Task task) implements Verdict {}

  /** Refused: {@code code} is stable, {@code message} says it in plain words. */
  record Refuse(String code, String message) implements Verdict {}

  /**
   * A unit scanned at {@code here} (the location the picker scanned first, {@code hereCode} its
   * code); {@code tasks} are the list's allocations, {@code listId} the list.
   */
  static Verdict unit(
      Scanned unit,
      long here,
      String hereCode,
      long listId,
      List<Task> tasks,
      Holder holder,
      LocalDate today) {
    if (unit == null) {
      return new Refuse("unknown-unit", "this unit is unknown: it was never received here");
    }
    List<Task> openHere = tasks.stream().filter(t -> t.open() && t.locationId() == here).toList();
    if (holder != null) {
      Task mine =
          tasks.stream()
              .filter(t -> t.allocationId() == holder.allocationId())
              .findFirst()
              .orElse(null);
      if (mine == null) {
        return new Refuse(
            "allocated-elsewhere",
            "unit " + unit.sku() + " is allocated to another order (" + holder.order() + ")");
      }
      if (!mine.open()) {
        return new Refuse("already-picked", "this unit is already picked");
      }
      Refuse where = placeAndHolds(unit, here, hereCode);
      return where != null ? where : new Pick(mine);
    }
    if (unit.state() == UnitState.PICKED || unit.state() == UnitState.PACKED) {
      return new Refuse("already-picked", "this unit is already picked");
    }
    if (openHere.isEmpty()) {
      return new Refuse(
          "nothing-to-pick-here", "nothing on this list is to be picked at " + hereCode);
    }
    List<Task> sameSku =
        openHere.stream()
            .filter(t -> t.productId() == unit.productId() && t.unitId() != null)
            .toList();
    if (sameSku.isEmpty()) {
      String wanted =
          openHere.stream()
              .map(Task::sku)
              .distinct()
              .sorted()
              .reduce((a, b) -> a + ", " + b)
              .orElse("");
      return new Refuse(
          "wrong-sku", "wrong SKU: this is " + unit.sku() + ", the list wants " + wanted + " here");
    }
    Refuse where = placeAndHolds(unit, here, hereCode);
    if (where != null) {
      return where;
    }
    if (unit.state() != UnitState.STORED) {
      return new Refuse("not-available", "this unit is " + unit.state() + ": it cannot be picked");
    }
    String lastReason = null;
    for (Task t :
        sameSku.stream()
            .sorted(Comparator.comparing((Task t) -> !Objects.equals(t.lotId(), unit.lotId())))
            .toList()) {
      String reason = ineligible(unit, t, today);
      if (reason == null) {
        return new Substitute(t);
      }
      lastReason = reason;
    }
    String code =
        lastReason.startsWith("wrong lot")
            ? "wrong-lot"
            : lastReason.startsWith("expired") ? "expired" : "short-shelf-life";
    return new Refuse(code, lastReason);
  }

  /** Why the unit may not stand in for the task's unit (null: it may). */
  static String ineligible(Scanned unit, Task t, LocalDate today) {
    if (t.lineLotId() != null && !t.lineLotId().equals(unit.lotId())) {
      return "wrong lot: the line needs its own lot, this unit is of lot " + unit.lot();
    }
    if (!t.expiryTracked()) {
      return null;
    }
    if (unit.expiry() == null) {
      return "this unit's lot has no expiry date on record";
    }
    if (unit.expiry().isBefore(today)) {
      return "expired: this unit's lot " + unit.lot() + " expired on " + unit.expiry();
    }
    int min = t.minShelfLifeDays() == null ? 0 : t.minShelfLifeDays();
    if (unit.expiry().isBefore(today.plusDays(min))) {
      return "shelf life too short: lot "
          + unit.lot()
          + " expires on "
          + unit.expiry()
          + ", the line needs "
          + min
          + " days (until "
          + today.plusDays(min)
          + ")";
    }
    return null;
  }

  private static Refuse placeAndHolds(Scanned unit, long here, String hereCode) {
    if (unit.locationId() == null || unit.locationId() != here) {
      return new Refuse(
          "not-here",
          "this unit is not in "
              + hereCode
              + (unit.location() == null ? "" : ": it is recorded in " + unit.location()));
    }
    if (unit.containerId() != null) {
      return new Refuse(
          "in-container", "this unit is inside a container: scan the container's SSCC");
    }
    if (unit.holds() != 0) {
      return new Refuse(
          "held", "this unit is on " + Hold.of(unit.holds()) + " hold: it must not be picked");
    }
    return null;
  }

  /**
   * Counted goods scanned at {@code here}: {@code quantity} of a product and lot. Picked from the
   * list's open tasks for them at this location, never more than they hold.
   */
  static Verdict counted(
      long productId,
      String sku,
      Long lotId,
      String lot,
      long quantity,
      long here,
      String hereCode,
      List<Task> tasks) {
    List<Task> openHere =
        tasks.stream()
            .filter(t -> t.open() && t.locationId() == here && t.unitId() == null)
            .toList();
    if (openHere.isEmpty()) {
      return new Refuse(
          "nothing-to-pick-here", "no counted goods on this list are to be picked at " + hereCode);
    }
    List<Task> sameSku = openHere.stream().filter(t -> t.productId() == productId).toList();
    if (sameSku.isEmpty()) {
      return new Refuse("wrong-sku", "wrong SKU: " + sku + " is not to be picked at " + hereCode);
    }
    List<Task> sameLot = sameSku.stream().filter(t -> Objects.equals(t.lotId(), lotId)).toList();
    if (sameLot.isEmpty()) {
      return new Refuse(
          "wrong-lot",
          "wrong lot: " + (lot == null ? "no lot" : "lot " + lot) + " is not allocated here");
    }
    long open = sameLot.stream().mapToLong(Task::quantity).sum();
    if (quantity > open) {
      return new Refuse(
          "over-quantity",
          "only " + open + " of " + sku + " are to be picked here, not " + quantity);
    }
    return new Pick(sameLot.get(0));
  }
}
