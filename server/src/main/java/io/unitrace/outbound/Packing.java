package io.unitrace.outbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.Departures;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The packing station: open a shipping carton under a new SSCC of the client's numbering, scan the
 * order's picked goods into it (CBV {@code packing}: the units are aggregated under the carton's
 * SSCC in the ledger), see what is still missing, and close the order complete — or short, by a
 * supervisor with a reason, which releases what was not packed.
 */
@Service
public class Packing {

  public record Item(String sku, String gtin, String serial, String lot, long quantity) {}

  public record Carton(String sscc, long order, String station, String status, List<Item> items) {}

  public record LineProgress(
      int line,
      String sku,
      String lot,
      String serial,
      long ordered,
      long allocated,
      long picked,
      long packed,
      long shipped,
      long missing) {}

  public record Progress(
      long order,
      String channelOrderId,
      String status,
      boolean complete,
      List<LineProgress> lines,
      List<Carton> cartons) {}

  /** A scan packed: into which carton, what, and what the order still misses. */
  public record Packed(String sscc, Item item, Progress progress, EventReceipt receipt) {}

  private final CartonRows rows;
  private final AllocationRows allocations;
  private final Allocation allocation;
  private final Containers containers;
  private final Departures departures;
  private final Inventory inventory;
  private final Catalog catalog;
  private final Facility facility;
  private final PickListRows pickRows;
  private final TransactionTemplate tx;
  private final Clock clock;

  Packing(
      CartonRows rows,
      AllocationRows allocations,
      Allocation allocation,
      Containers containers,
      Departures departures,
      Inventory inventory,
      Catalog catalog,
      Facility facility,
      PickListRows pickRows,
      TransactionTemplate tx,
      Clock clock) {
    this.rows = rows;
    this.allocations = allocations;
    this.allocation = allocation;
    this.containers = containers;
    this.departures = departures;
    this.inventory = inventory;
    this.catalog = catalog;
    this.facility = facility;
    this.pickRows = pickRows;
    this.tx = tx;
    this.clock = clock;
  }

  /** A new, empty carton for the order at the packing station, under a new SSCC. */
  public Carton open(TenantScope scope, long orderId, String station) {
    scope.requireWrite();
    CartonRows.OrderHead order = order(scope, orderId);
    if (order.status().equals("SHIPPED") || order.status().equals("CANCELLED")) {
      throw Problem.conflict(
          "order-closed", "order", "order " + order.channelOrderId() + " is " + order.status());
    }
    Location at = facility.require(station, "station");
    Container box = containers.create(scope, null, "CASE", at.code());
    rows.insertCarton(scope.tenantId(), orderId, box.sscc().value(), at.code(), clock.millis());
    return carton(scope, box.sscc().value());
  }

