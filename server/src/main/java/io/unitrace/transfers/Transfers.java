package io.unitrace.transfers;

import io.unitrace.catalog.Catalog;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Ledger;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.Transit;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.transfers.domain.Arrival;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Ships goods from one of the operator's warehouses to another and receives them there: the
 * document here, the units' moves in the ledger ({@link Transit}), each step one event.
 */
@Service
public class Transfers {

  static final String IN_TRANSIT = "IN_TRANSIT";
  static final String CLOSED = "CLOSED";

  /** The most units one transfer carries. */
  static final int MAX_UNITS = 10_000;

  private final TransferRows rows;
  private final Transit transit;
  private final Ledger ledger;
  private final Facility facility;
  private final Catalog catalog;
  private final Clock clock;

  Transfers(
      TransferRows rows,
      Transit transit,
      Ledger ledger,
      Facility facility,
      Catalog catalog,
      Clock clock) {
    this.rows = rows;
    this.catalog = catalog;
    this.transit = transit;
    this.ledger = ledger;
    this.facility = facility;
    this.clock = clock;
  }

  /** A unit carried loose; {@code sku} its product's, as the screens name it. */
  public record UnitLine(String gtin, String serial, boolean arrived, String sku) {}

  /** A container shipped whole, with everything in it. */
  public record ContainerLine(String sscc, boolean arrived) {}

  /**
   * Counted goods carried: a lot (null for untracked goods) of a GTIN, shipped and arrived; {@code
   * sku} the GTIN's product's.
   */
  public record StockLine(String gtin, String lot, long quantity, long arrived, String sku) {}

  /**
   * Counted goods named as arriving: a lot (or none) of a GTIN; quantity null for all on the way.
   */
  public record StockAsked(String gtin, String lot, Long quantity) {}

  public record TransferView(
      String number,
      String from,
      String to,
      String status,
      long shippedEventId,
      String shippedBy,
      Instant shippedAt,
      Instant receivedAt,
      int units,
      int onTheWay,
      List<UnitLine> lines,
      List<ContainerLine> containers,
      List<StockLine> stock,
      int lost,
      String closedBy,
      Instant closedAt,
      String closedReason) {}

  /** A transfer shipped now, or the one a repeated Idempotency-Key shipped before. */
  public record Shipped(TransferView transfer, boolean repeated) {}

