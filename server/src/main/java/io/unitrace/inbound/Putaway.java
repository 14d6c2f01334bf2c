package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.Product;
import io.unitrace.facility.Container;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Ledger;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import io.unitrace.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Putaway: goods received on a dock go to storage. A clerk scans a unit or an SSCC, is offered up
 * to three places, scans the place chosen, and the ledger moves the goods there (RECEIVED becomes
 * STORED on arrival in STORAGE).
 *
 * <p>Design note. The ledger's own version check guarantees that two moves of one unit are written
 * one after the other, not that the second still makes sense: a move of a STORED unit is legal, so
 * two clerks scanning the same unit into two bins would both "win", the second moving it again.
 * Putaway is only for goods still on the dock, so the move runs inside a transaction that first
 * claims the goods with a conditional update ({@code ... WHERE state = 'RECEIVED' AND location_id =
 * dock}). The claim locks the rows on PostgreSQL and follows the write lock on SQLite, so of two
 * clerks exactly one finds the goods on the dock; the other is told where they went. The ledger's
 * command joins that transaction. Container rows are claimed before unit rows, the order the ledger
 * itself locks them in, so putaway and a concurrent container command cannot deadlock.
 *
 * <p>Counted goods (lot-tracked or untracked) are put away by quantity from the dock's stock: a
 * scan of the product (with its lot), a quantity (the label's count, AI 30, or all there is on the
 * dock). They need no claim: stock is never taken below zero, so of two clerks putting away the
 * last of a lot one finds it gone ({@code insufficient-stock}).
 */
@Service
public class Putaway {

  /**
   * What was scanned: a unit (GTIN + serial), a container (SSCC) or counted goods; exactly one is
   * set.
   */
  public record Target(UnitRef unit, Sscc sscc, Counted counted) {

    Target(UnitRef unit, Sscc sscc) {
      this(unit, sscc, null);
    }
  }

  /**
   * Counted goods on a dock: a product (GTIN) and its lot, how many ({@code quantity}, null: all of
   * it there is) and from which dock ({@code from}, null: the one dock that has it).
   */
  public record Counted(Gtin gtin, String lot, Integer quantity, String from) {}

  /** Counted goods as putaway shows them: what is on the dock, and how much of it would move. */
  public record StockLine(
      String gtin, String sku, String lot, long onDock, long moving, List<Hold> holds) {}

  /** A unit as putaway shows it. {@code location} is a location code. */
  public record UnitLine(
      String gtin,
      String serial,
      String sku,
      String lot,
      UnitState state,
      String location,
      List<Hold> holds) {}

  /** A container and how many units it carries at any depth. */
  public record ContainerLine(String sscc, String kind, String location, int unitCount) {}

  public enum Reason {
    /** The product's fixed bin. */
    FIXED_BIN,
    /** A bin already holding the same product and lot. */
    SAME_SKU_AND_LOT,
    /** An empty bin, the first by code near the other suggestions. */
    EMPTY_BIN,
    /** The goods are held: quarantine, not storage. */
    HELD
  }

  public record Suggestion(String code, Reason reason) {}

  /**
   * {@code units} lists up to 1,000 of the units that would move; {@code stock} the counted goods,
   * if that is what moves.
   */
  public record Suggestions(
      ContainerLine container,
      List<UnitLine> units,
      StockLine stock,
      String at,
      boolean held,
      List<Suggestion> suggestions) {}

  /**
   * What a putaway did. {@code suggested} is the first suggestion at the time of the scan, and
   * {@code followedSuggestion} whether the goods went there; on a repeated request (same
   * Idempotency-Key) neither is known any more and both are absent.
   */
  public record Done(
      String location, String suggested, Boolean followedSuggestion, EventReceipt receipt) {}

  static final int MAX_SUGGESTIONS = 3;
  private static final int LISTED_UNITS = 1000;

  /**
   * The goods being put away: their rows, where they stand, and which product/lot decides the bin.
   */
  private record Goods(
      Target target,
      Container container,
      List<UnitRow> units,
      DockRow dock,
      boolean held,
      Long productId,
      Long lotId,
      StockLine stock) {

    Goods(
        Target target,
        Container container,
        List<UnitRow> units,
        DockRow dock,
        boolean held,
        Long productId,
        Long lotId) {
      this(target, container, units, dock, held, productId, lotId, null);
    }
  }

