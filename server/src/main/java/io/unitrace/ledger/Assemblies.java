package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.facility.Location;
import io.unitrace.ledger.domain.TransitionRefused;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Assembly and kitting, as ledger events (CBV {@code assembling}, {@code disassembling}): a
 * finished unit, already registered and in the building, records the units and the counted stock
 * built into it. In one event the component units go CONSUMED (each chain and the finished unit's
 * get the entry), the counted stock is taken out of its unheld bucket, and the links are written to
 * {@code genealogy_link}. A disassembly reverses it in one event: the units come back STORED (or
 * RECEIVED on a dock), the stock goes back into a bucket, and the links are ended, not deleted.
 *
 * <p>The components' rules live in the unit state machine ({@code component-consumed}, {@code
 * component-held}, {@code component-not-in-stock}, {@code component-in-container}) and the stock
 * book ({@code insufficient-stock}); a component that is the finished unit or contains it is
 * refused here. Everything is checked again inside the event's transaction and written with version
 * checks, so two assemblies claiming one component give one assembly.
 */
@Service
public class Assemblies {

  /**
   * A quantity of a lot (or of an untracked product) built in, taken from {@code location} (the
   * finished unit's location if not given).
   */
  public record CountedComponent(String gtin, String lot, String location, long quantity) {}

  /** What is built into {@code unit}: component units and counted components. */
  public record Assembly(UnitRef unit, List<UnitRef> components, List<CountedComponent> stock) {}

  /** The digest of an assembly: its parts in the order given, as text. */
  record AssemblyRequest(String unit, List<String> components, List<CountedComponent> stock) {}

  /** The digest of a disassembly. */
  record DisassemblyRequest(String unit, String location) {}

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;
  private final Genealogy genealogy;
  private final Catalog catalog;

