package io.unitrace.returns;

import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Service records: what was done to a unit, the parts used (a serialized part by GTIN and serial, a
 * lot-tracked one by GTIN, lot and quantity, an untracked one by GTIN and quantity), by whom, at
 * what cost, under a warranty claim or not. Parts are recorded as named, not booked out of stock:
 * the repair bench's parts are not Unitrace inventory.
 */
@Service
class ServiceRecords {

  static final int MAX_PARTS = 100;

  record PartInput(String gtin, String serial, String lot, Long quantity) {}

  record CostInput(String amount, String currency) {}

  /**
   * A record to add: the unit by {@code scan} or {@code gtin} and {@code serial}, or only the
   * {@code claim} (its unit); {@code performedAt} an ISO time with offset (none: now).
   */
  record ServiceRequest(
      String scan,
      String gtin,
      String serial,
      String claim,
      String work,
      List<PartInput> parts,
      String technician,
      CostInput cost,
      String performedAt) {

    ServiceRequest {
      Text.raw("scan", scan, 2000);
      Text.line("claim", claim, 40);
      Text.free("work", work, 2000);
      Text.noNulls("parts", parts);
      Text.line("technician", technician, 120);
      Text.line("performedAt", performedAt, 40);
    }
  }

  record Part(String gtin, String serial, String lot, long quantity) {}

  /** {@code amount} a decimal string in the currency's usual decimals ("12.50"). */
  record Cost(String amount, String currency) {}

  record ServiceRecord(
      String number,
      String gtin,
      String serial,
      String claim,
      String work,
      List<Part> parts,
      String technician,
      Cost cost,
      OffsetDateTime performedAt,
      String recordedBy,
      Instant recordedAt) {}

  private final JdbcClient db;
  private final Inventory inventory;
  private final TransactionTemplate tx;
  private final Clock clock;

  ServiceRecords(JdbcClient db, Inventory inventory, TransactionTemplate tx, Clock clock) {
    this.db = db;
    this.inventory = inventory;
    this.tx = tx;
    this.clock = clock;
  }

  static String number(long id) {
    return "SR-" + id;
  }

