package io.unitrace.outbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.Departures;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Confirming a shipment: the order's packed cartons (or pallets) leave with a carrier. One CBV
 * {@code shipping} event, disposition {@code in_transit}, naming the order and the SSCCs: every
 * unit goes SHIPPED with the sale (order, channel, sold-to, ship date) recorded in its history,
 * counted goods leave the stock book, and each unit's warranty starts from the product's terms. A
 * dispatch advice (SSCCs, contents, serials, lots) can then be fetched for the customer or the
 * channel.
 */
@Service
public class Shipping {

  public record ShipmentRequest(
      String carrier, String service, String tracking, List<String> cartons, String shipDate) {

    public ShipmentRequest {
      Text.line("carrier", carrier, 60);
      Text.line("service", service, 60);
      Text.line("tracking", tracking, 100);
      Text.noNulls("cartons", cartons);
    }
  }

  public record Shipped(
      long shipment,
      long order,
      String channelOrderId,
      List<String> cartons,
      int units,
      long quantity,
      EventReceipt receipt) {}

  public record AdviceItem(
      String sku,
      String gtin,
      String lot,
      LocalDate expiry,
      long quantity,
      List<String> serials,
      String warrantyUntil) {}

  public record AdviceCarton(String sscc, List<AdviceItem> items) {}

  public record Party(String name, String address, String gln) {}

  /** A dispatch advice (in the spirit of a GS1 despatch advice), as JSON. */
  public record DispatchAdvice(
      long shipment,
      String channel,
      String channelOrderId,
      String carrier,
      String service,
      String tracking,
      String shipDate,
      Party soldTo,
      Party shipTo,
      List<AdviceCarton> cartons) {}

  private final CartonRows rows;
  private final Containers containers;
  private final Departures departures;
  private final Catalog catalog;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Shipping(
      CartonRows rows,
      Containers containers,
      Departures departures,
      Catalog catalog,
      Clock clock,
      ApplicationEventPublisher events) {
    this.rows = rows;
    this.containers = containers;
    this.departures = departures;
    this.catalog = catalog;
    this.clock = clock;
    this.events = events;
  }