  private record UnitRow(
      long id,
      long productId,
      Long lotId,
      String gtin,
      String serial,
      UnitState state,
      Long locationId,
      Long containerId,
      int holds) {}

  private record DockRow(
      long id, long warehouseId, Long parentId, String code, LocationType type) {}

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Ledger ledger;
  private final Catalog catalog;
  private final Facility facility;

  Putaway(
      JdbcClient db, TransactionTemplate tx, Ledger ledger, Catalog catalog, Facility facility) {
    this.db = db;
    this.tx = tx;
    this.ledger = ledger;
    this.catalog = catalog;
    this.facility = facility;
  }

  /**
   * What a scan (any GS1 form), a GTIN + serial, or an SSCC names, or a refusal naming the field.
   */
  public static Target target(String scan, String gtin, String serial, String sscc) {
    return target(scan, gtin, serial, sscc, null, null, null);
  }

  /**
   * As {@link #target(String, String, String, String)}, and counted goods: a scan (or GTIN) without
   * a serial names a product, with its {@code lot}, a {@code quantity} and the dock it is on.
   */
  public static Target target(
      String scan,
      String gtin,
      String serial,
      String sscc,
      String lot,
      Integer quantity,
      String from) {
    if (quantity != null && quantity < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "put away a quantity of at least 1");
    }
    String dock = from == null || from.isBlank() ? null : from.strip();
    if (scan != null && !scan.isBlank()) {
      Gs1Data data = Scans.parse(scan, "scan");
      if (data.sscc().isPresent()) {
        return new Target(null, data.sscc().get());
      }
      if (data.gtin().isPresent() && data.serial().isEmpty()) {
        Integer count =
            data.count().isPresent() ? Integer.valueOf(data.count().getAsInt()) : quantity;
        return new Target(
            null,
            null,
            new Counted(
                data.gtin().get(),
                data.lot().orElse(blank(lot) ? null : lot.strip()),
                count,
                dock));
      }
      return new Target(Scans.unit(scan, "scan"), null);
    }
    if (sscc != null && !sscc.isBlank()) {
      try {
        return new Target(null, new Sscc(sscc.strip()));
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-sscc", "sscc", e.getMessage());
      }
    }
    if (gtin != null && !gtin.isBlank()) {
      Gtin g;
      try {
        g = Gtin.parse(gtin.strip());
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-gtin", "gtin", e.getMessage());
      }
      if (blank(serial)) {
        return new Target(
            null, null, new Counted(g, blank(lot) ? null : lot.strip(), quantity, dock));
      }
      try {
        return new Target(new UnitRef(g, CatalogInput.serial("serial", serial)), null);
      } catch (Problem p) {
        throw p.at("serial");
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-field", "serial", e.getMessage());
      }
    }
    throw Problem.badRequest(
        "invalid-field", "scan", "scan a unit or an SSCC (or give gtin and serial, or sscc)");
  }

  public Suggestions suggest(TenantScope scope, Target target) {
    Goods goods = goods(scope, target);
    return new Suggestions(
        containerLine(goods),
        unitLines(scope, goods),
        goods.stock(),
        goods.dock().code(),
        goods.held(),
        suggestions(scope, goods));
  }

  public Done putAway(TenantScope scope, Target target, String locationCode, RequestMeta meta) {
    scope.requireWrite();
    Location to = facility.require(locationCode, "location");
    String key =
        meta.idempotencyKey() == null || meta.idempotencyKey().isBlank()
            ? null
            : meta.idempotencyKey().strip();
    if (key != null && recorded(scope, key)) {
      return repeat(scope, target, to, meta);
    }
    try {
      return claimAndMove(scope, target, to, meta);
    } catch (Problem | DataAccessException e) {
      // A twin of this request (same key) may have committed while this one waited for the goods
      // (a refusal, or, for counted goods, which need no claim, the twin's event key).
      if (key != null && recorded(scope, key)) {
        return repeat(scope, target, to, meta);
      }
      throw e;
    }
  }

  private static final int ATTEMPTS = 5;

  /**
   * Reads, claims and moves in one transaction; again from fresh reads if the stock changed under
   * it (the ledger joined this transaction).
   */
  private Done claimAndMove(TenantScope scope, Target target, Location to, RequestMeta meta) {
    for (int attempt = 1; ; attempt++) {
      try {
        return moveOnce(scope, target, to, meta);
      } catch (Problem p) {
        if (!p.code().equals("concurrent-change") || attempt == ATTEMPTS) {
          throw p;
        }
      }
    }
  }

  private Done moveOnce(TenantScope scope, Target target, Location to, RequestMeta meta) {
    return tx.execute(
        s -> {
          Goods goods = goods(scope, target);
          requireFitting(goods, to);
          List<Suggestion> suggestions = suggestions(scope, goods);
          claim(scope, goods);
          EventReceipt receipt =
              goods.stock() != null
                  ? ledger.moveStock(
                      scope,
                      new Ledger.StockMove(
                          goods.stock().gtin(),
                          goods.stock().lot(),
                          goods.dock().code(),
                          to.code(),
                          goods.stock().moving(),
                          Set.copyOf(goods.stock().holds())),
                      meta)
                  : goods.container() != null
                      ? ledger.moveContainer(scope, goods.container().sscc(), to.code(), meta)
                      : ledger.move(scope, target.unit(), to.code(), meta);
          String first = suggestions.isEmpty() ? null : suggestions.get(0).code();
          return new Done(to.code(), first, first != null && first.equals(to.code()), receipt);
        });
  }

  /** The first answer to a repeated request: the ledger finds it by the key and writes nothing. */
  private Done repeat(TenantScope scope, Target target, Location to, RequestMeta meta) {
    if (target.counted() != null) {
      // The quantity may have been "all on the dock", which is no longer what it was: the key alone
      // finds the
      // first answer, and where that put the goods.
      EventReceipt first = ledger.recordedReceipt(scope, meta.idempotencyKey()).orElseThrow();
      String went =
          first.stock().stream()
              .filter(o -> o.delta() > 0)
              .map(EventReceipt.StockOutcome::location)
              .findFirst()
              .orElse(to.code());
      return new Done(went, null, null, first);
    }
    EventReceipt receipt =
        target.sscc() != null
            ? ledger.moveContainer(scope, target.sscc(), to.code(), meta)
            : ledger.move(scope, target.unit(), to.code(), meta);
    return new Done(to.code(), null, null, receipt);
  }

  /**
   * Whether the ledger holds an event under this client's request key. Read here because a repeat
   * must not meet the "still on the dock" claim: the first request has moved the goods.
   */
  private boolean recorded(TenantScope scope, String key) {
    return ledger.recorded(scope, key);
  }

  // Reading the goods

  private Goods goods(TenantScope scope, Target target) {
    if (target.counted() != null) {
      return counted(scope, target);
    }
    if (target.unit() != null) {
      UnitRef ref = target.unit();
      UnitRow u =
          db.sql(UNIT + " WHERE tenant_id = ? AND gtin = ? AND serial = ?")
              .params(scope.tenantId(), ref.gtin().value(), ref.serial().value())
              .query((rs, n) -> unitRow(rs))
              .optional()
              .orElseThrow(
                  () ->
                      Problem.notFound(
                          "unknown-unit", "client " + scope.tenantCode() + " has no unit " + ref));
      if (u.containerId() != null) {
        Container c = facility.container(scope.tenantId(), u.containerId()).orElseThrow();
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
      DockRow dock = requireOnDock(u, ref.toString());
      return new Goods(target, null, List.of(u), dock, u.holds() != 0, u.productId(), u.lotId());
    }
    Container c =
        facility
            .container(scope.tenantId(), target.sscc())
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
    DockRow dock = c.locationId() == null ? null : location(c.locationId());
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
    List<Long> tree = facility.containerTree(scope.tenantId(), c.id());
    List<UnitRow> units =
        db.sql(
                UNIT
                    + " WHERE tenant_id = ? AND container_id IN ("
                    + InList.marks(tree.size())
                    + ") ORDER BY id")
            .params(withTenant(scope.tenantId(), tree))
            .query((rs, n) -> unitRow(rs))
            .list();
    for (UnitRow u : units) {
      if (u.state() != UnitState.RECEIVED) {
        throw notOnDock("unit " + refOf(u) + " in container " + c.sscc(), u.state(), dock.code());
      }
    }
    // The dominant product and lot (most units; ties by the lowest ids, so the answer is stable)
    // decide the bin.
    Map<List<Long>, Integer> counts = new LinkedHashMap<>();
    units.forEach(u -> counts.merge(Arrays.asList(u.productId(), u.lotId()), 1, Integer::sum));
    List<Long> dominant =
        counts.entrySet().stream()
            .max(
                Map.Entry.<List<Long>, Integer>comparingByValue()
                    .thenComparing(e -> -e.getKey().get(0))
                    .thenComparing(e -> e.getKey().get(1) == null ? 0L : -e.getKey().get(1)))
            .map(Map.Entry::getKey)
            .orElse(Arrays.asList(null, null));
    // One held unit makes the whole container held: it cannot be split here, and stored goods count
    // as available.
    boolean held = units.stream().anyMatch(u -> u.holds() != 0);
    return new Goods(target, c, units, dock, held, dominant.get(0), dominant.get(1));
  }

  /**
   * Counted goods on a dock: the dock's unheld stock of the product and lot if it has any, else its
   * held stock.
   */
  private Goods counted(TenantScope scope, Target target) {
    Counted c = target.counted();
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
    DockRow dock = location(b.locationId());
    StockLine line =
        new StockLine(
            c.gtin().value(), product.sku(), c.lot(), b.quantity(), moving, Hold.of(b.holds()));
    return new Goods(target, null, List.of(), dock, b.holds() != 0, product.id(), lotId, line);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private DockRow requireOnDock(UnitRow u, String what) {
    DockRow at = u.locationId() == null ? null : location(u.locationId());
    if (u.state() != UnitState.RECEIVED || at == null || at.type() != LocationType.DOCK) {
      throw notOnDock("unit " + what, u.state(), at == null ? null : at.code());
    }
    return at;
  }

  private static Problem notOnDock(String what, UnitState state, String location) {
    return Problem.conflict(
            "not-on-dock",
            "scan",
            what
                + " is "
                + state
                + (location == null ? " without a location" : " at " + location)
                + ": only goods RECEIVED on a dock are put away")
        .with("state", state.name())
        .with("location", location);
  }

  private Container outermost(TenantScope scope, Container c) {
    Container outer = c;
    for (int depth = 0; outer.parentId() != null && depth < 100; depth++) {
      outer = facility.container(scope.tenantId(), outer.parentId()).orElseThrow();
    }
    return outer;
  }

  // Suggesting

  private List<Suggestion> suggestions(TenantScope scope, Goods goods) {
    long warehouse = goods.dock().warehouseId();
    List<Suggestion> out = new ArrayList<>();
    if (goods.held()) {
      db.sql(
              "SELECT code FROM location WHERE warehouse_id = ? AND type = 'QUARANTINE' ORDER BY code LIMIT ?")
          .params(warehouse, MAX_SUGGESTIONS)
          .query(String.class)
          .list()
          .forEach(code -> out.add(new Suggestion(code, Reason.HELD)));
      return out;
    }
    Long anchorParent = null;
    if (goods.productId() != null) {
      Optional<Product> product = catalog.byId(scope.tenantId(), goods.productId());
      if (product.isPresent() && product.get().fixedBinId() != null) {
        DockRow bin = location(product.get().fixedBinId());
        // A product may be stocked in several warehouses; its fixed bin serves only the one it is
        // in.
        if (bin != null && bin.warehouseId() == warehouse && bin.type() == LocationType.STORAGE) {
          out.add(new Suggestion(bin.code(), Reason.FIXED_BIN));
          anchorParent = bin.parentId();
        }
      }
      String lotMatch = goods.lotId() == null ? "u.lot_id IS NULL" : "u.lot_id = ?";
      List<Object> params = new ArrayList<>(List.of(scope.tenantId(), goods.productId()));
      if (goods.lotId() != null) {
        params.add(goods.lotId());
      }
      params.add(warehouse);
      // Serialized units by count, counted goods by quantity: a product is one or the other.
      params.addAll(
          List.of(
              scope.tenantId(),
              goods.productId(),
              goods.lotId() == null ? 0L : goods.lotId(),
              warehouse));
      params.add(MAX_SUGGESTIONS + 1);
      record Holding(String code, Long parentId) {}
      List<Holding> holding =
          db.sql(
                  """
              SELECT code, parent_id, SUM(amount) AS amount FROM (
                SELECT l.code, l.parent_id, 1 AS amount
                FROM unit u JOIN location l ON l.id = u.location_id
                WHERE u.tenant_id = ? AND u.product_id = ? AND\s"""
                      + lotMatch
                      + """
                 AND u.state IN ('STORED', 'ALLOCATED') AND l.warehouse_id = ? AND l.type = 'STORAGE'
                UNION ALL
                SELECT l.code, l.parent_id, s.quantity
                FROM stock s JOIN location l ON l.id = s.location_id
                WHERE s.tenant_id = ? AND s.product_id = ? AND s.lot_key = ? AND s.holds = 0 AND s.quantity > 0
                  AND l.warehouse_id = ? AND l.type = 'STORAGE') h
              GROUP BY code, parent_id
              ORDER BY amount DESC, code
              LIMIT ?""")
              .params(params)
              .query((rs, n) -> new Holding(rs.getString(1), Rows.longOrNull(rs, 2)))
              .list();
      for (Holding h : holding) {
        if (out.size() < MAX_SUGGESTIONS
            && out.stream().noneMatch(s -> s.code().equals(h.code()))) {
          out.add(new Suggestion(h.code(), Reason.SAME_SKU_AND_LOT));
          if (anchorParent == null) {
            anchorParent = h.parentId();
          }
        }
      }
    }
    if (out.size() < MAX_SUGGESTIONS) {
      // There are no coordinates: location codes encode aisle-rack-bin order, so "nearest" is the
      // first empty bin by code, in the zone (parent) of the suggestions so far, then anywhere in
      // the
      // dock's warehouse. A bin is site data shared by all clients: empty means no unit of any
      // client and no container stands there.
      List<Object> params = new ArrayList<>();
      params.add(warehouse);
      String order = " ORDER BY l.code";
      if (anchorParent != null) {
        order = " ORDER BY CASE WHEN l.parent_id = ? THEN 0 ELSE 1 END, l.code";
        params.add(anchorParent);
      }
      params.add(MAX_SUGGESTIONS * 2);
      for (String code :
          db.sql(
                  """
              SELECT l.code FROM location l
              WHERE l.warehouse_id = ? AND l.type = 'STORAGE' AND l.level = 'BIN'
                AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.location_id = l.id)
                AND NOT EXISTS (SELECT 1 FROM container c WHERE c.location_id = l.id)
                AND NOT EXISTS (SELECT 1 FROM stock s WHERE s.location_id = l.id AND s.quantity > 0)"""
                      + order
                      + " LIMIT ?")
              .params(params)
              .query(String.class)
              .list()) {
        if (out.size() < MAX_SUGGESTIONS && out.stream().noneMatch(s -> s.code().equals(code))) {
          out.add(new Suggestion(code, Reason.EMPTY_BIN));
        }
      }
    }
    return out;
  }

  // Confirming

  /**
   * Goods go to STORAGE; held goods go to QUARANTINE instead, where they cannot be taken for
   * available stock.
   */
  private static void requireFitting(Goods goods, Location to) {
    LocationType wanted = goods.held() ? LocationType.QUARANTINE : LocationType.STORAGE;
    if (to.type() != wanted) {
      throw Problem.unprocessable(
              "wrong-location-type",
              "location",
              to.code()
                  + " is a "
                  + to.type()
                  + " location: "
                  + (goods.held()
                      ? "held goods are put away to QUARANTINE"
                      : "putaway goes to a STORAGE location"))
          .with("locationType", to.type().name())
          .with("expected", wanted.name());
    }
  }

  /**
   * Claims the goods for this transaction: still on the same dock, still RECEIVED, the container
   * still outermost. A no-op update, so that it locks (PostgreSQL) and counts; the container first.
   */
  private void claim(TenantScope scope, Goods goods) {
    long dock = goods.dock().id();
    if (goods.container() != null) {
      int held =
          db.sql(
                  "UPDATE container SET location_id = location_id WHERE tenant_id = ? AND id = ? AND location_id = ? AND parent_id IS NULL")
              .params(scope.tenantId(), goods.container().id(), dock)
              .update();
      if (held != 1) {
        throw gone(scope, goods);
      }
    }
    List<Long> ids = goods.units().stream().map(UnitRow::id).toList();
    if (ids.isEmpty()) {
      return;
    }
    List<Object> params = new ArrayList<>(List.of(dock));
    params.addAll(withTenant(scope.tenantId(), ids));
    int claimed =
        db.sql(
                "UPDATE unit SET version = version WHERE state = 'RECEIVED' AND location_id = ? AND tenant_id = ? AND id IN ("
                    + InList.marks(ids.size())
                    + ")"
                    + (goods.container() == null ? " AND container_id IS NULL" : ""))
            .params(params)
            .update();
    if (claimed != ids.size()) {
      throw gone(scope, goods);
    }
  }

  /**
   * Another clerk was faster: say where the goods are now (read after the lock, so it is their
   * state).
   */
  private Problem gone(TenantScope scope, Goods goods) {
    if (goods.container() != null) {
      Container now = facility.container(scope.tenantId(), goods.container().id()).orElseThrow();
      DockRow at = now.locationId() == null ? null : location(now.locationId());
      return Problem.conflict(
              "not-on-dock",
              "scan",
              "container "
                  + now.sscc()
                  + " was moved meanwhile and is at "
                  + (at == null ? "no location" : at.code())
                  + ": only goods on a dock are put away")
          .with("location", at == null ? null : at.code());
    }
    UnitRow u =
        db.sql(UNIT + " WHERE id = ?")
            .param(goods.units().get(0).id())
            .query((rs, n) -> unitRow(rs))
            .single();
    DockRow at = u.locationId() == null ? null : location(u.locationId());
    return notOnDock(
        "unit " + goods.target().unit() + " was moved meanwhile and",
        u.state(),
        at == null ? null : at.code());
  }

  // Rows

  private static final String UNIT =
      "SELECT id, product_id, lot_id, gtin, serial, state, location_id, container_id, holds FROM unit";

  private static UnitRow unitRow(ResultSet rs) throws SQLException {
    return new UnitRow(
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

  private DockRow location(long id) {
    return db.sql("SELECT id, warehouse_id, parent_id, code, type FROM location WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new DockRow(
                    rs.getLong(1),
                    rs.getLong(2),
                    Rows.longOrNull(rs, 3),
                    rs.getString(4),
                    LocationType.valueOf(rs.getString(5))))
        .optional()
        .orElse(null);
  }

  private ContainerLine containerLine(Goods goods) {
    return goods.container() == null
        ? null
        : new ContainerLine(
            goods.container().sscc().value(),
            goods.container().kind(),
            goods.dock().code(),
            goods.units().size());
  }

  private List<UnitLine> unitLines(TenantScope scope, Goods goods) {
    Map<Long, String> skus = new LinkedHashMap<>();
    Map<Long, String> lots = new LinkedHashMap<>();
    List<UnitLine> lines = new ArrayList<>();
    for (UnitRow u : goods.units().subList(0, Math.min(goods.units().size(), LISTED_UNITS))) {
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
          new UnitLine(
              u.gtin(), u.serial(), sku, lot, u.state(), goods.dock().code(), Hold.of(u.holds())));
    }
    return lines;
  }

  private static String refOf(UnitRow u) {
    return "(01)" + u.gtin() + "(21)" + u.serial();
  }

  private static List<Object> withTenant(long tenantId, List<Long> ids) {
    List<Object> params = new ArrayList<>(ids.size() + 1);
    params.add(tenantId);
    params.addAll(ids);
    return params;
  }
}