  /** Records the service; {@code claimUnit} resolves a claim number to its row in this client. */
  ServiceRecord record(
      TenantScope scope,
      ServiceRequest r,
      String idempotencyKey,
      java.util.function.Function<String, WarrantyClaims.Row> claimOf) {
    scope.requireWrite();
    if (r == null) {
      throw Problem.badRequest("invalid-field", "work", "say what was done");
    }
    String key = WarrantyInput.optional("Idempotency-Key", idempotencyKey, 200);
    if (key != null) {
      Optional<Long> first = byKey(scope.tenantId(), key);
      if (first.isPresent()) {
        return one(scope.tenantId(), first.get());
      }
    }
    boolean unitNamed =
        (r.scan() != null && !r.scan().isBlank()) || r.gtin() != null || r.serial() != null;
    UnitRef ref = unitNamed ? WarrantyInput.unit("", r.scan(), r.gtin(), r.serial()) : null;
    String work = WarrantyInput.text("work", r.work(), 2000);
    String technician =
        Optional.ofNullable(WarrantyInput.optional("technician", r.technician(), 120))
            .orElse(scope.actor().username());
    List<Part> parts = parts(r.parts());
    WarrantyInput.Money cost =
        r.cost() == null
            ? null
            : WarrantyInput.money(
                "cost.amount", r.cost().amount(), "cost.currency", r.cost().currency());
    OffsetDateTime performed =
        r.performedAt() == null || r.performedAt().isBlank()
            ? null
            : WarrantyInput.time("performedAt", r.performedAt());
    if (performed != null && performed.toInstant().isAfter(clock.instant().plusSeconds(300))) {
      throw Problem.badRequest("invalid-time", "performedAt", "performedAt is in the future");
    }
    if (ref == null && (r.claim() == null || r.claim().isBlank())) {
      throw Problem.badRequest(
          "invalid-field", "serial", "name the unit (gtin and serial, or scan) or the claim");
    }
    WarrantyClaims.Row claim =
        r.claim() == null || r.claim().isBlank() ? null : claimOf.apply(r.claim());
    Inventory.UnitPosition unit;
    if (ref != null) {
      unit =
          inventory
              .unit(scope.tenantId(), ref)
              .orElseThrow(() -> WarrantyLookup.unknownUnit(scope, ref));
    } else {
      unit = inventory.unit(scope.tenantId(), claim.unitId()).orElseThrow();
    }
    if (claim != null) {
      if (claim.unitId() != unit.id()) {
        throw Problem.unprocessable(
            "claim-of-another-unit",
            "claim",
            "claim "
                + WarrantyClaims.number(claim.id())
                + " is about "
                + claim.gtin()
                + "/"
                + claim.serial()
                + ", not this unit");
      }
      if (!claim.status().inService()) {
        throw Problem.conflict(
                "claim-not-in-service",
                "claim",
                "claim "
                    + WarrantyClaims.number(claim.id())
                    + " is "
                    + claim.status()
                    + ": work is recorded while it is OPEN or APPROVED")
            .with("rule", "service-on-live-claims");
      }
    }
    long now = clock.millis();
    long at = performed == null ? now : performed.toInstant().toEpochMilli();
    try {
      long id =
          tx.execute(
              st -> {
                long recordId =
                    db.sql(
                            """
                            INSERT INTO service_record (tenant_id, unit_id, claim_id, work, technician, cost_minor,
                                                        currency, performed_at, request_key, recorded_by, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                        .params(
                            scope.tenantId(),
                            unit.id(),
                            claim == null ? null : claim.id(),
                            work,
                            technician,
                            cost == null ? null : cost.minor(),
                            cost == null ? null : cost.currency().getCurrencyCode(),
                            at,
                            key,
                            scope.actor().who(),
                            now)
                        .query(Long.class)
                        .single();
                for (Part p : parts) {
                  db.sql(
                          """
                          INSERT INTO service_part (tenant_id, record_id, gtin, serial, lot, quantity)
                          VALUES (?, ?, ?, ?, ?, ?)""")
                      .params(
                          scope.tenantId(), recordId, p.gtin(), p.serial(), p.lot(), p.quantity())
                      .update();
                }
                return recordId;
              });
      return one(scope.tenantId(), id);
    } catch (DataAccessException e) {
      if (key != null && Database.isUniqueViolation(e)) {
        Optional<Long> first = byKey(scope.tenantId(), key);
        if (first.isPresent()) {
          return one(scope.tenantId(), first.get());
        }
      }
      throw e;
    }
  }

  private static List<Part> parts(List<PartInput> input) {
    if (input == null) {
      return List.of();
    }
    if (input.size() > MAX_PARTS) {
      throw Problem.badRequest(
          "invalid-field", "parts", "at most " + MAX_PARTS + " parts in one service record");
    }
    List<Part> parts = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      String at = "parts[" + i + "]";
      PartInput p = input.get(i);
      if (p == null) {
        throw Problem.badRequest("invalid-field", at, "a part is an object");
      }
      Gtin gtin = WarrantyInput.gtin(at + ".gtin", p.gtin());
      boolean serial = p.serial() != null && !p.serial().isBlank();
      boolean lot = p.lot() != null && !p.lot().isBlank();
      if (serial && lot) {
        throw Problem.badRequest(
            "invalid-field", at + ".lot", "a part is named by its serial or by its lot, not both");
      }
      if (serial) {
        if (p.quantity() != null && p.quantity() != 1) {
          throw Problem.badRequest(
              "invalid-field", at + ".quantity", "a part named by its serial is one part");
        }
        UnitRef ref = WarrantyInput.unit(at + ".", null, gtin.value(), p.serial());
        parts.add(new Part(gtin.value(), ref.serial().value(), null, 1));
        continue;
      }
      if (p.quantity() == null || p.quantity() < 1) {
        throw Problem.badRequest(
            "invalid-field", at + ".quantity", "how many of the part: at least 1");
      }
      parts.add(
          new Part(
              gtin.value(),
              null,
              lot ? WarrantyInput.lot(at + ".lot", p.lot()).value() : null,
              p.quantity()));
    }
    return parts;
  }

  /** The unit's service records, oldest first. */
  List<ServiceRecord> ofUnit(long tenantId, long unitId) {
    return read(tenantId, " AND r.unit_id = ?", unitId);
  }

  List<ServiceRecord> ofClaim(long tenantId, long claimId) {
    return read(tenantId, " AND r.claim_id = ?", claimId);
  }

  private ServiceRecord one(long tenantId, long id) {
    return read(tenantId, " AND r.id = ?", id).get(0);
  }

  private Optional<Long> byKey(long tenantId, String key) {
    return db.sql("SELECT id FROM service_record WHERE tenant_id = ? AND request_key = ?")
        .params(tenantId, key)
        .query(Long.class)
        .optional();
  }

  private List<ServiceRecord> read(long tenantId, String where, long value) {
    record Head(
        long id,
        long unitId,
        Long claimId,
        String work,
        String technician,
        Long costMinor,
        String currency,
        long performedAt,
        String recordedBy,
        long recordedAt) {}
    List<Head> heads =
        db.sql(
                """
                SELECT r.id, r.unit_id, r.claim_id, r.work, r.technician, r.cost_minor, r.currency, r.performed_at,
                       r.recorded_by, r.recorded_at
                FROM service_record r WHERE r.tenant_id = ?"""
                    + where
                    + " ORDER BY r.id")
            .params(tenantId, value)
            .query(
                (rs, n) ->
                    new Head(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getObject(3) == null ? null : rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6) == null ? null : rs.getLong(6),
                        rs.getString(7),
                        rs.getLong(8),
                        rs.getString(9),
                        rs.getLong(10)))
            .list();
    if (heads.isEmpty()) {
      return List.of();
    }
    Map<Long, List<Part>> parts = new HashMap<>();
    List<Long> ids = heads.stream().map(Head::id).toList();
    for (List<Long> chunk : InList.chunks(ids, 500)) {
      db.sql(
              "SELECT record_id, gtin, serial, lot, quantity FROM service_part WHERE tenant_id = ?"
                  + " AND record_id IN ("
                  + InList.marks(chunk.size())
                  + ") ORDER BY id")
          .params(InList.concat(tenantId, chunk))
          .query(
              (rs, n) -> {
                parts
                    .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(
                        new Part(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                return null;
              })
          .list();
    }
    Map<Long, Inventory.UnitPosition> units =
        inventory.units(tenantId, heads.stream().map(Head::unitId).toList());
    List<ServiceRecord> out = new ArrayList<>(heads.size());
    for (Head h : heads) {
      Inventory.UnitPosition u = units.get(h.unitId());
      out.add(
          new ServiceRecord(
              number(h.id()),
              u == null ? null : u.gtin().value(),
              u == null ? null : u.serial(),
              h.claimId() == null ? null : WarrantyClaims.number(h.claimId()),
              h.work(),
              List.copyOf(parts.getOrDefault(h.id(), List.of())),
              h.technician(),
              h.costMinor() == null
                  ? null
                  : new Cost(
                      new WarrantyInput.Money(h.costMinor(), Currency.getInstance(h.currency()))
                          .amount(),
                      h.currency()),
              Instant.ofEpochMilli(h.performedAt()).atOffset(java.time.ZoneOffset.UTC),
              h.recordedBy(),
              Instant.ofEpochMilli(h.recordedAt())));
    }
    return out;
  }
}
