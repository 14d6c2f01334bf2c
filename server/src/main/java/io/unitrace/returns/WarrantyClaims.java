package io.unitrace.returns;

import io.unitrace.ledger.EventType;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.ReturnedGoods;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.shared.Times;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Warranty claims on units: opened under warranty (or, by a supervisor, out of it with a reason),
 * approved or rejected, worked on (service records), and ended by a repair or a replacement, then
 * closed.
 *
 * <p>A replacement names the unit the customer got instead: it must exist, be another unit of the
 * same product, and have been SHIPPED, i.e. sent to the customer through an outbound order first,
 * so that the ledger shows how it left. One REPLACED ledger note on both units (so both histories
 * show the link), the claim's link and the {@link UnitReplaced} event are written in one
 * transaction. The replacement's own warranty is that of its own shipment.
 *
 * <p>Rules that two requests could both pass are held by the database: one live claim per unit and
 * one claim per replacement unit are unique indexes, status changes are conditional updates.
 */
@Service
class WarrantyClaims {

  record OpenRequest(
      String scan, String gtin, String serial, String problem, String outOfWarrantyReason) {

    OpenRequest {
      Text.raw("scan", scan, 2000);
      Text.free("problem", problem, 2000);
      Text.free("outOfWarrantyReason", outOfWarrantyReason, 500);
    }
  }

  record StatusRequest(ClaimStatus status, String note) {

    StatusRequest {
      Text.free("note", note, 1000);
    }
  }

  record ReplacementRequest(String scan, String gtin, String serial, String note) {

    ReplacementRequest {
      Text.raw("scan", scan, 2000);
      Text.free("note", note, 1000);
    }
  }

  record Link(String gtin, String serial) {}

  record Claim(
      String number,
      String gtin,
      String serial,
      ClaimStatus status,
      String problem,
      boolean inWarranty,
      LocalDate warrantyUntil,
      String outOfWarrantyReason,
      String acceptedBy,
      String note,
      Link replacement,
      Long replacementEvent,
      String openedBy,
      Instant openedAt,
      String updatedBy,
      Instant updatedAt,
      List<ServiceRecords.ServiceRecord> serviceRecords) {}

  record Summary(
      String number,
      String gtin,
      String serial,
      ClaimStatus status,
      boolean inWarranty,
      Instant openedAt) {}

  /** A claim's row; {@code unitId} and {@code replacementUnitId} stay inside the module. */
  record Row(
      long id,
      long unitId,
      String gtin,
      String serial,
      ClaimStatus status,
      String problem,
      boolean inWarranty,
      LocalDate warrantyUntil,
      String overrideReason,
      String overrideBy,
      String note,
      Long replacementUnitId,
      String replacementGtin,
      String replacementSerial,
      Long replacementEvent,
      String openedBy,
      Instant openedAt,
      String updatedBy,
      Instant updatedAt) {}

  private static final String COLUMNS =
      """
      SELECT id, unit_id, gtin, serial, status, problem, in_warranty, warranty_until, override_reason,
             override_by, note, replacement_unit_id, replacement_gtin, replacement_serial, replacement_event,
             opened_by, opened_at, updated_by, updated_at
      FROM warranty_claim""";

  private final JdbcClient db;
  private final Inventory inventory;
  private final WarrantyLookup lookup;
  private final ReturnedGoods goods;
  private final ServiceRecords services;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  WarrantyClaims(
      JdbcClient db,
      Inventory inventory,
      WarrantyLookup lookup,
      ReturnedGoods goods,
      ServiceRecords services,
      ApplicationEventPublisher events,
      Clock clock) {
    this.db = db;
    this.inventory = inventory;
    this.lookup = lookup;
    this.goods = goods;
    this.services = services;
    this.events = events;
    this.clock = clock;
  }

  static String number(long id) {
    return "WC-" + id;
  }

  /** The claim id a number names; empty for text that is no claim number. */
  static Optional<Long> id(String number) {
    String n = number == null ? "" : number.strip();
    if (n.regionMatches(true, 0, "WC-", 0, 3)) {
      n = n.substring(3);
    }
    if (n.isEmpty() || n.length() > 18 || !n.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(n));
  }

