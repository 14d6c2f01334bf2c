package io.unitrace.returns;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.EventType;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.Ledger;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.ReturnedGoods;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Inspection and routing of a return. Inspection records the condition (a CBV {@code inspecting}
 * event with its disposition) and findings, and answers the default route by the client's rules.
 * Routing sends the unit there, or elsewhere when a supervisor overrides the default with a reason.
 * A return with an open suspect case is not routed until a supervisor resolves the case. A unit
 * sent to repair is routed again when the repair is done: back to stock, back to its customer, to
 * the vendor or to scrap. A unit held in quarantine is routed onward (to stock, repair,
 * refurbishment, the vendor or scrap) by a supervisor with a reason, once any suspect case on it is
 * resolved.
 */
@Service
class Inspection {

  record InspectRequest(String condition, String findings) {

    InspectRequest {
      Text.line("condition", condition, 20);
      Text.free("findings", findings, 2000);
    }
  }

  record Inspected(ReturnViews.ReturnView ret, Disposition suggested, String why) {}

  record RouteRequest(String disposition, String location, String reason) {

    RouteRequest {
      Text.line("disposition", disposition, 20);
      Text.line("location", location, 60);
      Text.free("reason", reason, 500);
    }
  }

  record Routed(ReturnViews.ReturnView ret, EventReceipt event, String next) {}

  private final ReturnRows rows;
  private final ReturnViews views;
  private final ReturnedGoods goods;
  private final Inventory inventory;
  private final Facility facility;
  private final Clock clock;
  private final Ledger ledger;

  Inspection(
      ReturnRows rows,
      ReturnViews views,
      ReturnedGoods goods,
      Inventory inventory,
      Facility facility,
      Clock clock,
      Ledger ledger) {
    this.ledger = ledger;
    this.rows = rows;
    this.views = views;
    this.goods = goods;
    this.inventory = inventory;
    this.facility = facility;
    this.clock = clock;
  }

  Inspected inspect(TenantScope scope, long returnId, InspectRequest r, String key) {
    scope.requireWrite();
    ReturnRows.Row ret = require(scope, returnId);
    Condition condition = condition(r == null ? null : r.condition());
    String findings = r.findings() == null ? null : r.findings().strip();
    if (findings != null && findings.length() > 2000) {
      throw Problem.badRequest(
          "invalid-field", "findings", "findings have at most 2,000 characters");
    }
    if (ret.status().equals("ROUTED")) {
      throw Problem.conflict(
          "already-routed", "return", "return " + returnId + " is routed already");
    }
    long now = clock.millis();
    if (ret.unitId() == null) {
      if (!rows.inspected(ret.id(), condition.name(), findings, scope.actor().who(), now)) {
        throw Problem.conflict(
            "already-routed", "return", "return " + returnId + " is routed already");
      }
    } else {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("return", returnId);
      details.put("condition", condition.name());
      if (findings != null) {
        details.put("findings", findings);
      }
      goods.inspect(
          scope,
          ret.unitId(),
          condition.cbv(),
          condition.name(),
          details,
          RequestMeta.of(key),
          eventId -> {
            if (!rows.inspected(ret.id(), condition.name(), findings, scope.actor().who(), now)) {
              throw Problem.conflict(
                  "already-routed", "return", "return " + returnId + " is routed already");
            }
          });
    }
    ReturnViews.ReturnView view = views.require(scope.tenantId(), returnId);
    RoutingRules.Decision d = suggestion(scope, view, condition);
    return new Inspected(view, d.disposition(), d.why());
  }

