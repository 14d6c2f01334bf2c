package io.unitrace.outbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.TrackingRule;
import io.unitrace.facility.Facility;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.Database;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Times;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Taking channel orders in: each request checked against the client's channels, customers and
 * catalog and the site's warehouses, then written with its lines, OPEN, in one transaction for the
 * whole request (a CSV of many orders goes in entirely or not at all).
 *
 * <p>Idempotent on (client, channel, channel order id). The digest of the canonical request is
 * stored with the order: a repeat with the same digest is answered with the order already there and
 * writes nothing; a repeat with another digest is refused ({@code order-changed}), since a channel
 * that changes an order it already sent must cancel it or send a new one. Two identical imports at
 * the same moment both find no order; one insert wins on the unique constraint, and the loser's
 * transaction rolls back (PostgreSQL aborts it) and runs again from fresh reads, now finding the
 * winner's order to answer with.
 */
@Service
class OrderIntake {

  /** What became of one order of a request: CREATED now, or REPEATED (it was there already). */
  record Placed(long id, String channel, String channelOrderId, String outcome) {
    boolean created() {
      return CREATED.equals(outcome);
    }
  }

  static final String CREATED = "CREATED";
  static final String REPEATED = "REPEATED";
  private static final int ATTEMPTS = 3;

  private final JdbcClient db;
  private final Catalog catalog;
  private final Facility facility;
  private final SalesChannels channels;
  private final Customers customers;
  private final Orders orders;
  private final ObjectProvider<OrderPlaced> hooks;
  private final TransactionTemplate tx;
  private final Clock clock;

  OrderIntake(
      JdbcClient db,
      Catalog catalog,
      Facility facility,
      SalesChannels channels,
      Customers customers,
      Orders orders,
      ObjectProvider<OrderPlaced> hooks,
      TransactionTemplate tx,
      Clock clock) {
    this.db = db;
    this.catalog = catalog;
    this.facility = facility;
    this.channels = channels;
    this.customers = customers;
    this.orders = orders;
    this.hooks = hooks;
    this.tx = tx;
    this.clock = clock;
  }

  /** Places every order of the request, or none; answers one result per order, in order. */
  List<Placed> place(TenantScope scope, List<OrderImport.Incoming> incoming) {
    scope.requireWrite();
    DataAccessException lost = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return tx.execute(t -> placeAll(scope, incoming));
      } catch (DataAccessException e) {
        // A twin request committed the same order first: judged again, it is now a repeat.
        if (!Database.isUniqueViolation(e)) {
          throw e;
        }
        lost = e;
      } catch (TransactionException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
    throw lost;
  }

  private List<Placed> placeAll(TenantScope scope, List<OrderImport.Incoming> incoming) {
    long tenantId = scope.tenantId();
    Lookups lookups = new Lookups(tenantId);
    List<Placed> placed = new ArrayList<>(incoming.size());
    for (OrderImport.Incoming in : incoming) {
      placed.add(placeOne(scope, in.request(), in.where(), lookups));
    }
    for (Placed p : placed) {
      if (p.created()) {
        hooks.orderedStream().forEach(h -> h.placed(scope, p.id()));
      }
    }
    return placed;
  }