  public Shipped ship(TenantScope scope, long orderId, ShipmentRequest r, RequestMeta meta) {
    scope.requireWrite();
    if (r == null || r.carrier() == null || r.carrier().isBlank()) {
      throw Problem.badRequest("invalid-field", "carrier", "name the carrier");
    }
    LocalDate shipDate = shipDate(r.shipDate());
    CartonRows.OrderHead order =
        rows.order(scope.tenantId(), orderId)
            .orElseThrow(() -> Problem.notFound("unknown-order", "no order " + orderId));
    String key = meta.idempotencyKey() == null ? null : meta.idempotencyKey().strip();
    if (key != null && !key.isEmpty()) {
      var first = rows.shipmentByKey(scope.tenantId(), key);
      if (first.isPresent()) {
        return repeat(scope, first.get());
      }
    }
    if (!order.status().equals("PACKED")) {
      throw Problem.conflict(
              "order-not-packed",
              "order",
              "order "
                  + order.channelOrderId()
                  + " is "
                  + order.status()
                  + ": close its packing first")
          .with("rule", "ship-packed-orders");
    }
    List<CartonRows.Carton> cartons =
        rows.cartons(scope.tenantId(), orderId).stream()
            .filter(c -> !c.status().equals("SHIPPED"))
            .toList();
    if (r.cartons() != null && !r.cartons().isEmpty()) {
      List<CartonRows.Carton> named = new ArrayList<>();
      for (int i = 0; i < r.cartons().size(); i++) {
        String sscc = r.cartons().get(i);
        named.add(
            cartons.stream()
                .filter(c -> c.sscc().equals(sscc))
                .findFirst()
                .orElseThrow(
                    () ->
                        Problem.unprocessable(
                            "unknown-carton",
                            "cartons",
                            "carton " + sscc + " is not an unshipped carton of this order")));
      }
      cartons = named;
    }
    List<Long> cartonIds = cartons.stream().map(CartonRows.Carton::id).toList();
    List<CartonRows.Content> contents =
        rows.contents(scope.tenantId(), cartonIds).stream()
            .filter(a -> a.status().equals("PACKED"))
            .toList();
    if (contents.isEmpty()) {
      throw Problem.conflict("nothing-packed", "cartons", "the cartons named hold nothing to ship");
    }
    List<Long> containerIds = new ArrayList<>();
    for (CartonRows.Carton c : cartons) {
      Container box = containers.find(scope.tenantId(), new Sscc(c.sscc())).orElseThrow();
      containerIds.addAll(containers.tree(scope.tenantId(), box.id()));
    }
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), contents.stream().map(a -> new ProductId(a.productId())).toList());
    Map<Long, String> warranty = new HashMap<>();
    List<Long> unitIds = new ArrayList<>();
    List<Departures.ReservedQuantity> stock = new ArrayList<>();
    for (CartonRows.Content a : contents) {
      Integer months = products.get(new ProductId(a.productId())).warrantyMonths();
      if (months != null) {
        warranty.put(a.allocationId(), shipDate.plusMonths(months).toString());
      }
      if (a.unitId() != null) {
        unitIds.add(a.unitId());
      } else {
        stock.add(
            new Departures.ReservedQuantity(
                new ProductId(a.productId()),
                a.lotId() == null ? null : new LotId(a.lotId()),
                new io.unitrace.facility.LocationId(a.locationId()),
                a.quantity()));
      }
    }
    Map<String, String> sale = new TreeMap<>();
    sale.put("order", order.channelOrderId());
    sale.put("channel", order.channel());
    sale.put("soldTo", order.soldToName());
    if (order.soldToGln() != null) {
      sale.put("soldToGln", order.soldToGln());
    }
    sale.put("shipDate", shipDate.toString());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("order", order.channelOrderId());
    details.put("channel", order.channel());
    details.put("carrier", r.carrier());
    if (r.tracking() != null) {
      details.put("tracking", r.tracking());
    }
    details.put("ssccs", cartons.stream().map(CartonRows.Carton::sscc).toList());
    long now = clock.millis();
    long[] shipment = {0};
    List<CartonRows.Carton> shipping = cartons;
    EventReceipt receipt =
        departures.ship(
            scope,
            unitIds,
            stock,
            containerIds,
            sale,
            details,
            Picking.withOrder(meta, order.channelOrderId()),
            eventId -> {
              shipment[0] =
                  rows.insertShipment(
                      scope.tenantId(),
                      orderId,
                      r.carrier().strip(),
                      r.service(),
                      r.tracking(),
                      shipDate.toString(),
                      eventId,
                      now,
                      scope.actor().who(),
                      key == null || key.isEmpty() ? null : key);
              rows.shipped(
                  contents.stream().map(CartonRows.Content::allocationId).toList(), warranty, now);
              rows.setCartonStatus(cartonIds, "SHIPPED", shipment[0]);
              boolean all =
                  rows.cartons(scope.tenantId(), orderId).stream()
                      .allMatch(c -> c.status().equals("SHIPPED"));
              if (all) {
                rows.orderStatus(scope.tenantId(), orderId, "PACKED", "SHIPPED", null, now);
              }
              if (!unitIds.isEmpty()) {
                // heard in this transaction: what goes with a sold unit commits with its shipment
                events.publishEvent(new UnitsShipped(scope.tenantId(), eventId, orderId, unitIds));
              }
            });
    return new Shipped(
        shipment[0],
        orderId,
        order.channelOrderId(),
        shipping.stream().map(CartonRows.Carton::sscc).toList(),
        unitIds.size(),
        stock.stream().mapToLong(Departures.ReservedQuantity::quantity).sum(),
        receipt);
  }

  /** The first answer to a shipment confirmed again under the same key. */
  private Shipped repeat(TenantScope scope, long shipmentId) {
    CartonRows.Shipment s = rows.shipment(scope.tenantId(), shipmentId).orElseThrow();
    CartonRows.OrderHead order = rows.order(scope.tenantId(), s.orderId()).orElseThrow();
    List<Long> cartonIds = rows.cartonsOfShipment(scope.tenantId(), shipmentId);
    List<CartonRows.Content> contents = rows.contents(scope.tenantId(), cartonIds);
    List<String> ssccs =
        rows.cartons(scope.tenantId(), s.orderId()).stream()
            .filter(c -> cartonIds.contains(c.id()))
            .map(CartonRows.Carton::sscc)
            .toList();
    return new Shipped(
        shipmentId,
        s.orderId(),
        order.channelOrderId(),
        ssccs,
        (int) contents.stream().filter(a -> a.unitId() != null).count(),
        contents.stream()
            .filter(a -> a.unitId() == null)
            .mapToLong(CartonRows.Content::quantity)
            .sum(),
        null);
  }

  public DispatchAdvice advice(TenantScope scope, long shipmentId) {
    CartonRows.Shipment s =
        rows.shipment(scope.tenantId(), shipmentId)
            .orElseThrow(() -> Problem.notFound("unknown-shipment", "no shipment " + shipmentId));
    CartonRows.OrderHead order = rows.order(scope.tenantId(), s.orderId()).orElseThrow();
    List<Long> cartonIds = rows.cartonsOfShipment(scope.tenantId(), shipmentId);
    List<CartonRows.Content> contents = rows.contents(scope.tenantId(), cartonIds);
    Map<Long, Long> cartonOf = rows.cartonOf(scope.tenantId(), cartonIds);
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
    Map<Long, String> ssccs = new HashMap<>();
    rows.cartons(scope.tenantId(), s.orderId()).forEach(c -> ssccs.put(c.id(), c.sscc()));
    List<AdviceCarton> out = new ArrayList<>();
    for (Long cartonId : cartonIds) {
      record Key(long product, Long lot) {}
      Map<Key, List<CartonRows.Content>> groups = new LinkedHashMap<>();
      contents.stream()
          .filter(a -> cartonId.equals(cartonOf.get(a.allocationId())))
          .forEach(
              a ->
                  groups
                      .computeIfAbsent(new Key(a.productId(), a.lotId()), k -> new ArrayList<>())
                      .add(a));
      List<AdviceItem> items = new ArrayList<>();
      groups.forEach(
          (k, list) -> {
            Product p = products.get(new ProductId(k.product()));
            Lot lot = k.lot() == null ? null : lots.get(new LotId(k.lot()));
            List<String> serials =
                list.stream()
                    .map(CartonRows.Content::serial)
                    .filter(Objects::nonNull)
                    .sorted()
                    .toList();
            items.add(
                new AdviceItem(
                    p.sku(),
                    list.get(0).gtin() != null
                        ? list.get(0).gtin()
                        : p.gtins().isEmpty() ? null : p.gtins().get(0).value(),
                    lot == null ? null : lot.code(),
                    lot == null ? null : lot.expiresOn(),
                    list.stream().mapToLong(CartonRows.Content::quantity).sum(),
                    serials,
                    list.get(0).warrantyUntil()));
          });
      out.add(new AdviceCarton(ssccs.get(cartonId), items));
    }
    return new DispatchAdvice(
        shipmentId,
        order.channel(),
        order.channelOrderId(),
        s.carrier(),
        s.service(),
        s.tracking(),
        s.shipDate(),
        new Party(order.soldToName(), order.soldToAddress(), order.soldToGln()),
        new Party(order.shipToName(), order.shipToAddress(), order.shipToGln()),
        out);
  }

  private LocalDate shipDate(String text) {
    if (text == null || text.isBlank()) {
      return LocalDate.now(clock);
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Problem.badRequest("invalid-field", "shipDate", "shipDate is a date: yyyy-MM-dd");
    }
  }
}
