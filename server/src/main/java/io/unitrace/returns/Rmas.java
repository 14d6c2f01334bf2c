package io.unitrace.returns;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.outbound.Sales;
import io.unitrace.shared.Database;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Return authorisations: by serial (the units named, each shipped by us), by order (its shipped
 * serials and lot quantities, all or those named), or BLIND, made at the dock for a parcel that
 * came without one. An RMA never lets more come back than the order shipped.
 *
 * <p>An RMA is OPEN until it closes, once: by itself when every line it authorised is back (a
 * unit's line returned, a counted line's whole quantity), in the transaction of the receipt that
 * completes it; or by a supervisor's hand with a reason. A BLIND RMA authorises the one return it
 * was made for and is closed with it. A receipt claims its RMA's row before counting on a line, so
 * a supervisor closing the RMA at the same moment either waits for the receipt or refuses it.
 */
@Service
class Rmas {

  enum Kind {
    SERIAL,
    ORDER,
    BLIND
  }

  /** One thing an RMA lets come back: a unit, or a quantity of a product's lot. */
  record Line(
      long id,
      Long unitId,
      String gtin,
      String serial,
      long productId,
      Long lotId,
      String lot,
      long quantity,
      long received) {}

  record Rma(
      long id,
      String number,
      Kind kind,
      Long orderId,
      String customer,
      String reason,
      String note,
      String status,
      Instant closedAt,
      String closedBy,
      String closeReason,
      List<Line> lines) {

    /** An RMA as first made: open. */
    Rma(
        long id,
        String number,
        Kind kind,
        Long orderId,
        String customer,
        String reason,
        String note,
        String status,
        List<Line> lines) {
      this(id, number, kind, orderId, customer, reason, note, status, null, null, null, lines);
    }

    boolean open() {
      return OPEN.equals(status);
    }
  }

  /** Why a supervisor closes an RMA by hand. */
  record Closing(String reason) {

    Closing {
      Text.free("reason", reason, 500);
    }
  }

  static final String OPEN = "OPEN";
  static final String CLOSED = "CLOSED";

  /** The reason an RMA gives when it closed by itself. */
  static final String ALL_BACK = "everything it authorised is back";

  static final String BLIND_DONE = "a blind authorisation covers the one return it was made for";

  /** An order as a channel names it. */
  record OrderName(String channel, String id) {

    OrderName {
      Text.line("channel", channel, 40);
      Text.line("id", id, 100);
    }
  }

  /** Counted goods of an order to authorise: a GTIN, its lot, and how many. */
  record LotQuantity(String gtin, String lot, Long quantity) {}

  record RmaRequest(
      String number,
      List<String> units,
      OrderName order,
      List<String> serials,
      List<LotQuantity> lots,
      String customer,
      String reason,
      String note) {

    RmaRequest {
      Text.line("number", number, 40);
      Text.noNulls("units", units);
      Text.noNulls("serials", serials);
      Text.noNulls("lots", lots);
      Text.line("customer", customer, 200);
      Text.line("reason", reason, 40);
      Text.free("note", note, 1000);
    }
  }

  private final JdbcClient db;
  private final Clock clock;
  private final Reasons reasons;
  private final Sales sales;
  private final Inventory inventory;
  private final Catalog catalog;

  Rmas(
      JdbcClient db,
      Clock clock,
      Reasons reasons,
      Sales sales,
      Inventory inventory,
      Catalog catalog) {
    this.db = db;
    this.clock = clock;
    this.reasons = reasons;
    this.sales = sales;
    this.inventory = inventory;
    this.catalog = catalog;
  }

  @Transactional
  public Rma create(TenantScope scope, RmaRequest r) {
    scope.requireWrite();
    if (r == null) {
      throw Problem.badRequest("invalid-field", "units", "name the units or the order to return");
    }
    String reason = reasons.require(scope.tenantId(), r.reason(), "reason");
    boolean byUnits = r.units() != null && !r.units().isEmpty();
    if (byUnits == (r.order() != null)) {
      throw Problem.badRequest(
          "invalid-field",
          "units",
          "authorise either units (their scans or GTIN + serial) or one order, not both or neither");
    }
    List<NewLine> lines;
    Long orderId = null;
    String customer = blankToNull(r.customer());
    if (byUnits) {
      lines = unitLines(scope, r.units());
    } else {
      Sales.OrderRef order = order(scope, r.order());
      orderId = order.id();
      if (customer == null) {
        customer = order.customer() == null ? order.soldTo() : order.customer();
      }
      lines = orderLines(scope, order, r.serials(), r.lots());
    }
    Kind kind = byUnits ? Kind.SERIAL : Kind.ORDER;
    long id = insert(scope, r.number(), kind, orderId, customer, reason, r.note());
    for (NewLine l : lines) {
      db.sql(
              """
              INSERT INTO rma_line (tenant_id, rma_id, unit_id, gtin, serial, product_id, lot_id, quantity, received)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)""")
          .params(
              scope.tenantId(),
              id,
              l.unitId(),
              l.gtin(),
              l.serial(),
              l.productId(),
              l.lotId(),
              l.quantity())
          .update();
    }
    return byId(scope.tenantId(), id).orElseThrow();
  }

