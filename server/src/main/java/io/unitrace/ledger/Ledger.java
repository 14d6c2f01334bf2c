package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.CustomField;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotCode;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.Container;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * The inventory commands. Each resolves its input (refusing bad input before anything is written),
 * plans the change through the unit state machine, and hands the plan to the {@link Recorder},
 * which writes event, entries and projection in one transaction.
 */
@Service
public class Ledger {

  /** One unit to register. {@code expiry} and {@code manufactured} describe its lot. */
  public record NewUnit(
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      Map<String, String> fields) {}

  /**
   * Units to register at {@code location} (RECEIVED on a dock, STORED elsewhere), or, with {@code
   * expected}, announced without a location. {@code reason} is OPENING_STOCK or COMMISSIONING.
   */
  public record Registration(
      List<NewUnit> units, String location, boolean expected, String reason) {}

  public enum Adjustment {
    FOUND,
    LOST
  }

  private final Recorder recorder;
  private final UnitRows rows;
  private final Catalog catalog;
  private final Facility facility;

  Ledger(Recorder recorder, UnitRows rows, Catalog catalog, Facility facility) {
    this.recorder = recorder;
    this.rows = rows;
    this.catalog = catalog;
    this.facility = facility;
  }

  public EventReceipt register(TenantScope scope, Registration r, RequestMeta meta) {
    scope.requireWrite();
    if (r.units() == null || r.units().isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name at least one unit to register");
    }
    String reason = r.reason() == null ? "OPENING_STOCK" : r.reason().toUpperCase();
    if (!reason.equals("OPENING_STOCK") && !reason.equals("COMMISSIONING")) {
      throw Problem.badRequest(
          "invalid-field", "reason", "reason is OPENING_STOCK or COMMISSIONING");
    }
    Location location = r.expected() ? null : facility.require(r.location(), "location");
    return recorder.record(
        scope,
        meta,
        r,
        () -> {
          UnitPlanner plan = new UnitPlanner(scope, r.units().size());
          List<Recorder.Registration> planned = new ArrayList<>(r.units().size());
          for (int i = 0; i < r.units().size(); i++) {
            NewUnit u = r.units().get(i);
            if (u == null) {
              throw Problem.badRequest(
                  "invalid-field", "units[" + i + "]", "a unit entry is empty");
            }
            Planned p = plan.unit(u, "units[" + i + "].");
            UnitCommand.Register command =
                new UnitCommand.Register(
                    location == null ? null : location.id(),
                    location == null ? null : location.type(),
                    p.fields());
            planned.add(
                new Recorder.Registration(
                    p.product(),
                    p.gtin(),
                    p.serial().value(),
                    p.lotId(),
                    command,
                    UnitStatus.register(command)));
          }
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("reason", reason);
          if (location != null) {
            details.put("at", location.code());
          }
          return new Recorder.Plan(
                  EventType.REGISTERED,
                  r.expected() ? "encoded" : "active",
                  location == null ? null : location.id(),
                  location == null ? null : location.id(),
                  details,
                  planned,
                  List.of(),
                  () -> {})
              .knowing(location);
        });
  }