  Routed route(TenantScope scope, long returnId, RouteRequest r, String key) {
    scope.requireWrite();
    ReturnRows.Row ret = require(scope, returnId);
    var first = ledger.recordedReceipt(scope, key);
    if (first.isPresent() && Long.valueOf(first.get().eventId()).equals(ret.routeEvent())) {
      return new Routed(views.view(scope.tenantId(), ret), first.get(), "Routed already.");
    }
    Disposition disposition = disposition(r == null ? null : r.disposition());
    ReturnViews.ReturnView view = views.view(scope.tenantId(), ret);
    if (view.suspectCase() != null && view.suspectCase().status().equals("OPEN")) {
      throw Problem.conflict(
          "case-open",
          "return",
          "return " + returnId + " has an open suspect case: a supervisor resolves it first");
    }
    boolean fromRepair = false;
    boolean fromQuarantine = false;
    if (ret.status().equals("ROUTED")) {
      fromRepair =
          ret.unitId() != null
              && inventory.unit(scope.tenantId(), ret.unitId()).orElseThrow().state()
                  == UnitState.IN_REPAIR;
      fromQuarantine = !fromRepair && quarantined(scope.tenantId(), ret);
      if (!fromRepair && !fromQuarantine) {
        throw Problem.conflict(
            "already-routed", "return", "return " + returnId + " is routed already");
      }
    } else if (!ret.status().equals("INSPECTED")) {
      throw Problem.conflict(
          "not-inspected",
          "return",
          "return " + returnId + " is not inspected yet: inspect it first");
    }
    String override = null;
    if (fromQuarantine) {
      // out of quarantine is a supervisor's decision, and the ledger keeps why
      scope.requireRole(Role.SUPERVISOR);
      if (r.reason() == null || r.reason().isBlank()) {
        throw Problem.badRequest(
            "invalid-field",
            "reason",
            "return " + returnId + " is held in quarantine: say why it leaves for " + disposition);
      }
      override = r.reason().strip();
    } else if (!fromRepair) {
      Condition condition = Condition.valueOf(ret.condition());
      RoutingRules.Decision d = suggestion(scope, view, condition);
      if (d.disposition() != disposition) {
        scope.requireRole(Role.SUPERVISOR);
        if (r.reason() == null || r.reason().isBlank()) {
          throw Problem.badRequest(
              "override-reason",
              "reason",
              "the rules route this return to "
                  + d.disposition()
                  + " ("
                  + d.why()
                  + "): say why it goes to "
                  + disposition
                  + " instead");
        }
        override = r.reason().strip();
      }
    }
    // checked from repair too: repair does not verify an identifier nor clear a confirmed suspect
    if (disposition == Disposition.RESTOCK && !resaleable(view)) {
      throw Problem.conflict(
          "not-resaleable",
          "disposition",
          "it may not go back to stock: a regulated product's identifier must match what we"
              + " shipped, and a confirmed suspect unit is never resold");
    }
    if (fromQuarantine && disposition == Disposition.QUARANTINE) {
      throw Problem.unprocessable(
          "route-not-allowed",
          "disposition",
          "return "
              + returnId
              + " is in quarantine already: route it to stock, repair,"
              + " refurbishment, the vendor or scrap");
    }
    Target t = target(disposition, fromRepair, r.location(), ret.unitId() == null);
    long now = clock.millis();
    String who = scope.actor().who();
    String from = ret.status();
    String overrideReason = override;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("return", returnId);
    details.put("disposition", disposition.name());
    if (overrideReason != null) {
      details.put("override", overrideReason);
    }
    EventReceipt receipt;
    if (ret.unitId() == null) {
      Location at = facility.byId(ret.locationId()).orElseThrow();
      receipt =
          goods.routeStock(
              scope,
              new ProductId(ret.productId()),
              ret.lotId() == null ? null : new LotId(ret.lotId()),
              at.code(),
              ret.quantity(),
              t.event(),
              t.cbv(),
              details,
              RequestMeta.of(key),
              eventId -> routed(ret, from, disposition, overrideReason, who, eventId, now));
    } else {
      receipt =
          goods.route(
              scope,
              ret.unitId(),
              t.state(),
              t.location() == null ? null : t.location().code(),
              t.event(),
              t.cbv(),
              details,
              RequestMeta.of(key),
              eventId -> routed(ret, from, disposition, overrideReason, who, eventId, now));
    }
    String next =
        switch (disposition) {
          case RESTOCK ->
              t.location() == null
                  ? "Off QC hold where it is: put it away like any stock."
                  : t.location().type() == LocationType.DOCK
                      ? "Put it away from "
                          + t.location().code()
                          + " (the Putaway screen suggests a bin)."
                      : "Back in stock at " + t.location().code() + ".";
          case REPAIR, REFURBISH -> "At repair in " + t.location().code() + ".";
          case QUARANTINE -> "Held in quarantine at " + t.location().code() + ".";
          case RETURN_TO_VENDOR -> "Returned to the vendor: nothing more happens to it here.";
          case SCRAP -> "Scrapped: nothing more happens to it here.";
          case RETURN_TO_CUSTOMER -> "On its way back to the customer.";
        };
    return new Routed(views.require(scope.tenantId(), returnId), receipt, next);
  }

  /**
   * Whether a return was routed to quarantine and its unit is held there still (RETURNED at a
   * QUARANTINE location): a supervisor routes it onward from there.
   */
  boolean quarantined(long tenantId, ReturnRows.Row ret) {
    if (ret.unitId() == null
        || !ret.status().equals("ROUTED")
        || !Disposition.QUARANTINE.name().equals(ret.disposition())) {
      return false;
    }
    Inventory.UnitPosition u = inventory.unit(tenantId, ret.unitId()).orElseThrow();
    return u.state() == UnitState.RETURNED
        && u.locationId() != null
        && facility
            .byId(u.locationId().value())
            .map(l -> l.type() == LocationType.QUARANTINE)
            .orElse(false);
  }