  Claim open(TenantScope scope, OpenRequest r, String idempotencyKey) {
    scope.requireWrite();
    if (r == null) {
      throw Problem.badRequest("invalid-field", "problem", "send the unit and the problem");
    }
    UnitRef ref = WarrantyInput.unit("", r.scan(), r.gtin(), r.serial());
    String problem = WarrantyInput.text("problem", r.problem(), 2000);
    String override = WarrantyInput.optional("outOfWarrantyReason", r.outOfWarrantyReason(), 500);
    String key = WarrantyInput.optional("Idempotency-Key", idempotencyKey, 200);
    if (key != null) {
      Optional<Row> first = byKey(scope.tenantId(), key);
      if (first.isPresent()) {
        return claim(scope, first.get());
      }
    }
    Inventory.UnitPosition unit =
        inventory
            .unit(scope.tenantId(), ref)
            .orElseThrow(() -> WarrantyLookup.unknownUnit(scope, ref));
    WarrantyCard card = lookup.card(scope.tenantId(), unit);
    boolean inWarranty = card.status() == WarrantyTerms.Status.ACTIVE;
    if (!inWarranty) {
      if (override == null) {
        throw Problem.unprocessable(
                "not-under-warranty",
                "outOfWarrantyReason",
                "unit "
                    + ref
                    + " is not under warranty ("
                    + card.status()
                    + (card.end() == null ? "" : ", ended " + card.end())
                    + "): a supervisor may accept the claim out of warranty with"
                    + " outOfWarrantyReason")
            .with("warranty", card.status().name())
            .with("warrantyEnd", card.end() == null ? null : card.end().toString())
            .with("rule", "claims-under-warranty");
      }
      scope.requireRole(Role.SUPERVISOR);
    }
    refuseSecondLiveClaim(scope, unit.id(), ref);
    long now = clock.millis();
    long id;
    try {
      id =
          db.sql(
                  """
                  INSERT INTO warranty_claim (tenant_id, unit_id, gtin, serial, problem, status, in_warranty,
                                              warranty_until, override_reason, override_by, request_key,
                                              opened_by, opened_at, updated_by, updated_at)
                  VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
              .params(
                  scope.tenantId(),
                  unit.id(),
                  unit.gtin().value(),
                  unit.serial(),
                  problem,
                  inWarranty ? 1 : 0,
                  Times.iso(card.end()),
                  inWarranty ? null : override,
                  inWarranty ? null : scope.actor().who(),
                  key,
                  scope.actor().who(),
                  now,
                  scope.actor().who(),
                  now)
              .query(Long.class)
              .single();
    } catch (DataAccessException e) {
      if (!Database.isUniqueViolation(e)) {
        throw e;
      }
      // A twin request got there first: the same key answers with its claim, another is refused.
      if (key != null) {
        Optional<Row> first = byKey(scope.tenantId(), key);
        if (first.isPresent()) {
          return claim(scope, first.get());
        }
      }
      refuseSecondLiveClaim(scope, unit.id(), ref);
      throw e;
    }
    return claim(scope, row(scope.tenantId(), id).orElseThrow());
  }

  private void refuseSecondLiveClaim(TenantScope scope, long unitId, UnitRef ref) {
    Optional<Long> live =
        db.sql(
                "SELECT id FROM warranty_claim WHERE tenant_id = ? AND unit_id = ?"
                    + " AND status IN ('OPEN', 'APPROVED', 'REPAIRED', 'REPLACED')")
            .params(scope.tenantId(), unitId)
            .query(Long.class)
            .optional();
    if (live.isPresent()) {
      throw Problem.conflict(
              "claim-open",
              "serial",
              "unit " + ref + " already has claim " + number(live.get()) + " in progress")
          .with("claim", number(live.get()))
          .with("rule", "one-live-claim-per-unit");
    }
  }

  Claim find(TenantScope scope, String number) {
    return claim(scope, require(scope, number));
  }

  CursorPage<Summary> list(TenantScope scope, ClaimStatus status, String cursor, int limit) {
    long after = CursorPage.decode(cursor);
    String where = status == null ? "" : " AND status = ?";
    List<Object> params = new ArrayList<>(List.of(scope.tenantId(), after));
    if (status != null) {
      params.add(status.name());
    }
    params.add(limit + 1);
    List<Summary> rows =
        db.sql(
                "SELECT id, gtin, serial, status, in_warranty, opened_at FROM warranty_claim"
                    + " WHERE tenant_id = ? AND id > ?"
                    + where
                    + " ORDER BY id LIMIT ?")
            .params(params)
            .query(
                (rs, n) ->
                    new Summary(
                        number(rs.getLong(1)),
                        rs.getString(2),
                        rs.getString(3),
                        ClaimStatus.valueOf(rs.getString(4)),
                        rs.getInt(5) == 1,
                        Instant.ofEpochMilli(rs.getLong(6))))
            .list();
    return CursorPage.of(rows, limit, s -> id(s.number()).orElseThrow());
  }

  Claim changeStatus(TenantScope scope, String number, StatusRequest r) {
    scope.requireWrite();
    Row c = require(scope, number);
    if (r == null || r.status() == null) {
      throw Problem.badRequest(
          "invalid-field", "status", "status is required: APPROVED, REJECTED, REPAIRED or CLOSED");
    }
    ClaimStatus to = r.status();
    String note = WarrantyInput.optional("note", r.note(), 1000);
    if (to == ClaimStatus.REPLACED) {
      throw Problem.unprocessable(
          "use-replacement",
          "status",
          "a replacement names the new unit: POST /api/v1/warranty-claims/"
              + number(c.id())
              + "/replacement");
    }
    if (to == ClaimStatus.APPROVED || to == ClaimStatus.REJECTED) {
      scope.requireRole(Role.SUPERVISOR);
    }
    if (c.status() == to) {
      return claim(scope, c);
    }
    if (!c.status().mayBecome(to)) {
      throw transition(c, to);
    }
    if (to == ClaimStatus.REJECTED && note == null) {
      throw Problem.badRequest("invalid-field", "note", "say why the claim is rejected");
    }
    int changed =
        db.sql(
                """
                UPDATE warranty_claim SET status = ?, note = COALESCE(?, note), updated_by = ?, updated_at = ?
                WHERE tenant_id = ? AND id = ? AND status = ?""")
            .params(
                to.name(),
                note,
                scope.actor().who(),
                clock.millis(),
                scope.tenantId(),
                c.id(),
                c.status().name())
            .update();
    Row now = row(scope.tenantId(), c.id()).orElseThrow();
    if (changed == 0 && now.status() != to) {
      throw transition(now, to);
    }
    return claim(scope, now);
  }

  private static Problem transition(Row c, ClaimStatus to) {
    return Problem.conflict(
            "claim-transition",
            "status",
            "claim "
                + number(c.id())
                + " is "
                + c.status()
                + ": it can become "
                + (c.status().next().isEmpty() ? "nothing else" : c.status().next())
                + ", not "
                + to)
        .with("from", c.status().name())
        .with("to", to.name())
        .with("rule", "claim-lifecycle");
  }

  Claim replace(TenantScope scope, String number, ReplacementRequest r, String idempotencyKey) {
    scope.requireWrite();
    Row c = require(scope, number);
    if (r == null) {
      throw Problem.badRequest("invalid-field", "gtin", "name the replacement unit");
    }
    UnitRef ref = WarrantyInput.unit("", r.scan(), r.gtin(), r.serial());
    String note = WarrantyInput.optional("note", r.note(), 1000);
    Inventory.UnitPosition replacement =
        inventory
            .unit(scope.tenantId(), ref)
            .orElseThrow(
                () ->
                    WarrantyLookup.unknownUnit(scope, ref)
                        .at(r.scan() == null ? "serial" : "scan"));
    if (c.status() == ClaimStatus.REPLACED
        && Long.valueOf(replacement.id()).equals(c.replacementUnitId())) {
      return claim(scope, c);
    }
    if (!c.status().mayBecome(ClaimStatus.REPLACED)) {
      throw transition(c, ClaimStatus.REPLACED);
    }
    if (replacement.id() == c.unitId()) {
      throw Problem.unprocessable(
              "replacement-is-original", "serial", "a unit cannot replace itself")
          .with("rule", "replacement-another-unit");
    }
    Inventory.UnitPosition original = inventory.unit(scope.tenantId(), c.unitId()).orElseThrow();
    if (!original.productId().equals(replacement.productId())) {
      throw Problem.unprocessable(
              "replacement-other-product",
              "gtin",
              ref + " is another product than the claimed unit " + c.gtin() + "/" + c.serial())
          .with("rule", "replacement-same-product");
    }
    if (replacement.state() != UnitState.SHIPPED) {
      throw Problem.conflict(
              "replacement-not-shipped",
              "serial",
              ref
                  + " is "
                  + replacement.state()
                  + ": a replacement goes to the customer through an outbound order, and is"
                  + " linked once it has SHIPPED")
          .with("rule", "replacement-shipped");
    }
    refuseSecondReplacement(scope, replacement.id(), ref);

    String claim = number(c.id());
    String originalText = c.gtin() + "/" + c.serial();
    String replacementText = replacement.gtin().value() + "/" + replacement.serial();
    Map<Long, Map<String, String>> notes = new LinkedHashMap<>();
    notes.put(original.id(), Map.of("replacedBy", replacementText, "claim", claim));
    notes.put(replacement.id(), Map.of("replaces", originalText, "claim", claim));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("claim", claim);
    details.put("original", originalText);
    details.put("replacement", replacementText);
    if (note != null) {
      details.put("note", note);
    }
    try {
      goods.note(
          scope,
          notes,
          EventType.REPLACED,
          details,
          RequestMeta.of(WarrantyInput.optional("Idempotency-Key", idempotencyKey, 100)),
          eventId -> {
            int linked =
                db.sql(
                        """
                        UPDATE warranty_claim SET status = 'REPLACED', replacement_unit_id = ?, replacement_gtin = ?,
                               replacement_serial = ?, replacement_event = ?, note = COALESCE(?, note),
                               updated_by = ?, updated_at = ?
                        WHERE tenant_id = ? AND id = ? AND status IN ('OPEN', 'APPROVED')""")
                    .params(
                        replacement.id(),
                        replacement.gtin().value(),
                        replacement.serial(),
                        eventId,
                        note,
                        scope.actor().who(),
                        clock.millis(),
                        scope.tenantId(),
                        c.id())
                    .update();
            if (linked != 1) {
              throw Problem.conflict(
                  "claim-changed", null, "claim " + claim + " changed meanwhile; look again");
            }
            events.publishEvent(
                new UnitReplaced(scope.tenantId(), original.id(), replacement.id(), c.id()));
          });
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        refuseSecondReplacement(scope, replacement.id(), ref);
      }
      throw e;
    }
    return claim(scope, row(scope.tenantId(), c.id()).orElseThrow());
  }

  private void refuseSecondReplacement(TenantScope scope, long unitId, UnitRef ref) {
    Optional<Long> other =
        db.sql("SELECT id FROM warranty_claim WHERE tenant_id = ? AND replacement_unit_id = ?")
            .params(scope.tenantId(), unitId)
            .query(Long.class)
            .optional();
    if (other.isPresent()) {
      throw Problem.conflict(
              "already-a-replacement",
              "serial",
              ref + " already replaced a unit under claim " + number(other.get()))
          .with("claim", number(other.get()))
          .with("rule", "replacement-once");
    }
  }

  /** The claim a number names, in the caller's client; 404 otherwise. */
  Row require(TenantScope scope, String number) {
    return id(number)
        .flatMap(id -> row(scope.tenantId(), id))
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-claim", "client " + scope.tenantCode() + " has no claim " + number));
  }

  Optional<Row> row(long tenantId, long id) {
    return db.sql(COLUMNS + " WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query((rs, n) -> row(rs))
        .optional();
  }

  private Optional<Row> byKey(long tenantId, String key) {
    return db.sql(COLUMNS + " WHERE tenant_id = ? AND request_key = ?")
        .params(tenantId, key)
        .query((rs, n) -> row(rs))
        .optional();
  }

  private Claim claim(TenantScope scope, Row r) {
    return new Claim(
        number(r.id()),
        r.gtin(),
        r.serial(),
        r.status(),
        r.problem(),
        r.inWarranty(),
        r.warrantyUntil(),
        r.overrideReason(),
        r.overrideBy(),
        r.note(),
        r.replacementGtin() == null ? null : new Link(r.replacementGtin(), r.replacementSerial()),
        r.replacementEvent(),
        r.openedBy(),
        r.openedAt(),
        r.updatedBy(),
        r.updatedAt(),
        services.ofClaim(scope.tenantId(), r.id()));
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        ClaimStatus.valueOf(rs.getString(5)),
        rs.getString(6),
        rs.getInt(7) == 1,
        Times.date(rs.getString(8)),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getObject(12) == null ? null : rs.getLong(12),
        rs.getString(13),
        rs.getString(14),
        rs.getObject(15) == null ? null : rs.getLong(15),
        rs.getString(16),
        Instant.ofEpochMilli(rs.getLong(17)),
        rs.getString(18),
        Instant.ofEpochMilli(rs.getLong(19)));
  }
}
