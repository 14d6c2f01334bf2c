package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.facility.Facility;
import io.unitrace.facility.LocationType;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import io.unitrace.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the goods a putaway scan names on their dock: a loose unit, an outermost container with
 * everything in it, or a dock's stock of counted goods. Refuses what is not (or not only) there: a
 * unit packed in a container, a nested container, goods already stored, counted goods on several
 * docks or fewer than asked for.
 */
@Component
class DockGoods {

  private static final int LISTED_UNITS = 1000;

  private final JdbcClient db;
  private final Catalog catalog;
  private final Facility facility;
  private final Containers containers;

  DockGoods(JdbcClient db, Catalog catalog, Facility facility, Containers containers) {
    this.db = db;
    this.catalog = catalog;
    this.facility = facility;
    this.containers = containers;
  }

  GoodsOnDock find(TenantScope scope, Putaway.Target target) {
    if (target.counted() != null) {
      return counted(scope, target);
    }
    if (target.unit() != null) {
      UnitRef ref = target.unit();
      GoodsOnDock.UnitRow u =
          db.sql(UNIT + " WHERE tenant_id = ? AND gtin = ? AND serial = ?")
              .params(scope.tenantId(), ref.gtin().value(), ref.serial().value())
              .query((rs, n) -> unitRow(rs))
              .optional()
              .orElseThrow(
                  () ->
                      Problem.notFound(
                          "unknown-unit", "client " + scope.tenantCode() + " has no unit " + ref));
      if (u.containerId() != null) {
        Container c = containers.byId(scope.tenantId(), u.containerId()).orElseThrow();
        Container outer = outermost(scope, c);
        throw Problem.conflict(
                "unit-in-container",
                "scan",
                "unit "
                    + ref
                    + " is packed in container "
                    + c.sscc()
                    + ": scan the SSCC "
                    + outer.sscc()
                    + " to put the container away, or unpack the unit first")
            .with("sscc", outer.sscc().value());
      }
      GoodsOnDock.LocationRow dock = requireOnDock(u, ref.toString());
      return new GoodsOnDock(
          target, null, List.of(u), dock, u.holds() != 0, u.productId(), u.lotId());
    }
    Container c =
        containers
            .find(scope.tenantId(), target.sscc())
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "unknown-container",
                        "client " + scope.tenantCode() + " has no container " + target.sscc()));
    if (c.parentId() != null) {
      Container outer = outermost(scope, c);
      throw Problem.conflict(
              "container-nested",
              "scan",
              "container "
                  + c.sscc()
                  + " sits inside container "
                  + outer.sscc()
                  + ": scan the outer SSCC to put it away, or take this one out first")
          .with("sscc", outer.sscc().value());
    }
    GoodsOnDock.LocationRow dock = c.locationId() == null ? null : location(c.locationId());
    if (dock == null || dock.type() != LocationType.DOCK) {
      throw Problem.conflict(
              "not-on-dock",
              "scan",
              "container "
                  + c.sscc()
                  + " is at "
                  + (dock == null ? "no location" : dock.code() + " (" + dock.type() + ")")
                  + ", not on a dock: putaway is for goods received on a dock")
          .with("location", dock == null ? null : dock.code());
    }
    List<Long> tree = containers.tree(scope.tenantId(), c.id());
    List<GoodsOnDock.UnitRow> units =
        db.sql(
                UNIT
                    + " WHERE tenant_id = ? AND container_id IN ("
                    + InList.marks(tree.size())
                    + ") ORDER BY id")
            .params(withTenant(scope.tenantId(), tree))
            .query((rs, n) -> unitRow(rs))
            .list();
    for (GoodsOnDock.UnitRow u : units) {
      if (u.state() != UnitState.RECEIVED) {
        throw GoodsOnDock.notOnDock(
            "unit " + u.ref() + " in container " + c.sscc(), u.state(), dock.code());
      }
    }
    List<Long> dominant = GoodsOnDock.dominant(units);
    // One held unit makes the whole container held: it cannot be split here, and stored goods count
    // as available.
    boolean held = units.stream().anyMatch(u -> u.holds() != 0);
    return new GoodsOnDock(target, c, units, dock, held, dominant.get(0), dominant.get(1));
  }

  /**
   * Counted goods on a dock: the dock's unheld stock of the product and lot if it has any, else its
   * held stock.
   */
  private GoodsOnDock counted(TenantScope scope, Putaway.Target target) {
    Putaway.Counted c = target.counted();
    Product product =
        catalog
            .byGtin(scope.tenantId(), c.gtin())
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-gtin",
                        "scan",
                        "no product of client " + scope.tenantCode() + " has GTIN " + c.gtin()));
    if (product.tracking().serialized()) {
      throw Problem.badRequest(
          "serial-required",
          "scan",
          product.sku() + " is tracked by serial: scan the unit, or its container's SSCC");
    }
    Long lotId = null;
    if (product.tracking().lotted()) {
      if (c.lot() == null) {
        throw Problem.badRequest(
            "lot-required",
            "lot",
            product.sku()
                + " is tracked by lot: scan the label with its lot (10), or name the lot");
      }
      lotId =
          catalog
              .findLot(scope.tenantId(), product.id(), c.lot())
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-lot", "lot", product.sku() + " has no lot " + c.lot()))
              .id();
    } else if (c.lot() != null) {
      throw Problem.badRequest("not-lot-tracked", "lot", product.sku() + " is not tracked by lot");
    }
    record Bucket(long locationId, String code, int holds, long quantity) {}
    List<Bucket> onDocks =
        db.sql(
                """
            SELECT s.location_id, l.code, s.holds, s.quantity FROM stock s JOIN location l ON l.id = s.location_id
            WHERE s.tenant_id = ? AND s.product_id = ? AND s.lot_key = ? AND s.quantity > 0 AND l.type = 'DOCK'
            ORDER BY l.code, s.holds""")
            .params(scope.tenantId(), product.id(), lotId == null ? 0L : lotId)
            .query(
                (rs, n) -> new Bucket(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4)))
            .list();
    String what = product.sku() + (c.lot() == null ? "" : " lot " + c.lot());
    if (c.from() != null) {
      onDocks = onDocks.stream().filter(b -> b.code().equals(c.from())).toList();
    }
    if (onDocks.isEmpty()) {
      throw Problem.conflict(
          "not-on-dock",
          "scan",
          "no "
              + what
              + " is on "
              + (c.from() == null ? "any dock" : c.from())
              + ": putaway is for goods received on a dock");
    }
    List<String> docks = onDocks.stream().map(Bucket::code).distinct().toList();
    if (docks.size() > 1) {
      throw Problem.conflict(
              "on-several-docks",
              "from",
              what + " is on " + String.join(", ", docks) + ": name the dock it is taken from")
          .with("docks", docks);
    }
    Bucket b = onDocks.get(0);
    long moving = c.quantity() == null ? b.quantity() : c.quantity();
    if (moving > b.quantity()) {
      throw Problem.conflict(
              "insufficient-stock",
              "quantity",
              "only "
                  + b.quantity()
                  + " of "
                  + what
                  + " on "
                  + b.code()
                  + ", "
                  + moving
                  + " asked for")
          .with("available", b.quantity());
    }
    GoodsOnDock.LocationRow dock = location(b.locationId());
    Putaway.StockLine line =
        new Putaway.StockLine(
            c.gtin().value(), product.sku(), c.lot(), b.quantity(), moving, Hold.of(b.holds()));
    return new GoodsOnDock(
        target, null, List.of(), dock, b.holds() != 0, product.id(), lotId, line);
  }

  private GoodsOnDock.LocationRow requireOnDock(GoodsOnDock.UnitRow u, String what) {
    GoodsOnDock.LocationRow at = u.locationId() == null ? null : location(u.locationId());
    if (u.state() != UnitState.RECEIVED || at == null || at.type() != LocationType.DOCK) {
      throw GoodsOnDock.notOnDock("unit " + what, u.state(), at == null ? null : at.code());
    }
    return at;
  }

  private Container outermost(TenantScope scope, Container c) {
    Container outer = c;
    for (int depth = 0; outer.parentId() != null && depth < 100; depth++) {
      outer = containers.byId(scope.tenantId(), outer.parentId()).orElseThrow();
    }
    return outer;
  }

  /** The units as listed to the clerk: at most {@value #LISTED_UNITS}, with SKU and lot. */
  List<Putaway.UnitLine> unitLines(TenantScope scope, GoodsOnDock goods) {
    Map<Long, String> skus = new LinkedHashMap<>();
    Map<Long, String> lots = new LinkedHashMap<>();
    List<Putaway.UnitLine> lines = new ArrayList<>();
    for (GoodsOnDock.UnitRow u :
        goods.units().subList(0, Math.min(goods.units().size(), LISTED_UNITS))) {
      String sku =
          skus.computeIfAbsent(
              u.productId(),
              id -> catalog.byId(scope.tenantId(), id).map(Product::sku).orElse(null));
      String lot =
          u.lotId() == null
              ? null
              : lots.computeIfAbsent(
                  u.lotId(),
                  id ->
                      db.sql("SELECT code FROM lot WHERE tenant_id = ? AND id = ?")
                          .params(scope.tenantId(), id)
                          .query(String.class)
                          .single());
      lines.add(
          new Putaway.UnitLine(
              u.gtin(), u.serial(), sku, lot, u.state(), goods.dock().code(), Hold.of(u.holds())));
    }
    return lines;
  }

  // Rows

  private static final String UNIT =
      "SELECT id, product_id, lot_id, gtin, serial, state, location_id, container_id, holds FROM unit";

  /** A unit's row as it is now. */
  GoodsOnDock.UnitRow unit(long id) {
    return db.sql(UNIT + " WHERE id = ?").param(id).query((rs, n) -> unitRow(rs)).single();
  }

  private static GoodsOnDock.UnitRow unitRow(ResultSet rs) throws SQLException {
    return new GoodsOnDock.UnitRow(
        rs.getLong(1),
        rs.getLong(2),
        Rows.longOrNull(rs, 3),
        rs.getString(4),
        rs.getString(5),
        UnitState.valueOf(rs.getString(6)),
        Rows.longOrNull(rs, 7),
        Rows.longOrNull(rs, 8),
        rs.getInt(9));
  }

  /** A location by id; null if there is none. */
  GoodsOnDock.LocationRow location(long id) {
    return db.sql("SELECT id, warehouse_id, parent_id, code, type FROM location WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new GoodsOnDock.LocationRow(
                    rs.getLong(1),
                    rs.getLong(2),
                    Rows.longOrNull(rs, 3),
                    rs.getString(4),
                    LocationType.valueOf(rs.getString(5))))
        .optional()
        .orElse(null);
  }

  static List<Object> withTenant(long tenantId, List<Long> ids) {
    List<Object> params = new ArrayList<>(ids.size() + 1);
    params.add(tenantId);
    params.addAll(ids);
    return params;
  }
}