  /** Where a quarantined return may go next. */
  static final List<Disposition> OUT_OF_QUARANTINE =
      List.of(
          Disposition.RESTOCK,
          Disposition.REPAIR,
          Disposition.REFURBISH,
          Disposition.RETURN_TO_VENDOR,
          Disposition.SCRAP);

  private void routed(
      ReturnRows.Row ret,
      String from,
      Disposition disposition,
      String override,
      String who,
      long eventId,
      long now) {
    if (!rows.routed(ret.id(), from, disposition.name(), override, who, eventId, now)) {
      throw Problem.conflict(
          "already-routed", "return", "return " + ret.id() + " is routed already");
    }
  }

  /** Where a disposition takes the goods: state, location, event and CBV disposition. */
  record Target(UnitState state, Location location, EventType event, String cbv) {}

  private Target target(Disposition d, boolean fromRepair, String locationCode, boolean counted) {
    if (counted
        && d != Disposition.RESTOCK
        && d != Disposition.SCRAP
        && d != Disposition.RETURN_TO_VENDOR) {
      throw Problem.unprocessable(
          "route-not-allowed",
          "disposition",
          "counted goods are restocked, scrapped or returned to the vendor");
    }
    if (fromRepair
        && (d == Disposition.REPAIR || d == Disposition.REFURBISH || d == Disposition.QUARANTINE)) {
      throw Problem.unprocessable(
          "route-not-allowed",
          "disposition",
          "a repaired unit goes back to stock or to its customer, to the vendor or to scrap");
    }
    if (!fromRepair && d == Disposition.RETURN_TO_CUSTOMER) {
      throw Problem.unprocessable(
          "route-not-allowed", "disposition", "only a repaired unit goes back to its customer");
    }
    return switch (d) {
      case RESTOCK -> {
        if (counted) {
          yield new Target(null, null, EventType.RESTOCKED, "sellable_not_accessible");
        }
        Location l = location(locationCode, LocationType.DOCK, LocationType.STORAGE);
        yield new Target(
            l.type() == LocationType.DOCK ? UnitState.RECEIVED : UnitState.STORED,
            l,
            fromRepair ? EventType.REPAIRED : EventType.RESTOCKED,
            l.type() == LocationType.DOCK ? "sellable_not_accessible" : "sellable_accessible");
      }
      case REPAIR, REFURBISH ->
          new Target(
              UnitState.IN_REPAIR,
              location(locationCode, LocationType.REPAIR),
              EventType.REPAIR_STARTED,
              "non_sellable_other");
      case QUARANTINE ->
          new Target(
              UnitState.RETURNED,
              location(locationCode, LocationType.QUARANTINE),
              EventType.QUARANTINED,
              "non_sellable_other");
      case RETURN_TO_VENDOR ->
          new Target(
              UnitState.RETURNED_TO_VENDOR, null, EventType.RETURNED_TO_VENDOR, "in_transit");
      case SCRAP -> new Target(UnitState.SCRAPPED, null, EventType.SCRAPPED, "destroyed");
      case RETURN_TO_CUSTOMER ->
          new Target(UnitState.SHIPPED, null, EventType.SENT_TO_CUSTOMER, "in_transit");
    };
  }

  private Location location(String code, LocationType... types) {
    Location l = facility.require(code, "location");
    if (!List.of(types).contains(l.type())) {
      throw Problem.unprocessable(
          "wrong-location-type",
          "location",
          l.code()
              + " is a "
              + l.type()
              + " location; this route needs a "
              + List.of(types)
              + " one");
    }
    return l;
  }

  private RoutingRules.Decision suggestion(
      TenantScope scope, ReturnViews.ReturnView view, Condition condition) {
    return RoutingRules.resolve(
        rows.rules(scope.tenantId()), view.reason(), condition, resaleable(view));
  }

  /**
   * Whether the goods may be sold again: not while a regulated product's identifier is unverified,
   * nor when a suspect case was confirmed.
   */
  private static boolean resaleable(ReturnViews.ReturnView view) {
    boolean cleared = view.suspectCase() == null || view.suspectCase().status().equals("CLEARED");
    return cleared
        && view.checks().stream().noneMatch(c -> c.code().equals("regulated-unverified"));
  }

  private ReturnRows.Row require(TenantScope scope, long id) {
    return rows.byId(scope.tenantId(), id)
        .orElseThrow(() -> Problem.notFound("unknown-return", "no return " + id));
  }

  static Condition condition(String text) {
    try {
      return Condition.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw Problem.badRequest(
              "invalid-field", "condition", "condition is one of " + List.of(Condition.values()))
          .with("allowed", List.of(Condition.values()));
    }
  }

  static Disposition disposition(String text) {
    try {
      return Disposition.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw Problem.badRequest(
              "invalid-field",
              "disposition",
              "disposition is one of " + List.of(Disposition.values()))
          .with("allowed", List.of(Disposition.values()));
    }
  }
}