  /** A BLIND authorisation made at the dock, in the return's own transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  Rma blind(TenantScope scope, String number, String reason, String customer) {
    long id = insert(scope, number, Kind.BLIND, null, customer, reason, "made at the returns dock");
    closeOpen(id, scope.actor().who(), BLIND_DONE);
    return byId(scope.tenantId(), id).orElseThrow();
  }

  /**
   * A supervisor closes (cancels) an open RMA, saying why: nothing more comes back under it.
   * Closing a closed RMA is a conflict that says when, by whom and why it was closed.
   */
  @Transactional
  public Rma close(TenantScope scope, String number, Closing c) {
    scope.requireRole(Role.SUPERVISOR);
    String reason = c == null || c.reason() == null ? null : c.reason().strip();
    if (reason == null || reason.isEmpty()) {
      throw Problem.badRequest("invalid-field", "reason", "say why the RMA is closed");
    }
    if (reason.length() > 500) {
      throw Problem.badRequest("invalid-field", "reason", "a reason has at most 500 characters");
    }
    Rma rma = require(scope.tenantId(), number, "number");
    if (!closeOpen(rma.id(), scope.actor().who(), reason)) {
      throw closed(byId(scope.tenantId(), rma.id()).orElseThrow());
    }
    return byId(scope.tenantId(), rma.id()).orElseThrow();
  }

  /** The RMA if it is open; a return under a closed one is refused with {@code rma-closed}. */
  Rma requireOpen(Rma rma) {
    if (!rma.open()) {
      throw closed(rma);
    }
    return rma;
  }

  /** The refusal of a closed RMA: which, when, by whom and why. */
  static Problem closed(Rma rma) {
    return Problem.conflict(
            "rma-closed",
            "rma",
            rma.number()
                + " is closed"
                + (rma.closedAt() == null ? "" : " since " + rma.closedAt())
                + (rma.closedBy() == null ? "" : " by " + rma.closedBy())
                + (rma.closeReason() == null ? "" : " (" + rma.closeReason() + ")")
                + ": nothing more comes back under it")
        .with("rule", "rma-closed")
        .with("rma", rma.number())
        .with("closedAt", rma.closedAt())
        .with("closedBy", rma.closedBy());
  }

  private boolean closeOpen(long id, String who, String reason) {
    return db.sql(
                "UPDATE rma SET status = 'CLOSED', closed_at = ?, closed_by = ?, close_reason = ?"
                    + " WHERE id = ? AND status = 'OPEN'")
            .params(clock.millis(), who, reason, id)
            .update()
        == 1;
  }

  Rma require(long tenantId, String number, String field) {
    return byNumber(tenantId, number)
        .orElseThrow(
            () ->
                Problem.notFound("unknown-rma", "no return authorisation " + number)
                    .with("field", field));
  }

  Optional<Rma> byNumber(long tenantId, String number) {
    if (number == null) {
      return Optional.empty();
    }
    return db.sql("SELECT id FROM rma WHERE tenant_id = ? AND number = ?")
        .params(tenantId, number.strip())
        .query(Long.class)
        .optional()
        .flatMap(id -> byId(tenantId, id));
  }

  Optional<Rma> byId(long tenantId, long id) {
    Optional<Rma> head =
        db.sql(
                "SELECT id, number, kind, order_id, customer, reason, note, status, closed_at,"
                    + " closed_by, close_reason FROM rma WHERE tenant_id = ? AND id = ?")
            .params(tenantId, id)
            .query(
                (rs, n) ->
                    new Rma(
                        rs.getLong(1),
                        rs.getString(2),
                        Kind.valueOf(rs.getString(3)),
                        rs.getObject(4) == null ? null : rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getObject(9) == null ? null : Instant.ofEpochMilli(rs.getLong(9)),
                        rs.getString(10),
                        rs.getString(11),
                        List.of()))
            .optional();
    if (head.isEmpty()) {
      return head;
    }
    List<Line> raw =
        db.sql(
                "SELECT id, unit_id, gtin, serial, product_id, lot_id, quantity, received"
                    + " FROM rma_line WHERE rma_id = ? ORDER BY id")
            .params(id)
            .query((rs, n) -> line(rs))
            .list();
    Map<LotId, Lot> lots =
        catalog.lotsById(
            tenantId,
            raw.stream().map(Line::lotId).filter(Objects::nonNull).map(LotId::new).toList());
    List<Line> lines = new ArrayList<>();
    for (Line l : raw) {
      Lot lot = l.lotId() == null ? null : lots.get(new LotId(l.lotId()));
      lines.add(
          new Line(
              l.id(),
              l.unitId(),
              l.gtin(),
              l.serial(),
              l.productId(),
              l.lotId(),
              lot == null ? null : lot.code(),
              l.quantity(),
              l.received()));
    }
    Rma h = head.get();
    return Optional.of(
        new Rma(
            h.id(),
            h.number(),
            h.kind(),
            h.orderId(),
            h.customer(),
            h.reason(),
            h.note(),
            h.status(),
            h.closedAt(),
            h.closedBy(),
            h.closeReason(),
            lines));
  }