  private Placed placeOne(
      TenantScope scope, OrderImport.OrderRequest r, OrderImport.Where where, Lookups lookups) {
    long tenantId = scope.tenantId();
    SalesChannels.Channel channel =
        channels
            .byCode(tenantId, r.channel())
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-channel",
                        where.header("channel"),
                        "client " + scope.tenantCode() + " has no sales channel " + r.channel()));
    String digest = r.digest();
    Optional<Long> existing = orders.idOnChannel(tenantId, channel.id(), r.channelOrderId());
    if (existing.isPresent()) {
      return repeat(tenantId, existing.get(), r, digest, where);
    }
    long warehouseId =
        lookups
            .warehouse(r.warehouse())
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-warehouse",
                        where.header("warehouse"),
                        "no warehouse with code " + r.warehouse()));
    Long customerId = null;
    if (r.customer() != null) {
      customerId =
          customers
              .byCode(tenantId, r.customer())
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-customer",
                          where.header("customer"),
                          "client " + scope.tenantCode() + " has no customer " + r.customer()))
              .id();
    }
    List<Object[]> lines = new ArrayList<>(r.lines().size());
    for (int i = 0; i < r.lines().size(); i++) {
      lines.add(line(tenantId, r.lines().get(i), i, where, lookups));
    }
    long now = clock.millis();
    long orderId =
        db.sql(
                """
            INSERT INTO sales_order (tenant_id, channel_id, channel_order_id, request_digest, warehouse_id,
                                     customer_id, sold_to_name, sold_to_address, sold_to_gln, ship_to_name,
                                     ship_to_address, ship_to_gln, requested_ship_date, min_shelf_life_days,
                                     status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
            .params(
                tenantId,
                channel.id(),
                r.channelOrderId(),
                digest,
                warehouseId,
                customerId,
                r.soldTo().name(),
                r.soldTo().address(),
                r.soldTo().gln(),
                r.shipTo().name(),
                r.shipTo().address(),
                r.shipTo().gln(),
                Times.iso(r.requestedShipDate()),
                r.minShelfLifeDays(),
                Order.OPEN,
                now,
                now)
            .query(Long.class)
            .single();
    List<Object[]> rows = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      Object[] l = lines.get(i);
      rows.add(
          new Object[] {tenantId, orderId, i + 1, l[0], l[1], l[2], l[3], l[4], l[5], Order.OPEN});
    }
    MultiRowInsert.insert(
        db,
        "order_line",
        List.of(
            "tenant_id",
            "order_id",
            "line_no",
            "product_id",
            "lot_id",
            "gtin",
            "serial",
            "quantity",
            "min_shelf_life_days",
            "status"),
        rows,
        null);
    return new Placed(orderId, r.channel(), r.channelOrderId(), CREATED);
  }

  private Placed repeat(
      long tenantId,
      long orderId,
      OrderImport.OrderRequest r,
      String digest,
      OrderImport.Where where) {
    String first =
        db.sql("SELECT request_digest FROM sales_order WHERE tenant_id = ? AND id = ?")
            .params(tenantId, orderId)
            .query(String.class)
            .single();
    if (!digest.equals(first.strip())) {
      throw Problem.conflict(
              "order-changed",
              where.header("channelOrderId"),
              "order "
                  + r.channelOrderId()
                  + " of channel "
                  + r.channel()
                  + " was imported before with other content; cancel it or send it under a new id")
          .with("orderId", orderId);
    }
    return new Placed(orderId, r.channel(), r.channelOrderId(), REPEATED);
  }

  /**
   * One line resolved against the catalog: product_id, lot_id, gtin, serial, quantity, min shelf
   * life, in the columns' order. A serial line names its unit by GTIN: the one given, else the
   * product's first.
   */
  private Object[] line(
      long tenantId, OrderImport.RequestedLine l, int i, OrderImport.Where where, Lookups lookups) {
    Product bySku = null;
    if (l.sku() != null) {
      bySku =
          lookups
              .bySku(l.sku())
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-sku", where.line(i, "sku"), "no product has SKU " + l.sku()));
    }
    Product product = bySku;
    if (l.gtin() != null) {
      Product byGtin =
          lookups
              .byGtin(l.gtin())
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-gtin",
                          where.line(i, "gtin"),
                          "no product has GTIN " + l.gtin()));
      if (bySku != null && bySku.id() != byGtin.id()) {
        throw Problem.unprocessable(
            "gtin-not-of-sku",
            where.line(i, "gtin"),
            "GTIN " + l.gtin() + " is not one of " + l.sku() + "'s");
      }
      product = byGtin;
    }
    Long lotId = null;
    if (l.lot() != null) {
      Optional<TrackingRule> broken = product.lotRule(true);
      if (broken.isPresent()) {
        throw Problem.unprocessable(
            broken.get().code(), where.line(i, "lot"), broken.get().message(product));
      }
      Product p = product;
      lotId =
          catalog
              .findLot(tenantId, product.id(), l.lot())
              .map(Lot::id)
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-lot", where.line(i, "lot"), p.sku() + " has no lot " + l.lot()));
    }
    String gtin = null;
    String serial = null;
    if (l.serial() != null) {
      if (!product.tracking().serialized()) {
        throw Problem.unprocessable(
            TrackingRule.NOT_SERIALIZED.code(),
            where.line(i, "serial"),
            TrackingRule.NOT_SERIALIZED.message(product));
      }
      if (!product.acceptsSerial(l.serial().value())) {
        throw Problem.unprocessable(
            "serial-pattern",
            where.line(i, "serial"),
            "serial " + l.serial() + " does not match " + product.sku() + "'s serial pattern");
      }
      Gtin unitGtin =
          l.gtin() != null ? l.gtin() : product.gtins().stream().findFirst().orElse(null);
      if (unitGtin == null) {
        throw Problem.unprocessable(
            "no-gtin",
            where.line(i, "serial"),
            product.sku() + " has no GTIN, so no unit of it can be named by serial");
      }
      gtin = unitGtin.value();
      serial = l.serial().value();
    }
    return new Object[] {product.id(), lotId, gtin, serial, l.quantity(), l.minShelfLifeDays()};
  }

  /** Look-ups shared by the orders of one request: a CSV names the same SKUs over and over. */
  private final class Lookups {
    private final long tenantId;
    private final Map<String, Optional<Product>> skus = new HashMap<>();
    private final Map<Gtin, Optional<Product>> gtins = new HashMap<>();
    private Map<String, Long> warehouses;

    Lookups(long tenantId) {
      this.tenantId = tenantId;
    }

    Optional<Product> bySku(String sku) {
      return skus.computeIfAbsent(sku, s -> catalog.bySku(tenantId, s));
    }

    Optional<Product> byGtin(Gtin gtin) {
      return gtins.computeIfAbsent(gtin, g -> catalog.byGtin(tenantId, g));
    }

    Optional<Long> warehouse(String code) {
      if (warehouses == null) {
        warehouses = new HashMap<>();
        facility.warehouses().forEach(w -> warehouses.put(w.code(), w.id()));
      }
      return Optional.ofNullable(warehouses.get(code));
    }
  }
}