  /** Packs one scanned unit, or a quantity of counted goods, into the carton {@code sscc}. */
  public Packed scan(TenantScope scope, Sscc sscc, PickScan.Read read, RequestMeta meta) {
    scope.requireWrite();
    CartonRows.Carton carton = carton(scope, sscc);
    if (!carton.status().equals("OPEN")) {
      throw refused(
          "carton-closed", "carton " + sscc + " is " + carton.status() + ": open a new one");
    }
    CartonRows.OrderHead order = order(scope, carton.orderId());
    long now = clock.millis();
    RequestMeta m = Picking.withOrder(meta, order.channelOrderId());
    if (read instanceof PickScan.Unit u) {
      var position = inventory.unit(scope.tenantId(), u.ref());
      if (position.isEmpty()) {
        throw refused("unknown-unit", "this unit is unknown: it was never received here");
      }
      PickCheck.Holder holder = pickRows.holder(scope.tenantId(), position.get().id()).orElse(null);
      if (holder == null || holder.orderId() != carton.orderId()) {
        throw refused(
            "not-this-order",
            "this unit is not for order "
                + order.channelOrderId()
                + (holder == null
                    ? ": it is allocated to no order"
                    : ": it is for order " + holder.order()));
      }
      if (holder.status().equals("PACKED")) {
        throw refused("already-packed", "this unit is already packed");
      }
      if (holder.status().equals("ALLOCATED")) {
        throw refused("not-picked", "this unit is allocated to the order but not picked yet");
      }
      if (position.get().holds() != 0) {
        throw refused("held", "this unit is on hold: it must not be packed");
      }
      EventReceipt receipt =
          tx.execute(
              s -> {
                EventReceipt r = containers.pack(scope, List.of(u.ref()), sscc, m);
                rows.packed(holder.allocationId(), carton.id(), box(scope, sscc).locationId(), now);
                return r;
              });
      Product p =
          catalog
              .products(scope.tenantId(), List.of(position.get().productId()))
              .get(position.get().productId());
      return new Packed(
          sscc.value(),
          new Item(p.sku(), u.ref().gtin().value(), u.ref().serial().value(), null, 1),
          progress(scope, carton.orderId()),
          receipt);
    }
    if (read instanceof PickScan.Counted c) {
      Product product =
          catalog
              .byGtin(scope.tenantId(), c.gtin())
              .orElseThrow(
                  () ->
                      refused("unknown-product", "no product of this client has GTIN " + c.gtin()));
      Long lotId =
          c.lot() == null
              ? null
              : catalog.findLot(scope.tenantId(), product.id(), c.lot()).map(Lot::id).orElse(null);
      List<CartonRows.Content> picked =
          rows.allocations(scope.tenantId(), carton.orderId(), "PICKED").stream()
              .filter(
                  a ->
                      a.unitId() == null
                          && a.productId() == product.id()
                          && Objects.equals(a.lotId(), lotId))
              .toList();
      long open = picked.stream().mapToLong(CartonRows.Content::quantity).sum();
      if (open == 0) {
        throw refused(
            "not-this-order",
            product.sku()
                + (c.lot() == null ? "" : " lot " + c.lot())
                + " is not picked for order "
                + order.channelOrderId());
      }
      if (c.quantity() > open) {
        throw refused(
            "over-quantity",
            "only "
                + open
                + " of "
                + product.sku()
                + " are picked for this order, not "
                + c.quantity());
      }
      Container box = box(scope, sscc);
      Location boxAt = facility.byId(box.locationId()).orElseThrow();
      List<Departures.ReservedQuantity> from = new ArrayList<>();
      long left = c.quantity();
      for (CartonRows.Content a : picked) {
        long take = Math.min(left, a.quantity());
        if (take > 0) {
          from.add(
              new Departures.ReservedQuantity(
                  new ProductId(product.id()),
                  lotId == null ? null : new LotId(lotId),
                  new LocationId(a.locationId()),
                  take));
        }
        left -= take;
      }
      EventReceipt receipt =
          departures.moveReserved(
              scope,
              from,
              boxAt.code(),
              true,
              Map.of("into", sscc.value(), "order", order.channelOrderId()),
              m,
              eventId -> {
                long rest = c.quantity();
                for (CartonRows.Content a : picked) {
                  long take = Math.min(rest, a.quantity());
                  if (take > 0) {
                    if (take == a.quantity()) {
                      rows.packed(a.allocationId(), carton.id(), boxAt.id(), now);
                    } else {
                      allocations.split(
                          a.allocationId(), take, "PACKED", boxAt.id(), carton.id(), now);
                    }
                    rows.insertCartonStock(scope.tenantId(), carton.id(), a.allocationId(), take);
                  }
                  rest -= take;
                }
              });
      return new Packed(
          sscc.value(),
          new Item(product.sku(), c.gtin().value(), null, c.lot(), c.quantity()),
          progress(scope, carton.orderId()),
          receipt);
    }
    throw Problem.badRequest("invalid-field", "scan", "scan a unit or counted goods to pack");
  }

  public Carton close(TenantScope scope, Sscc sscc) {
    scope.requireWrite();
    CartonRows.Carton carton = carton(scope, sscc);
    if (carton.status().equals("OPEN")) {
      rows.setCartonStatus(List.of(carton.id()), "CLOSED", null);
    }
    return carton(scope, sscc.value());
  }

  /**
   * Closes the order's packing: only complete (every line packed in full), or explicitly short by a
   * supervisor with a reason, releasing what was allocated or picked and not packed.
   */
  public Progress finish(TenantScope scope, long orderId, boolean shortClose, String reason) {
    scope.requireWrite();
    Progress p = progress(scope, orderId);
    if (p.status().equals("PACKED") || p.status().equals("SHIPPED")) {
      return p;
    }
    if (!p.complete()) {
      if (!shortClose) {
        throw Problem.conflict(
                "order-incomplete",
                "order",
                "order "
                    + p.channelOrderId()
                    + " is not packed in full: "
                    + p.lines().stream()
                        .filter(l -> l.missing() > 0)
                        .map(l -> l.missing() + " × " + l.sku())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("")
                    + " missing; a supervisor may close it short with a reason")
            .with("missing", p.lines().stream().filter(l -> l.missing() > 0).toList());
      }
      scope.requireRole(Role.SUPERVISOR);
      if (reason == null || reason.isBlank()) {
        throw Problem.badRequest(
            "invalid-field", "reason", "closing an order short needs a reason");
      }
    }
    if (p.cartons().stream().noneMatch(c -> !c.items().isEmpty())) {
      throw Problem.conflict(
          "nothing-packed", "order", "nothing of order " + p.channelOrderId() + " is packed");
    }
    long now = clock.millis();
    tx.executeWithoutResult(
        s -> {
          if (!p.complete()) {
            allocation.releaseLines(scope, orderId, List.of(), reason);
          }
          for (Carton c : p.cartons()) {
            if (c.status().equals("OPEN")) {
              rows.setCartonStatus(
                  List.of(rows.carton(scope.tenantId(), c.sscc()).orElseThrow().id()),
                  "CLOSED",
                  null);
            }
          }
          for (String from : List.of("OPEN", "ALLOCATED", "PICKED")) {
            rows.orderStatus(
                scope.tenantId(), orderId, from, "PACKED", p.complete() ? null : reason, now);
          }
        });
    return progress(scope, orderId);
  }

