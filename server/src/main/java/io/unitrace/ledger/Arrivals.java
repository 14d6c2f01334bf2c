package io.unitrace.ledger;

import io.unitrace.facility.Location;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Goods arriving on a receipt (CBV "receiving"): units, quantities and the containers they came in,
 * recorded together as one event.
 */
@Service
public class Arrivals {

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;
  private final Containers containers;

  Arrivals(Recorder recorder, Planning planning, UnitRows rows, Containers containers) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.containers = containers;
  }

  /**
   * A unit arriving on a receipt at {@code location} (the dock, or quarantine for an exception),
   * inside the container {@code container} if it came in one, with the holds an exception calls
   * for.
   */
  public record Arrival(UnitBook.NewUnit unit, String location, Sscc container, Set<Hold> holds) {}

  /**
   * A container announced or built at a receipt; a case names the pallet it sits on in {@code
   * parent}.
   */
  public record ArrivingContainer(Sscc sscc, String kind, Sscc parent) {}

  /**
   * A quantity of a lot-tracked or untracked product arriving on a receipt at {@code location} (the
   * dock, or quarantine), with the holds an exception calls for. {@code lot}, {@code expiry} and
   * {@code manufactured} name and describe the lot of a lot-tracked product.
   */
  public record ArrivingQuantity(
      String gtin,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      long quantity,
      String location,
      Set<Hold> holds) {}

  /**
   * Units and quantities arriving at {@code dock} in one event; {@code details} says which receipt,
   * vendor and so on.
   */
  public record Delivery(
      String dock,
      List<Arrival> units,
      List<ArrivingQuantity> quantities,
      List<ArrivingContainer> containers,
      Map<String, Object> details) {}

  /**
   * Receives units at a dock in one event (CBV "receiving"): a new serial is registered, a unit
   * announced earlier (EXPECTED) is received; any other existing unit is a duplicate and refuses
   * the whole event, as a registration would. Containers are created at the dock, nested as
   * announced, unless the client already has them there.
   */
  public EventReceipt receive(TenantScope scope, Delivery r, RequestMeta meta) {
    scope.requireWrite();
    List<Arrival> arriving = r.units() == null ? List.of() : r.units();
    List<ArrivingQuantity> quantities = r.quantities() == null ? List.of() : r.quantities();
    if (arriving.isEmpty() && quantities.isEmpty()) {
      throw Problem.badRequest(
          "invalid-field", "units", "name at least one arriving unit or quantity");
    }
    Location dock = planning.require(r.dock(), "dock");
    Map<String, Location> places = new HashMap<>();
    places.put(dock.code(), dock);
    for (int i = 0; i < arriving.size(); i++) {
      String code = arriving.get(i).location();
      if (code != null && !places.containsKey(code)) {
        places.put(code, planning.require(code, "units[" + i + "].location"));
      }
    }
    for (int i = 0; i < quantities.size(); i++) {
      String code = quantities.get(i).location();
      if (code != null && !places.containsKey(code)) {
        places.put(code, planning.require(code, "quantities[" + i + "].location"));
      }
    }
    return recorder.record(
        scope,
        meta,
        r,
        () -> {
          Map<Sscc, Long> containers = this.containers.arriving(scope, r.containers(), dock);
          Planning.UnitPlanner plan = planning.units(scope, arriving.size());
          List<UnitRef> refs = new ArrayList<>(arriving.size());
          List<Planning.Planned> units = new ArrayList<>(arriving.size());
          for (int i = 0; i < arriving.size(); i++) {
            Planning.Planned p = plan.unit(arriving.get(i).unit(), "units[" + i + "].");
            units.add(p);
            refs.add(new UnitRef(p.gtin(), p.serial()));
          }
          Map<UnitRef, UnitRows.Loaded> existing =
              refs.isEmpty() ? Map.of() : rows.findAll(scope.tenantId(), refs);
          List<Recorder.Registration> registrations = new ArrayList<>();
          List<Recorder.Change> changes = new ArrayList<>();
          for (int i = 0; i < units.size(); i++) {
            Arrival a = arriving.get(i);
            Planning.Planned p = units.get(i);
            Location at = places.get(a.location() == null ? dock.code() : a.location());
            Long container = null;
            if (a.container() != null) {
              container = containers.get(a.container());
              if (container == null) {
                throw Problem.badRequest(
                    "unknown-container",
                    "units[" + i + "].container",
                    "container " + a.container() + " is not among the arriving containers");
              }
            }
            int holds = Planning.holdBits(a.holds());
            UnitRows.Loaded known = existing.get(refs.get(i));
            if (known != null) {
              UnitCommand.Receive command =
                  new UnitCommand.Receive(at.id(), at.type(), container, holds);
              changes.add(
                  new Recorder.Change(
                      known, command, Recorder.apply(refs.get(i), known.status(), command)));
            } else {
              UnitCommand.Register command =
                  new UnitCommand.Register(at.id(), at.type(), container, holds, p.fields());
              registrations.add(
                  new Recorder.Registration(
                      p.product(),
                      p.gtin(),
                      p.serial().value(),
                      p.lotId(),
                      command,
                      UnitStatus.register(command)));
            }
          }
          List<StockRows.StockChange> stock = new ArrayList<>(quantities.size());
          Planning.StockPlanner stockPlan = planning.stock(scope);
          for (int i = 0; i < quantities.size(); i++) {
            ArrivingQuantity q = quantities.get(i);
            String at = "quantities[" + i + "].";
            if (q == null) {
              throw Problem.badRequest(
                  "invalid-field", "quantities[" + i + "]", "a quantity entry is empty");
            }
            if (q.quantity() < 1) {
              throw Problem.badRequest(
                  "invalid-field", at + "quantity", "an arriving quantity is at least 1");
            }
            Planning.StockItem item =
                stockPlan.item(q.gtin(), q.lot(), q.expiry(), q.manufactured(), true, at);
            stock.add(
                new StockRows.StockChange(
                    item.product(),
                    item.lot(),
                    places.get(q.location() == null ? dock.code() : q.location()),
                    Planning.holdBits(q.holds()),
                    q.quantity(),
                    at + "quantity"));
          }
          Map<String, Object> details =
              new LinkedHashMap<>(r.details() == null ? Map.of() : r.details());
          details.put("at", dock.code());
          return new Recorder.Plan(
                  EventType.RECEIVED,
                  "in_progress",
                  dock.id(),
                  dock.id(),
                  details,
                  registrations,
                  changes,
                  () -> {})
              .knowing(dock)
              .withStock(stock);
        });
  }
}