  Assemblies(
      Recorder recorder, Planning planning, UnitRows rows, Genealogy genealogy, Catalog catalog) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.genealogy = genealogy;
    this.catalog = catalog;
  }

  /** Builds the components into the finished unit, in one ASSEMBLED event. */
  public EventReceipt assemble(TenantScope scope, Assembly a, RequestMeta meta) {
    scope.requireWrite();
    List<UnitRef> parts = a.components() == null ? List.of() : a.components();
    List<CountedComponent> counted = a.stock() == null ? List.of() : a.stock();
    if (parts.isEmpty() && counted.isEmpty()) {
      throw Problem.badRequest(
          "invalid-field", "components", "name at least one component unit or counted component");
    }
    Set<UnitRef> seen = new HashSet<>();
    for (int i = 0; i < parts.size(); i++) {
      UnitRef part = parts.get(i);
      if (part.equals(a.unit())) {
        throw Problem.unprocessable(
                "component-is-finished-unit",
                "components[" + i + "]",
                part + " is the finished unit itself: a unit cannot be built into itself")
            .with("rule", "component-is-finished-unit");
      }
      if (!seen.add(part)) {
        throw Problem.badRequest(
            "duplicate-component", "components[" + i + "]", part + " is named twice");
      }
    }
    Map<Integer, Location> from = new HashMap<>();
    for (int i = 0; i < counted.size(); i++) {
      CountedComponent c = counted.get(i);
      if (c.quantity() < 1) {
        throw Problem.badRequest(
            "invalid-field", "stock[" + i + "].quantity", "build in a quantity of at least 1");
      }
      if (c.location() != null) {
        from.put(i, planning.require(c.location(), "stock[" + i + "].location"));
      }
    }
    AssemblyRequest request =
        new AssemblyRequest(
            a.unit().toString(), parts.stream().map(UnitRef::toString).toList(), counted);
    return recorder.record(
        scope,
        meta,
        request,
        () -> {
          UnitRows.Loaded finished = planning.load(scope, a.unit());
          Map<UnitRef, UnitRows.Loaded> found = rows.findAll(scope.tenantId(), parts);
          Set<Long> ancestors = genealogy.containingUnits(scope.tenantId(), List.of(finished.id()));
          List<Recorder.Change> changes = new ArrayList<>(parts.size() + 1);
          List<Genealogy.NewLink> links = new ArrayList<>();
          List<Map<String, Object>> unitDetails = new ArrayList<>();
          for (int i = 0; i < parts.size(); i++) {
            UnitRef part = parts.get(i);
            String field = "components[" + i + "]";
            UnitRows.Loaded u = found.get(part);
            if (u == null) {
              throw Problem.unprocessable(
                  "unknown-unit", field, "client " + scope.tenantCode() + " has no unit " + part);
            }
            if (ancestors.contains(u.id())) {
              throw Problem.conflict(
                      "component-is-ancestor",
                      field,
                      part
                          + " already contains "
                          + a.unit()
                          + ": a unit cannot be built into something inside it")
                  .with("rule", "component-is-ancestor")
                  .with("unit", part.toString());
            }
            UnitCommand consume = new UnitCommand.Consume(finished.id());
            changes.add(new Recorder.Change(u, consume, component(part, field, u, consume)));
            links.add(new Genealogy.NewLink(u.id(), u.productId(), u.lotId(), 1, null));
            unitDetails.add(unitDetail(part));
          }
          // The finished unit's own rule after the components': a component that contains it is
          // named as such, not as the finished unit being consumed.
          UnitCommand build = new UnitCommand.Build(false);
          changes.add(
              0,
              new Recorder.Change(
                  finished, build, Recorder.apply(a.unit(), finished.status(), build)));
          List<StockRows.StockChange> stock = new ArrayList<>();
          List<Map<String, Object>> stockDetails = new ArrayList<>();
          Planning.StockPlanner items = planning.stock(scope);
          for (int i = 0; i < counted.size(); i++) {
            CountedComponent c = counted.get(i);
            String at = "stock[" + i + "].";
            Location location = from.get(i);
            if (location == null) {
              location = finishedLocation(finished, at + "location");
            }
            Planning.StockItem item = items.item(c.gtin(), c.lot(), null, null, false, at);
            stock.add(
                new StockRows.StockChange(
                    item.product(), item.lot(), location, 0, -c.quantity(), at + "quantity"));
            links.add(
                new Genealogy.NewLink(
                    null,
                    item.product().id(),
                    item.lot() == null ? null : item.lot().id(),
                    c.quantity(),
                    location.id()));
            stockDetails.add(stockDetail(item.product(), item.lot(), c.quantity(), location));
          }
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("assembly", unitDetail(a.unit()));
          details.put("components", unitDetails);
          details.put("stock", stockDetails);
          Long place = finished.status().location();
          return new Recorder.Plan(EventType.ASSEMBLED, null, place, place, details, changes)
              .withStock(stock)
              .then(eventId -> genealogy.link(scope.tenantId(), finished.id(), eventId, links));
        });
  }

  /**
   * Takes everything built into {@code unit} out again, in one DISASSEMBLED event: component units
   * come back at {@code locationCode} (the finished unit's location if not given), counted
   * components into the unheld bucket there. Refused ({@code nothing-assembled}) when nothing is
   * built into the unit.
   */
  public EventReceipt disassemble(
      TenantScope scope, UnitRef unit, String locationCode, RequestMeta meta) {
    scope.requireWrite();
    Location given = locationCode == null ? null : planning.require(locationCode, "location");
    return recorder.record(
        scope,
        meta,
        new DisassemblyRequest(unit.toString(), given == null ? null : given.code()),
        () -> {
          UnitRows.Loaded finished = planning.load(scope, unit);
          Location at = given == null ? finishedLocation(finished, "location") : given;
          List<Genealogy.Link> links = genealogy.components(scope.tenantId(), finished.id(), false);
          if (links.isEmpty()) {
            throw Problem.conflict(
                    "nothing-assembled",
                    "unit",
                    unit + " has no components built into it: there is nothing to take out")
                .with("rule", "nothing-assembled");
          }
          List<Recorder.Change> changes = new ArrayList<>();
          UnitCommand build = new UnitCommand.Build(true);
          changes.add(
              new Recorder.Change(finished, build, Recorder.apply(unit, finished.status(), build)));
          List<Long> unitIds = new ArrayList<>();
          links.stream().filter(Genealogy.Link::unit).forEach(l -> unitIds.add(l.unitId()));
          Map<Long, UnitRows.Loaded> loaded = new HashMap<>();
          rows.byIds(scope.tenantId(), unitIds).forEach(u -> loaded.put(u.id(), u));
          Map<LotId, Lot> lots =
              catalog.lotsById(
                  scope.tenantId(),
                  links.stream()
                      .filter(l -> !l.unit() && l.lot() != null)
                      .map(Genealogy.Link::lot)
                      .toList());
          List<Map<String, Object>> unitDetails = new ArrayList<>();
          List<Map<String, Object>> stockDetails = new ArrayList<>();
          List<StockRows.StockChange> stock = new ArrayList<>();
          for (Genealogy.Link l : links) {
            if (l.unit()) {
              UnitRows.Loaded u = loaded.get(l.unitId());
              UnitRef ref = u.ref();
              UnitCommand recover = new UnitCommand.Recover(finished.id(), at.id(), at.type());
              changes.add(
                  new Recorder.Change(u, recover, Recorder.apply(ref, u.status(), recover)));
              unitDetails.add(unitDetail(ref));
            } else {
              Product product = planning.product(scope, l.product().value());
              Lot lot = l.lot() == null ? null : lots.get(l.lot());
              stock.add(new StockRows.StockChange(product, lot, at, 0, l.quantity(), "unit"));
              stockDetails.add(stockDetail(product, lot, l.quantity(), at));
            }
          }
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("assembly", unitDetail(unit));
          details.put("components", unitDetails);
          details.put("stock", stockDetails);
          details.put("location", at.code());
          List<Long> linkIds = links.stream().map(Genealogy.Link::id).toList();
          return new Recorder.Plan(EventType.DISASSEMBLED, null, at.id(), at.id(), details, changes)
              .withStock(stock)
              .knowing(at)
              .then(
                  eventId -> {
                    if (genealogy.end(scope.tenantId(), eventId, linkIds) != linkIds.size()) {
                      throw new Recorder.UnitChanged();
                    }
                  });
        });
  }

  /** A component unit consumed, its refusal naming the component's field and the rule. */
  private static UnitStatus component(
      UnitRef ref, String field, UnitRows.Loaded u, UnitCommand consume) {
    try {
      return u.status().apply(consume);
    } catch (TransitionRefused r) {
      throw Problem.conflict(r.rule(), field, ref + ": " + r.getMessage())
          .with("rule", r.rule())
          .with("unit", ref.toString())
          .with("state", u.status().state().name());
    }
  }

  private Location finishedLocation(UnitRows.Loaded finished, String field) {
    Long id = finished.status().location();
    if (id == null) {
      throw Problem.badRequest(
          "invalid-field",
          field,
          "the finished unit has no location: name the location the goods are taken from");
    }
    return planning.location(id);
  }

  private static Map<String, Object> unitDetail(UnitRef ref) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gtin", ref.gtin().value());
    m.put("serial", ref.serial().value());
    return m;
  }

  private static Map<String, Object> stockDetail(
      Product product, Lot lot, long quantity, Location location) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sku", product.sku());
    if (lot != null) {
      m.put("lot", lot.code());
    }
    m.put("quantity", quantity);
    m.put("location", location.code());
    return m;
  }
}