  /** One SKU and lot of a carton on the packing slip, with its serials. */
  public record SlipLine(
      String sku, String gtin, String lot, long quantity, List<String> serials) {}

  /** What the packing slip shows: the order's parties, each carton's lines, the order's lines. */
  public record Slip(
      CartonRows.OrderHead order, Progress progress, Map<String, List<SlipLine>> lines) {}

  public Slip slip(TenantScope scope, long orderId) {
    Progress p = progress(scope, orderId);
    Map<String, List<SlipLine>> lines = new java.util.LinkedHashMap<>();
    for (Carton c : p.cartons()) {
      Map<String, List<Item>> groups = new java.util.LinkedHashMap<>();
      c.items()
          .forEach(
              i -> groups.computeIfAbsent(i.sku() + "|" + i.lot(), k -> new ArrayList<>()).add(i));
      List<SlipLine> out = new ArrayList<>();
      groups
          .values()
          .forEach(
              g ->
                  out.add(
                      new SlipLine(
                          g.get(0).sku(),
                          g.get(0).gtin(),
                          g.get(0).lot(),
                          g.stream().mapToLong(Item::quantity).sum(),
                          g.stream()
                              .map(Item::serial)
                              .filter(Objects::nonNull)
                              .sorted()
                              .toList())));
      lines.put(c.sscc(), out);
    }
    return new Slip(order(scope, orderId), p, lines);
  }

  public Progress progress(TenantScope scope, long orderId) {
    CartonRows.OrderHead order = order(scope, orderId);
    List<CartonRows.LineState> lines = rows.lines(scope.tenantId(), orderId);
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), lines.stream().map(l -> new ProductId(l.productId())).toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            lines.stream()
                .map(CartonRows.LineState::lotId)
                .filter(Objects::nonNull)
                .map(LotId::new)
                .toList());
    List<LineProgress> out = new ArrayList<>();
    boolean complete = true;
    for (CartonRows.LineState l : lines) {
      long missing = Math.max(0, l.quantity() - l.packed() - l.shipped());
      complete &= missing == 0;
      out.add(
          new LineProgress(
              l.lineNo(),
              products.get(new ProductId(l.productId())).sku(),
              l.lotId() == null ? null : lots.get(new LotId(l.lotId())).code(),
              l.serial(),
              l.quantity(),
              l.allocated(),
              l.picked(),
              l.packed(),
              l.shipped(),
              missing));
    }
    List<Carton> cartons = new ArrayList<>();
    for (CartonRows.Carton c : rows.cartons(scope.tenantId(), orderId)) {
      cartons.add(carton(scope, c.sscc()));
    }
    return new Progress(orderId, order.channelOrderId(), order.status(), complete, out, cartons);
  }

  Carton carton(TenantScope scope, String sscc) {
    CartonRows.Carton c =
        rows.carton(scope.tenantId(), sscc)
            .orElseThrow(() -> Problem.notFound("unknown-carton", "no carton " + sscc));
    List<CartonRows.Content> contents = rows.contents(scope.tenantId(), List.of(c.id()));
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), contents.stream().map(a -> new ProductId(a.productId())).toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            contents.stream()
                .map(CartonRows.Content::lotId)
                .filter(Objects::nonNull)
                .map(LotId::new)
                .toList());
    List<Item> items =
        contents.stream()
            .map(
                a ->
                    new Item(
                        products.get(new ProductId(a.productId())).sku(),
                        a.gtin(),
                        a.serial(),
                        a.lotId() == null ? null : lots.get(new LotId(a.lotId())).code(),
                        a.quantity()))
            .toList();
    return new Carton(c.sscc(), c.orderId(), c.station(), c.status(), items);
  }

  private CartonRows.Carton carton(TenantScope scope, Sscc sscc) {
    return rows.carton(scope.tenantId(), sscc.value())
        .orElseThrow(() -> Problem.notFound("unknown-carton", "no shipping carton " + sscc));
  }

  private Container box(TenantScope scope, Sscc sscc) {
    return containers.find(scope.tenantId(), sscc).orElseThrow();
  }

  private CartonRows.OrderHead order(TenantScope scope, long orderId) {
    return rows.order(scope.tenantId(), orderId)
        .orElseThrow(() -> Problem.notFound("unknown-order", "no order " + orderId));
  }

  static Problem refused(String code, String message) {
    return Problem.conflict(code, "scan", message).with("rule", code);
  }
}