  /**
   * Counts {@code quantity} received on an RMA line, in the return's transaction, and closes the
   * RMA when that was the last of what it authorised; false when the line has no more to let in.
   * Refused with {@code rma-closed} (rolling the return back) when the RMA was closed meanwhile.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  boolean receive(TenantScope scope, long lineId, long quantity) {
    long rmaId =
        db.sql("SELECT rma_id FROM rma_line WHERE tenant_id = ? AND id = ?")
            .params(scope.tenantId(), lineId)
            .query(Long.class)
            .single();
    // Claims the RMA's row (a no-op write): a supervisor's close waits for this transaction, or
    // committed first and this receipt is refused.
    boolean open =
        db.sql("UPDATE rma SET status = 'OPEN' WHERE id = ? AND status = 'OPEN'")
                .params(rmaId)
                .update()
            == 1;
    if (!open) {
      throw closed(byId(scope.tenantId(), rmaId).orElseThrow());
    }
    boolean counted =
        db.sql(
                    "UPDATE rma_line SET received = received + ? WHERE id = ? AND received + ? <= quantity")
                .params(quantity, lineId, quantity)
                .update()
            == 1;
    if (counted) {
      db.sql(
              """
              UPDATE rma SET status = 'CLOSED', closed_at = ?, closed_by = ?, close_reason = ?
              WHERE id = ? AND status = 'OPEN'
                AND NOT EXISTS (SELECT 1 FROM rma_line l WHERE l.rma_id = ? AND l.received < l.quantity)""")
          .params(clock.millis(), scope.actor().who(), ALL_BACK, rmaId, rmaId)
          .update();
    }
    return counted;
  }

  private record NewLine(
      Long unitId, String gtin, String serial, long productId, Long lotId, long quantity) {}

  private List<NewLine> unitLines(TenantScope scope, List<String> scans) {
    List<NewLine> lines = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < scans.size(); i++) {
      String field = "units[" + i + "]";
      UnitRef ref = Scans.unit(scans.get(i), field);
      Inventory.UnitPosition u =
          inventory
              .unit(scope.tenantId(), ref)
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "never-shipped",
                          field,
                          "no unit " + ref + " is on record: we never shipped it"));
      if (u.state() != UnitState.SHIPPED || sales.ofUnit(scope.tenantId(), u.id()).isEmpty()) {
        throw Problem.unprocessable(
            u.state() == UnitState.RETURNED ? "already-returned" : "not-shipped",
            field,
            "unit "
                + ref
                + " is "
                + u.state()
                + ": only a unit shipped to a customer can be authorised");
      }
      if (!seen.add(u.id())) {
        throw Problem.badRequest("invalid-field", field, "unit " + ref + " is named twice");
      }
      lines.add(
          new NewLine(
              u.id(),
              u.gtin().value(),
              u.serial(),
              u.productId().value(),
              u.lotId() == null ? null : u.lotId().value(),
              1));
    }
    return lines;
  }

  private Sales.OrderRef order(TenantScope scope, OrderName name) {
    if (name.channel() == null || name.id() == null) {
      throw Problem.badRequest("invalid-field", "order", "name the order by its channel and id");
    }
    return sales
        .order(scope, name.channel().strip(), name.id().strip())
        .orElseThrow(
            () ->
                Problem.unprocessable(
                    "unknown-order",
                    "order",
                    "no order " + name.id() + " from channel " + name.channel()));
  }

  private List<NewLine> orderLines(
      TenantScope scope, Sales.OrderRef order, List<String> serials, List<LotQuantity> lots) {
    List<Sales.Sale> shipped = sales.ofOrder(scope.tenantId(), order.id());
    if (shipped.isEmpty()) {
      throw Problem.unprocessable(
          "not-shipped", "order", "order " + order.order() + " has shipped nothing yet");
    }
    boolean all = (serials == null || serials.isEmpty()) && (lots == null || lots.isEmpty());
    List<NewLine> lines = new ArrayList<>();
    Set<String> wanted =
        serials == null ? Set.of() : new HashSet<>(serials.stream().map(String::strip).toList());
    Set<String> matched = new HashSet<>();
    for (Sales.Sale s : shipped) {
      if (s.unitId() != null && (all || wanted.contains(s.serial())) && s.returned() == 0) {
        matched.add(s.serial());
        lines.add(new NewLine(s.unitId(), s.gtin(), s.serial(), s.productId(), s.lotId(), 1));
      }
    }
    for (String serial : wanted) {
      if (!matched.contains(serial)) {
        throw Problem.unprocessable(
            "not-on-order",
            "serials",
            "serial "
                + serial
                + " was not shipped on order "
                + order.order()
                + ", or is back already");
      }
    }
    Map<String, Long> counted = new java.util.LinkedHashMap<>();
    Map<String, long[]> keys = new java.util.LinkedHashMap<>();
    for (Sales.Sale s : shipped) {
      if (s.unitId() == null && s.returnable() > 0) {
        String key = s.productId() + ":" + s.lotId();
        counted.merge(key, s.returnable(), Long::sum);
        keys.putIfAbsent(key, new long[] {s.productId(), s.lotId() == null ? -1 : s.lotId()});
      }
    }
    if (all) {
      counted.forEach(
          (key, qty) -> {
            long[] k = keys.get(key);
            lines.add(new NewLine(null, null, null, k[0], k[1] < 0 ? null : k[1], qty));
          });
    } else if (lots != null) {
      for (int i = 0; i < lots.size(); i++) {
        lines.add(lotLine(scope, order, lots.get(i), "lots[" + i + "]", counted));
      }
    }
    if (lines.isEmpty()) {
      throw Problem.unprocessable(
          "already-returned",
          "order",
          "everything order " + order.order() + " shipped is back already");
    }
    return lines;
  }

  private NewLine lotLine(
      TenantScope scope,
      Sales.OrderRef order,
      LotQuantity q,
      String field,
      Map<String, Long> counted) {
    if (q == null || q.gtin() == null || q.quantity() == null || q.quantity() < 1) {
      throw Problem.badRequest(
          "invalid-field", field, "name the GTIN, the lot and a quantity of at least 1");
    }
    io.unitrace.gs1.Gtin gtin;
    try {
      gtin = io.unitrace.gs1.Gtin.parse(q.gtin().strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", field + ".gtin", e.getMessage());
    }
    var product =
        catalog
            .byGtin(scope.tenantId(), gtin)
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-gtin", field + ".gtin", "no product has GTIN " + q.gtin()));
    Long lotId = null;
    if (q.lot() != null) {
      lotId =
          catalog
              .lots(
                  scope.tenantId(),
                  List.of(new io.unitrace.catalog.ProductId(product.id())),
                  List.of(q.lot().strip()))
              .stream()
              .findFirst()
              .map(Lot::id)
              .orElse(-1L);
    }
    long shipped = counted.getOrDefault(product.id() + ":" + lotId, 0L);
    if (q.quantity() > shipped) {
      throw Problem.unprocessable(
              "more-than-shipped",
              field + ".quantity",
              "order "
                  + order.order()
                  + " shipped "
                  + shipped
                  + " of "
                  + product.sku()
                  + (q.lot() == null ? "" : " lot " + q.lot())
                  + " that may still come back, not "
                  + q.quantity())
          .with("returnable", shipped);
    }
    return new NewLine(null, null, null, product.id(), lotId, q.quantity());
  }

  private long insert(
      TenantScope scope,
      String number,
      Kind kind,
      Long orderId,
      String customer,
      String reason,
      String note) {
    String given = blankToNull(number);
    if (given != null && given.length() > 40) {
      throw Problem.badRequest(
          "invalid-field", "number", "an RMA number has at most 40 characters");
    }
    long id;
    try {
      id =
          db.sql(
                  """
                  INSERT INTO rma (tenant_id, number, kind, order_id, customer, reason, note, status, created_by, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?) RETURNING id""")
              .params(
                  scope.tenantId(),
                  given == null ? "tmp-" + UUID.randomUUID().toString().substring(0, 30) : given,
                  kind.name(),
                  orderId,
                  customer,
                  reason,
                  note,
                  scope.actor().who(),
                  clock.millis())
              .query(Long.class)
              .single();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict("duplicate-rma", "number", "RMA " + given + " exists");
      }
      throw e;
    }
    if (given == null) {
      db.sql("UPDATE rma SET number = ? WHERE id = ?")
          .params(String.format("RMA-%06d", id), id)
          .update();
    }
    return id;
  }

  private static Line line(ResultSet rs) throws SQLException {
    return new Line(
        rs.getLong(1),
        rs.getObject(2) == null ? null : rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getObject(6) == null ? null : rs.getLong(6),
        null,
        rs.getLong(7),
        rs.getLong(8));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