  /**
   * The units, containers and counted goods leave {@code from} for {@code to}, in one ledger event;
   * a repeated Idempotency-Key answers with the transfer the first request made. Counted goods of
   * one lot taken from several locations are one line of the transfer.
   */
  public Shipped ship(
      TenantScope scope,
      String from,
      String to,
      List<UnitRef> units,
      List<Sscc> containers,
      List<Transit.StockOut> stock,
      String key) {
    scope.requireWrite();
    String origin = warehouse(from, "from");
    String destination = warehouse(to, "to");
    if (origin.equals(destination)) {
      throw Problem.unprocessable(
              "same-warehouse",
              "to",
              "a transfer goes to another warehouse; inside " + origin + " goods are moved")
          .with("rule", "transfer-between-warehouses");
    }
    if (units.isEmpty() && containers.isEmpty() && stock.isEmpty()) {
      throw Problem.badRequest(
          "invalid-field", "units", "name the units, containers or counted goods that leave");
    }
    if (units.size() + containers.size() > MAX_UNITS) {
      throw Problem.badRequest(
          "invalid-field", "units", "a transfer carries at most " + MAX_UNITS + " units");
    }
    Set<UnitRef> seen = new HashSet<>();
    for (int i = 0; i < units.size(); i++) {
      if (!seen.add(units.get(i))) {
        throw Problem.badRequest(
            "duplicate-in-request", "units[" + i + "]", "unit " + units.get(i) + " is named twice");
      }
    }
    Set<Sscc> shippedWhole = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      if (!shippedWhole.add(containers.get(i))) {
        throw Problem.badRequest(
            "duplicate-in-request",
            "containers[" + i + "]",
            "container " + containers.get(i) + " is named twice");
      }
    }
    Map<String, TransferRows.Stock> quantities = new LinkedHashMap<>();
    for (int i = 0; i < stock.size(); i++) {
      Transit.StockOut q = stock.get(i);
      if (q.quantity() < 1) {
        throw Problem.badRequest(
            "invalid-field", "stock[" + i + "].quantity", "ship a quantity of at least 1");
      }
      TransferRows.Stock line = new TransferRows.Stock(0, q.gtin(), q.lot(), q.quantity(), 0);
      quantities.merge(
          line.key(),
          line,
          (a, b) -> new TransferRows.Stock(0, a.gtin(), a.lot(), a.quantity() + b.quantity(), 0));
    }
    List<String[]> carried = units.stream().map(Transfers::columns).toList();
    List<String> ssccs = containers.stream().map(Sscc::value).toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", origin);
    details.put("to", destination);
    EventReceipt receipt =
        transit.dispatch(
            scope,
            units,
            containers,
            stock,
            origin,
            destination,
            details,
            meta(key == null ? null : "transfer:" + key),
            eventId ->
                rows.insert(
                    scope.tenantId(),
                    origin,
                    destination,
                    eventId,
                    scope.actor().who(),
                    clock.millis(),
                    carried,
                    ssccs,
                    List.copyOf(quantities.values())));
    TransferView v =
        view(
            rows.byShippedEvent(scope.tenantId(), receipt.eventId())
                .orElseThrow(
                    () ->
                        Problem.conflict(
                            "idempotency-key-reused",
                            "Idempotency-Key",
                            "this Idempotency-Key was used for another request")));
    return new Shipped(v, receipt.repeated());
  }

  /**
   * The units, containers and quantities named (or everything still on its way) arrive at {@code
   * dockCode}, a dock of the transfer's destination, in one ledger event.
   */
  public TransferView receive(
      TenantScope scope,
      String number,
      String dockCode,
      List<UnitRef> units,
      List<Sscc> containers,
      List<StockAsked> stock,
      String key) {
    scope.requireWrite();
    TransferRows.Transfer t = require(scope, number);
    Location dock = facility.require(dockCode, "dock");
    if (!dock.warehouse().equals(t.to())) {
      throw Problem.conflict(
              "another-warehouse",
              "dock",
              t.number() + " goes to " + t.to() + ": " + dock.code() + " is in " + dock.warehouse())
          .with("rule", "same-warehouse");
    }
    if (dock.type() != LocationType.DOCK) {
      throw Problem.unprocessable(
          "not-a-dock", "dock", "a transfer is received on a dock; " + dock.code() + " is not one");
    }
    List<TransferRows.Unit> lines = new ArrayList<>(rows.units(t.id()));
    lines.addAll(rows.containers(t.id()));
    List<Arrival.Line> state = new ArrayList<>();
    Map<String, TransferRows.Unit> byKey = new LinkedHashMap<>();
    for (TransferRows.Unit u : lines) {
      state.add(Arrival.Line.piece(u.key(), u.receivedEventId() != null));
      byKey.put(u.key(), u);
    }
    Map<String, TransferRows.Stock> stockByKey = new LinkedHashMap<>();
    for (TransferRows.Stock q : rows.stock(t.id())) {
      state.add(new Arrival.Line(q.key(), q.quantity(), q.received()));
      stockByKey.put(q.key(), q);
    }
    String requestKey = key == null ? null : "transfer:" + t.number() + ":" + key;
    if (ledger.recorded(scope, requestKey)) {
      // A repeat: what it took has arrived, so it is answered without asking for it again.
      return view(t);
    }
    if (CLOSED.equals(t.status())) {
      requireOnTheWay(t);
    }
    List<Arrival.Asked> asked = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      asked.add(new Arrival.Asked(String.join("/", columns(units.get(i))), "units[" + i + "]"));
    }
    for (int i = 0; i < containers.size(); i++) {
      asked.add(new Arrival.Asked(containers.get(i).value(), "containers[" + i + "]"));
    }
    for (int i = 0; i < stock.size(); i++) {
      StockAsked q = stock.get(i);
      String k = TransferRows.Stock.key(q.gtin(), q.lot());
      asked.add(new Arrival.Asked(k, q.quantity(), "stock[" + i + "]"));
    }
    List<UnitRef> refs = new ArrayList<>();
    List<Long> unitRows = new ArrayList<>();
    List<Sscc> whole = new ArrayList<>();
    List<Long> containerRows = new ArrayList<>();
    List<Transit.StockIn> quantities = new ArrayList<>();
    Map<Long, Long> stockRows = new LinkedHashMap<>();
    for (Arrival.Take take : Arrival.of(state, asked)) {
      String k = take.key();
      TransferRows.Stock q = stockByKey.get(k);
      if (q != null) {
        quantities.add(new Transit.StockIn(q.gtin(), q.lot(), take.quantity()));
        stockRows.put(q.id(), take.quantity());
        continue;
      }
      TransferRows.Unit u = byKey.get(k);
      if (u.gtin() == null) {
        whole.add(new Sscc(u.serial()));
        containerRows.add(u.id());
      } else {
        refs.add(u.ref());
        unitRows.add(u.id());
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("transfer", t.number());
    details.put("from", t.from());
    transit.arrive(
        scope,
        refs,
        whole,
        quantities,
        dock.code(),
        details,
        meta(requestKey),
        eventId -> {
          int changed =
              rows.arrived("transfer_unit", t.id(), unitRows, eventId, dock.code())
                  + rows.arrived("transfer_container", t.id(), containerRows, eventId, dock.code());
          for (var q : stockRows.entrySet()) {
            changed += rows.stockArrived(q.getKey(), q.getValue(), eventId) ? 1 : 0;
          }
          if (changed != unitRows.size() + containerRows.size() + stockRows.size()) {
            throw Problem.conflict(
                "concurrent-change",
                "units",
                "another arrival took some of these units meanwhile: look at the transfer again");
          }
          rows.closeIfArrived(t.id(), clock.millis());
        });
    return view(require(scope, number));
  }

  /**
   * Closes a transfer short: everything still on its way (units, containers, counted goods) is
   * reported lost on the way in one ledger event, LOST, a supervisor's decision with a reason; the
   * units go MISSING until found. A repeated Idempotency-Key answers with the transfer as it is.
   */
  public TransferView closeShort(TenantScope scope, String number, String reason, String key) {
    scope.requireRole(Role.SUPERVISOR);
    TransferRows.Transfer t = require(scope, number);
    String requestKey = key == null ? null : "transfer-close:" + t.number() + ":" + key;
    if (ledger.recorded(scope, requestKey)) {
      return view(t);
    }
    requireOnTheWay(t);
    List<UnitRef> refs = new ArrayList<>();
    for (TransferRows.Unit u : rows.units(t.id())) {
      if (u.receivedEventId() == null) {
        refs.add(u.ref());
      }
    }
    List<Sscc> whole = new ArrayList<>();
    for (TransferRows.Unit c : rows.containers(t.id())) {
      if (c.receivedEventId() == null) {
        whole.add(new Sscc(c.serial()));
      }
    }
    List<Transit.StockIn> quantities = new ArrayList<>();
    for (TransferRows.Stock q : rows.stock(t.id())) {
      if (q.received() < q.quantity()) {
        quantities.add(new Transit.StockIn(q.gtin(), q.lot(), q.quantity() - q.received()));
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("transfer", t.number());
    details.put("from", t.from());
    details.put("to", t.to());
    transit.lose(
        scope,
        refs,
        whole,
        quantities,
        t.to(),
        reason,
        details,
        meta(requestKey),
        eventId -> {
          if (!rows.closeShort(
              t.id(), eventId, scope.actor().who(), clock.millis(), reason.strip())) {
            throw Problem.conflict(
                "concurrent-change",
                "number",
                t.number() + " changed meanwhile (goods arrived, or it was closed): look again");
          }
        });
    return view(require(scope, number));
  }

  /** Arrivals and a close are for a transfer still on its way. */
  private static void requireOnTheWay(TransferRows.Transfer t) {
    if (CLOSED.equals(t.status())) {
      throw Problem.conflict(
          "transfer-closed",
          "number",
          t.number()
              + " was closed short: what had not arrived was reported lost; a unit that turns up"
              + " is recorded found");
    }
    if (!IN_TRANSIT.equals(t.status())) {
      throw Problem.conflict(
          "transfer-received", "number", "everything on " + t.number() + " has arrived already");
    }
  }

  public TransferView get(TenantScope scope, String number) {
    return view(require(scope, number));
  }

  public CursorPage<TransferView> list(TenantScope scope, String cursor, int limit) {
    List<TransferRows.Transfer> found =
        rows.list(scope.tenantId(), CursorPage.decode(cursor), limit + 1);
    CursorPage<TransferRows.Transfer> page = CursorPage.of(found, limit, TransferRows.Transfer::id);
    return new CursorPage<>(views(page.items()), page.next());
  }

  private TransferRows.Transfer require(TenantScope scope, String number) {
    String n = number == null ? "" : number.strip().toUpperCase(java.util.Locale.ROOT);
    return rows.byNumber(scope.tenantId(), n)
        .orElseThrow(() -> Problem.notFound("unknown-transfer", "no transfer " + number));
  }

  private TransferView view(TransferRows.Transfer t) {
    return views(List.of(t)).get(0);
  }

  /**
   * The transfers with their lines, read set-based: one statement each for their units, containers
   * and counted goods, and one for the SKUs of the GTINs they carry.
   */
  private List<TransferView> views(List<TransferRows.Transfer> transfers) {
    if (transfers.isEmpty()) {
      return List.of();
    }
    List<Long> ids = transfers.stream().map(TransferRows.Transfer::id).toList();
    Map<Long, List<TransferRows.Unit>> units = rows.units(ids);
    Map<Long, List<TransferRows.Unit>> containers = rows.containers(ids);
    Map<Long, List<TransferRows.Stock>> stock = rows.stock(ids);
    Set<String> gtins = new HashSet<>();
    units.values().forEach(l -> l.forEach(u -> gtins.add(u.gtin())));
    stock.values().forEach(l -> l.forEach(q -> gtins.add(q.gtin())));
    Map<String, String> skus = catalog.skusByGtin(transfers.get(0).tenantId(), gtins);
    List<TransferView> views = new ArrayList<>(transfers.size());
    for (TransferRows.Transfer t : transfers) {
      views.add(
          view(
              t,
              units.getOrDefault(t.id(), List.of()).stream()
                  .map(
                      u ->
                          new UnitLine(
                              u.gtin(),
                              u.serial(),
                              u.receivedEventId() != null,
                              skus.get(u.gtin())))
                  .toList(),
              containers.getOrDefault(t.id(), List.of()).stream()
                  .map(c -> new ContainerLine(c.serial(), c.receivedEventId() != null))
                  .toList(),
              stock.getOrDefault(t.id(), List.of()).stream()
                  .map(
                      q ->
                          new StockLine(
                              q.gtin(), q.lot(), q.quantity(), q.received(), skus.get(q.gtin())))
                  .toList()));
    }
    return views;
  }

  private static TransferView view(
      TransferRows.Transfer t,
      List<UnitLine> lines,
      List<ContainerLine> containers,
      List<StockLine> stock) {
    int notArrived =
        (int)
            (lines.stream().filter(l -> !l.arrived()).count()
                + containers.stream().filter(c -> !c.arrived()).count()
                + stock.stream().filter(q -> q.arrived() < q.quantity()).count());
    boolean closed = CLOSED.equals(t.status());
    return new TransferView(
        t.number(),
        t.from(),
        t.to(),
        t.status(),
        t.shippedEventId(),
        t.shippedBy(),
        Instant.ofEpochMilli(t.shippedAt()),
        t.receivedAt() == null ? null : Instant.ofEpochMilli(t.receivedAt()),
        lines.size(),
        closed ? 0 : notArrived,
        lines,
        containers,
        stock,
        closed ? notArrived : 0,
        t.closedBy(),
        t.closedAt() == null ? null : Instant.ofEpochMilli(t.closedAt()),
        t.closedReason());
  }

  private String warehouse(String code, String field) {
    if (code == null || code.isBlank()) {
      throw Problem.badRequest("invalid-field", field, "name the warehouse");
    }
    String c = code.strip();
    if (facility.warehouses().stream().noneMatch(w -> w.code().equals(c))) {
      throw Problem.unprocessable("unknown-warehouse", field, "no warehouse with code " + c);
    }
    return c;
  }

  private static RequestMeta meta(String key) {
    return new RequestMeta(key, null, null, null, List.of());
  }

  private static String[] columns(UnitRef u) {
    return new String[] {u.gtin().value(), u.serial().value()};
  }
}