  /**
   * A unit arriving on a receipt at {@code location} (the dock, or quarantine for an exception),
   * inside the container {@code container} if it came in one, with the holds an exception calls
   * for.
   */
  public record Arrival(NewUnit unit, String location, Sscc container, Set<Hold> holds) {}

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
  public record Arrivals(
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
  public EventReceipt receive(TenantScope scope, Arrivals r, RequestMeta meta) {
    scope.requireWrite();
    List<Arrival> arriving = r.units() == null ? List.of() : r.units();
    List<ArrivingQuantity> quantities = r.quantities() == null ? List.of() : r.quantities();
    if (arriving.isEmpty() && quantities.isEmpty()) {
      throw Problem.badRequest(
          "invalid-field", "units", "name at least one arriving unit or quantity");
    }
    Location dock = facility.require(r.dock(), "dock");
    Map<String, Location> places = new HashMap<>();
    places.put(dock.code(), dock);
    for (int i = 0; i < arriving.size(); i++) {
      String code = arriving.get(i).location();
      if (code != null && !places.containsKey(code)) {
        places.put(code, facility.require(code, "units[" + i + "].location"));
      }
    }
    for (int i = 0; i < quantities.size(); i++) {
      String code = quantities.get(i).location();
      if (code != null && !places.containsKey(code)) {
        places.put(code, facility.require(code, "quantities[" + i + "].location"));
      }
    }
    return recorder.record(
        scope,
        meta,
        r,
        () -> {
          Map<Sscc, Long> containers = containersAt(scope, r.containers(), dock);
          UnitPlanner plan = new UnitPlanner(scope, arriving.size());
          List<UnitRef> refs = new ArrayList<>(arriving.size());
          List<Planned> units = new ArrayList<>(arriving.size());
          for (int i = 0; i < arriving.size(); i++) {
            Planned p = plan.unit(arriving.get(i).unit(), "units[" + i + "].");
            units.add(p);
            refs.add(new UnitRef(p.gtin(), p.serial()));
          }
          Map<String, UnitRows.Loaded> existing =
              refs.isEmpty() ? Map.of() : rows.findAll(scope.tenantId(), refs);
          List<Recorder.Registration> registrations = new ArrayList<>();
          List<Recorder.Change> changes = new ArrayList<>();
          for (int i = 0; i < units.size(); i++) {
            Arrival a = arriving.get(i);
            Planned p = units.get(i);
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
            int holds = holdBits(a.holds());
            UnitRows.Loaded known = existing.get(p.gtin().value() + "|" + p.serial().value());
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
          StockPlanner stockPlan = new StockPlanner(scope);
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
            StockItem item =
                stockPlan.item(q.gtin(), q.lot(), q.expiry(), q.manufactured(), true, at);
            stock.add(
                new StockRows.StockChange(
                    item.product(),
                    item.lot(),
                    places.get(q.location() == null ? dock.code() : q.location()),
                    holdBits(q.holds()),
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

  /** A lot-tracked or untracked product, with its lot if it is lot-tracked. */
  private record StockItem(Product product, Lot lot) {}

  /**
   * Resolves the product and lot of a quantity, looking each up once per command. With {@code
   * arriving}, a lot not yet known is created (with its dates), as at registration; otherwise the
   * lot must exist.
   */
  private final class StockPlanner {

    private final TenantScope scope;
    private final Map<String, StockItem> items = new HashMap<>();

    StockPlanner(TenantScope scope) {
      this.scope = scope;
    }

    StockItem item(
        String gtinText,
        String lotText,
        LocalDate expiry,
        LocalDate manufactured,
        boolean arriving,
        String at) {
      String key = gtinText + "|" + lotText + "|" + expiry + "|" + manufactured;
      StockItem known = items.get(key);
      if (known != null) {
        return known;
      }
      Gtin gtin = gtin(gtinText, at + "gtin");
      Product product =
          catalog
              .byGtin(scope.tenantId(), gtin)
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-gtin",
                          at + "gtin",
                          "no product of client " + scope.tenantCode() + " has GTIN " + gtin));
      if (product.tracking().serialized()) {
        throw Problem.unprocessable(
            "serialized",
            at + "gtin",
            product.sku() + " is tracked by serial: name its units, not a quantity");
      }
      Lot lot = null;
      if (product.tracking().lotted()) {
        if (lotText == null || lotText.isBlank()) {
          throw Problem.badRequest(
              "lot-required", at + "lot", product.sku() + " is tracked by lot: name the lot");
        }
        LotCode code = CatalogInput.lot(at + "lot", lotText.strip());
        if (arriving) {
          lot = atLot(at, () -> catalog.lot(scope.tenantId(), product, code, manufactured, expiry));
          if (product.expiryTracked() && lot.expiresOn() == null) {
            throw Problem.badRequest(
                "expiry-required",
                at + "expiry",
                product.sku() + " tracks expiry: lot " + code + " needs an expiry date");
          }
        } else {
          lot =
              catalog
                  .findLot(scope.tenantId(), product.id(), code)
                  .orElseThrow(
                      () ->
                          Problem.unprocessable(
                              "unknown-lot", at + "lot", product.sku() + " has no lot " + code));
        }
      } else if (lotText != null && !lotText.isBlank()) {
        throw Problem.badRequest(
            "not-lot-tracked", at + "lot", product.sku() + " is not tracked by lot");
      }
      StockItem item = new StockItem(product, lot);
      items.put(key, item);
      return item;
    }
  }

  /** Stock of a lot-tracked or untracked product moved between locations, keeping its holds. */
  public record StockMove(
      String gtin, String lot, String from, String to, long quantity, Set<Hold> holds) {}

  public EventReceipt moveStock(TenantScope scope, StockMove request, RequestMeta meta) {
    scope.requireWrite();
    // Holds in their fixed order: the request's digest must not depend on a set's iteration order.
    StockMove m =
        new StockMove(
            request.gtin(),
            request.lot(),
            request.from(),
            request.to(),
            request.quantity(),
            request.holds() == null || request.holds().isEmpty()
                ? EnumSet.noneOf(Hold.class)
                : EnumSet.copyOf(request.holds()));
    if (m.quantity() < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "move a quantity of at least 1");
    }
    Location from = facility.require(m.from(), "from");
    Location to = facility.require(m.to(), "to");
    if (from.id() == to.id()) {
      throw Problem.badRequest("invalid-field", "to", "stock is already at " + to.code());
    }
    return recorder.record(
        scope,
        meta,
        m,
        () -> {
          StockItem item = new StockPlanner(scope).item(m.gtin(), m.lot(), null, null, false, "");
          int holds = holdBits(m.holds());
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("from", from.code());
          details.put("to", to.code());
          return new Recorder.Plan(EventType.MOVED, null, to.id(), to.id(), details, List.of())
              .withStock(
                  List.of(
                      new StockRows.StockChange(
                          item.product(), item.lot(), from, holds, -m.quantity(), "quantity"),
                      new StockRows.StockChange(
                          item.product(), item.lot(), to, holds, m.quantity(), "quantity")));
        });
  }

  /**
   * A hold placed on (or released from) a quantity of lot or untracked goods at a location. The
   * goods move from the bucket with {@code holds} (none, if not given, when placing; just {@code
   * hold}, if not given, when releasing) to the bucket with {@code hold} added or taken away.
   */
  public record StockHold(
      String gtin,
      String lot,
      String location,
      long quantity,
      Hold hold,
      Set<Hold> holds,
      String reason) {}

  /** Holds a quantity: a QC inspection, a recall, damage found in a bin. */
  public EventReceipt placeStockHold(TenantScope scope, StockHold h, RequestMeta meta) {
    scope.requireWrite();
    return stockHold(scope, h, false, meta);
  }

  /** Releasing a hold is a supervisor's decision, with a reason. */
  public EventReceipt releaseStockHold(TenantScope scope, StockHold h, RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    requireReason(h.reason());
    return stockHold(scope, h, true, meta);
  }

  private EventReceipt stockHold(
      TenantScope scope, StockHold request, boolean release, RequestMeta meta) {
    requireHold(request.hold());
    if (request.quantity() < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "hold a quantity of at least 1");
    }
    Set<Hold> given =
        request.holds() == null || request.holds().isEmpty()
            ? (release ? EnumSet.of(request.hold()) : EnumSet.noneOf(Hold.class))
            : EnumSet.copyOf(request.holds());
    if (given.contains(request.hold()) != release) {
      throw Problem.conflict(
              "illegal-transition",
              "holds",
              release
                  ? "the stock named is not on " + request.hold() + " hold"
                  : "the stock named is already on " + request.hold() + " hold")
          .with("rule", release ? "hold-not-placed" : "hold-already-placed");
    }
    // Normalised so that the request's digest does not depend on a set's iteration order.
    StockHold h =
        new StockHold(
            request.gtin(),
            request.lot(),
            request.location(),
            request.quantity(),
            request.hold(),
            given,
            request.reason());
    Location at = facility.require(h.location(), "location");
    int from = holdBits(given);
    int to = release ? from & ~h.hold().bit() : from | h.hold().bit();
    return recorder.record(
        scope,
        meta,
        h,
        () -> {
          StockItem item = new StockPlanner(scope).item(h.gtin(), h.lot(), null, null, false, "");
          Map<String, Object> base = new LinkedHashMap<>();
          base.put("hold", h.hold().name());
          base.put("at", at.code());
          return new Recorder.Plan(
                  release ? EventType.HOLD_RELEASED : EventType.HOLD_PLACED,
                  release ? null : h.hold().disposition(),
                  at.id(),
                  at.id(),
                  reasonDetails(base, h.reason()),
                  List.of())
              .withStock(
                  List.of(
                      new StockRows.StockChange(
                          item.product(), item.lot(), at, from, -h.quantity(), "quantity"),
                      new StockRows.StockChange(
                          item.product(), item.lot(), at, to, h.quantity(), "quantity")));
        });
  }

  /** A stock correction of lot or untracked goods: FOUND adds, LOST takes away. */
  public record StockAdjustment(
      String gtin,
      String lot,
      LocalDate expiry,
      String location,
      Adjustment kind,
      long quantity,
      String reason) {}

  /**
   * Found and lost are stock corrections: a supervisor's, with a reason. FOUND is also how opening
   * stock of such goods is entered.
   */
  public EventReceipt adjustStock(TenantScope scope, StockAdjustment a, RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    if (a.kind() == null) {
      throw Problem.badRequest("invalid-field", "kind", "kind is FOUND or LOST");
    }
    requireReason(a.reason());
    if (a.quantity() < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "adjust by a quantity of at least 1");
    }
    Location at = facility.require(a.location(), "location");
    return recorder.record(
        scope,
        meta,
        a,
        () -> {
          boolean found = a.kind() == Adjustment.FOUND;
          StockItem item =
              new StockPlanner(scope).item(a.gtin(), a.lot(), a.expiry(), null, found, "");
          EventType type = found ? EventType.FOUND : EventType.LOST;
          return new Recorder.Plan(
                  type,
                  found ? "sellable_accessible" : "unknown",
                  at.id(),
                  at.id(),
                  reasonDetails(Map.of("at", at.code()), a.reason()),
                  List.of())
              .withStock(
                  List.of(
                      new StockRows.StockChange(
                          item.product(),
                          item.lot(),
                          at,
                          0,
                          found ? a.quantity() : -a.quantity(),
                          "quantity")));
        });
  }

  private static int holdBits(Set<Hold> holds) {
    int bits = 0;
    for (Hold h : holds == null ? Set.<Hold>of() : holds) {
      bits |= h.bit();
    }
    return bits;
  }

  /**
   * The arriving containers' ids, creating at the dock those the client does not have yet
   * (set-based, parents first). One it already has must be on the dock; if it sits elsewhere than
   * announced it is nested as announced.
   */
  private Map<Sscc, Long> containersAt(
      TenantScope scope, List<ArrivingContainer> arriving, Location dock) {
    Map<Sscc, Long> ids = new HashMap<>();
    if (arriving == null || arriving.isEmpty()) {
      return ids;
    }
    Map<Sscc, Container> known =
        facility.containers(
            scope.tenantId(), arriving.stream().map(ArrivingContainer::sscc).toList());
    List<Facility.Arriving> fresh = new ArrayList<>();
    for (ArrivingContainer c : arriving) {
      Container k = known.get(c.sscc());
      if (k == null) {
        fresh.add(new Facility.Arriving(c.sscc(), c.kind(), c.parent()));
      } else if (!Long.valueOf(dock.id()).equals(k.locationId())) {
        throw Problem.conflict(
            "container-elsewhere",
            "containers",
            "container " + c.sscc() + " already exists and is not on " + dock.code());
      } else {
        ids.put(c.sscc(), k.id());
      }
    }
    ids.putAll(facility.createContainers(scope.tenantId(), fresh, ids, dock.id()));
    for (ArrivingContainer c : arriving) {
      Container k = known.get(c.sscc());
      if (k != null && c.parent() != null && !ids.containsKey(c.parent())) {
        throw Problem.badRequest(
            "invalid-field",
            "containers",
            "container " + c.sscc() + " names a parent that is not arriving: " + c.parent());
      }
      if (k != null && c.parent() != null && !ids.get(c.parent()).equals(k.parentId())) {
        facility.nest(scope.tenantId(), k.id(), ids.get(c.parent()));
      }
    }
    return ids;
  }

  /**
   * A unit to register, checked against its product: what the registration and the receipt paths
   * share.
   */
  private record Planned(
      Product product, Gtin gtin, Serial serial, Long lotId, Map<String, String> fields) {}

  /**
   * Checks new units one by one, looking each product and lot up once per command, and refusing a
   * serial named twice.
   */
  private final class UnitPlanner {

    private final TenantScope scope;
    private final Map<String, Product> products = new HashMap<>();
    private final Map<String, Lot> lots = new HashMap<>();
    private final Set<String> seen;

    UnitPlanner(TenantScope scope, int size) {
      this.scope = scope;
      this.seen = new HashSet<>(size * 2);
    }

    Planned unit(NewUnit u, String at) {
      if (u == null) {
        throw Problem.badRequest(
            "invalid-field", at.substring(0, at.length() - 1), "a unit entry is empty");
      }
      Gtin gtin = gtin(u.gtin(), at + "gtin");
      Product product =
          products.computeIfAbsent(
              gtin.value(),
              g ->
                  catalog
                      .byGtin(scope.tenantId(), gtin)
                      .orElseThrow(
                          () ->
                              Problem.unprocessable(
                                  "unknown-gtin",
                                  at + "gtin",
                                  "no product of client "
                                      + scope.tenantCode()
                                      + " has GTIN "
                                      + g)));
      if (!product.tracking().serialized()) {
        throw Problem.unprocessable(
            "not-serialized",
            at + "gtin",
            product.sku() + " is tracked by " + product.tracking() + ", not by serial");
      }
      Serial serial = CatalogInput.serial(at + "serial", u.serial());
      if (!product.acceptsSerial(serial.value())) {
        throw Problem.badRequest(
            "serial-format",
            at + "serial",
            "serial "
                + serial
                + " does not match the pattern of "
                + product.sku()
                + ": "
                + product.serialPattern());
      }
      if (!seen.add(product.serialScopeKey(gtin) + "|" + serial.value())) {
        throw Problem.badRequest(
            "duplicate-in-request",
            at + "serial",
            "serial " + serial + " appears twice in this request");
      }
      Long lotId = null;
      if (product.tracking().lotted()) {
        if (u.lot() == null || u.lot().isBlank()) {
          throw Problem.badRequest(
              "lot-required", at + "lot", product.sku() + " is tracked by lot: name the lot");
        }
        LotCode code = CatalogInput.lot(at + "lot", u.lot().strip());
        Lot lot =
            lots.computeIfAbsent(
                product.id() + "|" + code.value() + "|" + u.expiry() + "|" + u.manufactured(),
                k ->
                    atLot(
                        at,
                        () ->
                            catalog.lot(
                                scope.tenantId(), product, code, u.manufactured(), u.expiry())));
        if (product.expiryTracked() && lot.expiresOn() == null) {
          throw Problem.badRequest(
              "expiry-required",
              at + "expiry",
              product.sku() + " tracks expiry: lot " + code + " needs an expiry date");
        }
        lotId = lot.id();
      } else if (u.lot() != null && !u.lot().isBlank()) {
        throw Problem.badRequest(
            "not-lot-tracked", at + "lot", product.sku() + " is not tracked by lot");
      }
      return new Planned(
          product, gtin, serial, lotId, fields(product, u.fields(), at + "fields", true));
    }
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

  public record MoveRequest(UnitRef unit, String location) {}

  public EventReceipt move(TenantScope scope, UnitRef ref, String locationCode, RequestMeta meta) {
    Location to = facility.require(locationCode, "location");
    return single(
        scope,
        ref,
        meta,
        new MoveRequest(ref, to.code()),
        EventType.MOVED,
        null,
        to,
        Map.of("to", to.code()),
        () -> new UnitCommand.Move(to.id(), to.type()));
  }

  public record ObserveRequest(UnitRef unit, String location) {}

  public EventReceipt observe(
      TenantScope scope, UnitRef ref, String locationCode, RequestMeta meta) {
    Location at = facility.require(locationCode, "location");
    return recorder.record(
        scope,
        meta,
        new ObserveRequest(ref, at.code()),
        () -> {
          UnitRows.Loaded u = load(scope, ref);
          UnitStatus after = Recorder.apply(ref, u.status(), new UnitCommand.Observe(at.id()));
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("at", at.code());
          details.put(
              "elsewhere", u.status().location() == null || u.status().location() != at.id());
          return new Recorder.Plan(
              EventType.OBSERVED,
              null,
              at.id(),
              u.status().location(),
              details,
              List.of(new Recorder.Change(u, new UnitCommand.Observe(at.id()), after)));
        });
  }

  public record HoldRequest(UnitRef unit, Hold hold, String reason, boolean release) {}

  public EventReceipt placeHold(
      TenantScope scope, UnitRef ref, Hold hold, String reason, RequestMeta meta) {
    requireHold(hold);
    return single(
        scope,
        ref,
        meta,
        new HoldRequest(ref, hold, reason, false),
        EventType.HOLD_PLACED,
        hold.disposition(),
        null,
        reasonDetails(Map.of("hold", hold.name()), reason),
        () -> new UnitCommand.PlaceHold(hold));
  }

  /** Releasing a hold is a supervisor's decision. */
  public EventReceipt releaseHold(
      TenantScope scope, UnitRef ref, Hold hold, String reason, RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    requireHold(hold);
    requireReason(reason);
    return single(
        scope,
        ref,
        meta,
        new HoldRequest(ref, hold, reason, true),
        EventType.HOLD_RELEASED,
        null,
        null,
        reasonDetails(Map.of("hold", hold.name()), reason),
        () -> new UnitCommand.ReleaseHold(hold));
  }

  public record AdjustRequest(UnitRef unit, Adjustment kind, String reason, String location) {}

  /** Found and lost are stock corrections: a supervisor's, with a reason. */
  public EventReceipt adjust(
      TenantScope scope,
      UnitRef ref,
      Adjustment kind,
      String reason,
      String locationCode,
      RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    if (kind == null) {
      throw Problem.badRequest("invalid-field", "kind", "kind is FOUND or LOST");
    }
    requireReason(reason);
    if (kind == Adjustment.LOST) {
      return single(
          scope,
          ref,
          meta,
          new AdjustRequest(ref, kind, reason, null),
          EventType.LOST,
          "unknown",
          null,
          reasonDetails(Map.of(), reason),
          UnitCommand.Lose::new);
    }
    Location at = facility.require(locationCode, "location");
    return single(
        scope,
        ref,
        meta,
        new AdjustRequest(ref, kind, reason, at.code()),
        EventType.FOUND,
        "sellable_accessible",
        at,
        reasonDetails(Map.of("at", at.code()), reason),
        () -> new UnitCommand.Find(at.id(), at.type()));
  }

  public record FieldsRequest(UnitRef unit, Map<String, String> fields) {}

  public EventReceipt setFields(
      TenantScope scope, UnitRef ref, Map<String, String> fields, RequestMeta meta) {
    if (fields == null || fields.isEmpty()) {
      throw Problem.badRequest("invalid-field", "fields", "name at least one field to set");
    }
    return recorder.record(
        scope,
        meta,
        new FieldsRequest(ref, new TreeMap<>(fields)),
        () -> {
          UnitRows.Loaded u = load(scope, ref);
          Product product = catalog.byId(scope.tenantId(), u.productId()).orElseThrow();
          Map<String, String> values = fields(product, fields, "fields", false);
          UnitCommand command = new UnitCommand.SetFields(values);
          return new Recorder.Plan(
              EventType.FIELDS_SET,
              null,
              null,
              u.status().location(),
              Map.of("fields", new TreeMap<>(values)),
              List.of(new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command))));
        });
  }

  public record PackRequest(List<UnitRef> units, String into) {}

  /** Packs units into a container; they take its location and from now on move with it. */
  public EventReceipt pack(TenantScope scope, List<UnitRef> refs, Sscc into, RequestMeta meta) {
    if (refs == null || refs.isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name at least one unit to pack");
    }
    return recorder.record(
        scope,
        meta,
        new PackRequest(refs, into.value()),
        () -> {
          Container c = container(scope, into, "into");
          UnitCommand command = new UnitCommand.Pack(c.id(), c.locationId());
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRef ref : distinct(refs)) {
            UnitRows.Loaded u = load(scope, ref);
            changes.add(new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command)));
          }
          return new Recorder.Plan(
              EventType.PACKED,
              null,
              c.locationId(),
              c.locationId(),
              Map.of("into", into.value()),
              List.of(),
              changes,
              () -> holdStill(scope, c.id(), c.locationId()));
        });
  }

  public record UnpackRequest(List<UnitRef> units) {}

  public EventReceipt unpack(TenantScope scope, List<UnitRef> refs, RequestMeta meta) {
    if (refs == null || refs.isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name at least one unit to unpack");
    }
    return recorder.record(
        scope,
        meta,
        new UnpackRequest(refs),
        () -> {
          List<Recorder.Change> changes = new ArrayList<>();
          Long at = null;
          for (UnitRef ref : distinct(refs)) {
            UnitRows.Loaded u = load(scope, ref);
            changes.add(
                new Recorder.Change(
                    u,
                    new UnitCommand.Unpack(),
                    Recorder.apply(ref, u.status(), new UnitCommand.Unpack())));
            at = u.status().location();
          }
          return new Recorder.Plan(EventType.UNPACKED, null, at, at, Map.of(), changes);
        });
  }

  public record ContainerMoveRequest(String sscc, String location) {}

  /** Moves a container with everything in it, at any depth: every unit inside gets its entry. */
  public EventReceipt moveContainer(
      TenantScope scope, Sscc sscc, String locationCode, RequestMeta meta) {
    Location to = facility.require(locationCode, "location");
    return recorder.record(
        scope,
        meta,
        new ContainerMoveRequest(sscc.value(), to.code()),
        () -> {
          Container c = container(scope, sscc, "sscc");
          if (c.parentId() != null) {
            throw Problem.conflict(
                    "illegal-transition",
                    "sscc",
                    "container "
                        + sscc
                        + " sits inside another: move the outer one, or take it out first")
                .with("rule", "container-nested");
          }
          List<Long> tree = facility.containerTree(scope.tenantId(), c.id());
          List<Recorder.Change> carried = carry(scope, tree, to);
          return new Recorder.Plan(
              EventType.MOVED,
              null,
              to.id(),
              to.id(),
              Map.of("container", sscc.value(), "to", to.code()),
              List.of(),
              carried,
              () -> {
                facility.placeContainers(scope.tenantId(), tree, to.id());
                requireSameContents(scope, c.id(), tree, carried);
              });
        });
  }

  public record NestRequest(String sscc, String into) {}

  /**
   * Packs a container into another (a case onto a pallet); its contents travel to the outer one's
   * location.
   */
  public EventReceipt nestContainer(TenantScope scope, Sscc child, Sscc parent, RequestMeta meta) {
    return recorder.record(
        scope,
        meta,
        new NestRequest(child.value(), parent == null ? null : parent.value()),
        () -> {
          Container c = container(scope, child, "sscc");
          if (parent == null) {
            if (c.parentId() == null) {
              throw Problem.conflict(
                      "illegal-transition", "sscc", "container " + child + " is not inside another")
                  .with("rule", "container-not-nested");
            }
            return new Recorder.Plan(
                EventType.UNPACKED,
                null,
                c.locationId(),
                c.locationId(),
                Map.of("container", child.value()),
                List.of(),
                List.of(),
                () -> facility.nest(scope.tenantId(), c.id(), null));
          }
          Container outer = container(scope, parent, "into");
          if (c.parentId() != null) {
            throw Problem.conflict(
                    "illegal-transition",
                    "sscc",
                    "container " + child + " is already inside another: take it out first")
                .with("rule", "container-nested");
          }
          List<Long> tree = facility.containerTree(scope.tenantId(), c.id());
          Location to = facility.byId(outer.locationId()).orElseThrow();
          List<Recorder.Change> carried = carry(scope, tree, to);
          return new Recorder.Plan(
              EventType.PACKED,
              null,
              to.id(),
              to.id(),
              Map.of("container", child.value(), "into", parent.value()),
              List.of(),
              carried,
              () -> {
                holdStill(scope, outer.id(), outer.locationId());
                facility.nest(scope.tenantId(), c.id(), outer.id());
                facility.placeContainers(scope.tenantId(), tree, to.id());
                requireSameContents(scope, c.id(), tree, carried);
              });
        });
  }

  /**
   * Creates a container at a location; with a null {@code sscc} it gets the next SSCC of the
   * client's numbering.
   */
  public Container createContainer(TenantScope scope, Sscc sscc, String kind, String locationCode) {
    scope.requireWrite();
    Location at = facility.require(locationCode, "location");
    if (sscc == null) {
      return facility.createContainer(scope.tenantId(), kind, at.id());
    }
    return facility.createContainer(scope.tenantId(), sscc, kind, at.id());
  }

  /*
   * Units packed into a container take its location, and a moving container takes its contents
   * along. Neither is covered by a unit's version check: the unit being packed is not yet in the
   * container, the container being moved is not a unit. So these writes meet on the container
   * rows, which each of them updates (and so locks) before it writes any unit: packing and nesting
   * go ahead only if the container is still where they planned; a move or nest goes ahead only if
   * the tree and its units are still what it planned. Otherwise the command is planned again.
   */

  /**
   * Locks a container's row; refuses to go on (so the command is planned afresh) if it moved since
   * planning.
   */
  private void holdStill(TenantScope scope, long containerId, Long plannedLocation) {
    if (!rows.holdContainer(scope.tenantId(), containerId, plannedLocation)) {
      throw new Recorder.UnitChanged();
    }
  }

  /**
   * With the tree's rows locked: refuses to go on if a container or unit joined or left the tree
   * since planning.
   */
  private void requireSameContents(
      TenantScope scope, long rootId, List<Long> plannedTree, List<Recorder.Change> plannedUnits) {
    List<Long> tree = facility.containerTree(scope.tenantId(), rootId);
    Set<Long> planned = new HashSet<>();
    plannedUnits.forEach(c -> planned.add(c.before().id()));
    Set<Long> now = new HashSet<>();
    rows.inContainers(scope.tenantId(), tree).forEach(u -> now.add(u.id()));
    if (!new HashSet<>(tree).equals(new HashSet<>(plannedTree)) || !now.equals(planned)) {
      throw new Recorder.UnitChanged();
    }
  }

  private List<Recorder.Change> carry(TenantScope scope, List<Long> tree, Location to) {
    UnitCommand command = new UnitCommand.Carry(to.id(), to.type());
    List<Recorder.Change> changes = new ArrayList<>();
    for (UnitRows.Loaded u : rows.inContainers(scope.tenantId(), tree)) {
      UnitRef ref = new UnitRef(u.gtin(), new Serial(u.serial()));
      changes.add(new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command)));
    }
    return changes;
  }

  private EventReceipt single(
      TenantScope scope,
      UnitRef ref,
      RequestMeta meta,
      Object request,
      EventType type,
      String disposition,
      Location at,
      Map<String, Object> details,
      Supplier<UnitCommand> command) {
    return recorder.record(
        scope,
        meta,
        request,
        () -> {
          UnitRows.Loaded u = load(scope, ref);
          UnitCommand c = command.get();
          UnitStatus after = Recorder.apply(ref, u.status(), c);
          Long where = at == null ? after.location() : Long.valueOf(at.id());
          return new Recorder.Plan(
                  type,
                  disposition,
                  at == null ? null : at.id(),
                  where,
                  details,
                  List.of(new Recorder.Change(u, c, after)))
              .knowing(at);
        });
  }

  private UnitRows.Loaded load(TenantScope scope, UnitRef ref) {
    return rows.find(scope.tenantId(), ref)
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-unit", "client " + scope.tenantCode() + " has no unit " + ref));
  }

  private Container container(TenantScope scope, Sscc sscc, String field) {
    return facility
        .container(scope.tenantId(), sscc)
        .orElseThrow(
            () ->
                Problem.unprocessable(
                    "unknown-container",
                    field,
                    "client " + scope.tenantCode() + " has no container " + sscc));
  }

  /** Checks custom field values against the product's schema and returns them in stored form. */
  private static Map<String, String> fields(
      Product product, Map<String, String> given, String path, boolean registration) {
    Map<String, String> values = new TreeMap<>();
    if (given != null) {
      for (var e : given.entrySet()) {
        CustomField field =
            product
                .field(e.getKey())
                .orElseThrow(
                    () ->
                        Problem.badRequest(
                            "unknown-field",
                            path + "." + e.getKey(),
                            product.sku() + " has no custom field '" + e.getKey() + "'"));
        values.put(field.name(), field.normalise(e.getValue(), path + "." + e.getKey()));
      }
    }
    if (registration) {
      for (CustomField f : product.customFields()) {
        if (f.required() && !values.containsKey(f.name())) {
          throw Problem.badRequest(
              "missing-field",
              path + "." + f.name(),
              product.sku() + " units need the field " + f.name());
        }
      }
    }
    return values;
  }

  static Gtin gtin(String text, String field) {
    try {
      return Gtin.parse(text);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", field, e.getMessage());
    }
  }

  /** Runs {@code s}, relocating a refusal to {@code field} (e.g. "units[7].serial"). */
  private static <T> T at(String field, Supplier<T> s) {
    try {
      return s.get();
    } catch (Problem p) {
      Problem moved = new Problem(p.status(), p.code(), field, p.getMessage());
      p.extras().forEach(moved::with);
      throw moved;
    }
  }

  /**
   * Like {@link #at}, but a lot's dates keep their own field: a wrong expiry is the unit's
   * "expiry", not its "lot".
   */
  private static <T> T atLot(String unit, Supplier<T> s) {
    try {
      return s.get();
    } catch (Problem p) {
      String field =
          switch (p.field() == null ? "" : p.field()) {
            case "expiry", "expiresOn" -> unit + "expiry";
            case "manufacturedOn" -> unit + "manufactured";
            default -> unit + "lot";
          };
      Problem moved = new Problem(p.status(), p.code(), field, p.getMessage());
      p.extras().forEach(moved::with);
      throw moved;
    }
  }

  private static List<UnitRef> distinct(List<UnitRef> refs) {
    return new ArrayList<>(new LinkedHashSet<>(refs));
  }

  private static void requireHold(Hold hold) {
    if (hold == null) {
      throw Problem.badRequest(
          "invalid-field", "hold", "hold is one of SUSPECT, RECALL, QC, EXPIRED, DAMAGED");
    }
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw Problem.badRequest("invalid-field", "reason", "say why: a reason is required");
    }
  }

  private static Map<String, Object> reasonDetails(Map<String, Object> base, String reason) {
    Map<String, Object> d = new LinkedHashMap<>(base);
    if (reason != null && !reason.isBlank()) {
      d.put("reason", reason.strip());
    }
    return d;
  }
}
