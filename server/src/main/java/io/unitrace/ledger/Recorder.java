package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.CustomField;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.domain.HashChain;
import io.unitrace.ledger.domain.TransitionRefused;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Database;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The one write path of the ledger. A command is planned (units read, the state machine applied in
 * memory), then written in one transaction: the event row, new and changed units, their entries
 * with hash links, custom field values.
 *
 * <p>Concurrency without any in-process lock: a changed unit is written with {@code WHERE id = ?
 * AND version = ?}; if another writer got there first the whole transaction is rolled back and
 * planned again from fresh reads. New units rely on the unique serial index.
 *
 * <p>Idempotency: the event row claims {@code (tenant, request key)} before anything else is
 * written. A repeat, whether it comes after the first or races it, hits that unique key (or is
 * refused while planning), rolls back, finds the first event and answers with its receipt. A key
 * reused for a different request is refused. Repeats are rare, so the common first request pays no
 * look-up for a key that is not there.
 */
@Component
class Recorder {

  /** A change of an existing unit. */
  record Change(UnitRows.Loaded before, UnitCommand command, UnitStatus after) {}

  /** A unit to create. */
  record Registration(
      Product product,
      Gtin gtin,
      String serial,
      Long lotId,
      UnitCommand.Register command,
      UnitStatus after) {}

  /**
   * Everything one event will write. {@code sideWrites} run inside the transaction (container
   * rows). {@code knownCodes} are location codes the command already resolved (id to code): the
   * receipt names locations by code and looks up only the others.
   */
  record Plan(
      EventType type,
      String disposition,
      Long readPoint,
      Long bizLocation,
      Map<String, Object> details,
      List<Registration> registrations,
      List<Change> changes,
      Runnable sideWrites,
      Map<Long, String> knownCodes,
      List<StockRows.StockChange> stock,
      LongConsumer followUp) {

    Plan(
        EventType type,
        String disposition,
        Long readPoint,
        Long bizLocation,
        Map<String, Object> details,
        List<Registration> registrations,
        List<Change> changes,
        Runnable sideWrites) {
      this(
          type,
          disposition,
          readPoint,
          bizLocation,
          details,
          registrations,
          changes,
          sideWrites,
          Map.of(),
          List.of(),
          id -> {});
    }

    Plan(
        EventType type,
        String disposition,
        Long readPoint,
        Long bizLocation,
        Map<String, Object> details,
        List<Change> changes) {
      this(type, disposition, readPoint, bizLocation, details, List.of(), changes, () -> {});
    }

    /** This plan, knowing the code of {@code location} (may be null). */
    Plan knowing(Location location) {
      return location == null
          ? this
          : new Plan(
              type,
              disposition,
              readPoint,
              bizLocation,
              details,
              registrations,
              changes,
              sideWrites,
              Map.of(location.id(), location.code()),
              stock,
              followUp);
    }

    /** This plan, changing lot or untracked stock as well. */
    Plan withStock(List<StockRows.StockChange> changes) {
      return new Plan(
          type,
          disposition,
          readPoint,
          bizLocation,
          details,
          registrations,
          this.changes,
          sideWrites,
          knownCodes,
          changes,
          followUp);
    }

    /**
     * This plan, running {@code write} with the event's id at the end of the event's transaction:
     * another module's rows that must commit, or roll back and be planned again, with the event.
     */
    Plan then(LongConsumer write) {
      return new Plan(
          type,
          disposition,
          readPoint,
          bizLocation,
          details,
          registrations,
          changes,
          sideWrites,
          knownCodes,
          stock,
          write);
    }
  }

  static final class UnitChanged extends RuntimeException {
    UnitChanged() {
      super(null, null, false, false);
    }
  }

  private static final int ATTEMPTS = 10;

  private final UnitRows rows;
  private final StockRows stock;
  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final CommandCodec codec;
  private final Clock clock;

  private final Catalog catalog;
  private final Facility facility;
  private final ApplicationEventPublisher events;

  Recorder(
      UnitRows rows,
      StockRows stock,
      JdbcClient db,
      TransactionTemplate tx,
      ObjectMapper json,
      CommandCodec codec,
      Clock clock,
      Catalog catalog,
      Facility facility,
      ApplicationEventPublisher events) {
    this.events = events;
    this.catalog = catalog;
    this.facility = facility;
    this.rows = rows;
    this.stock = stock;
    this.db = db;
    this.tx = tx;
    this.json = json;
    this.codec = codec;
    this.clock = clock;
  }

  /**
   * Applies a command to a unit, turning a refusal into a problem that names the unit and the rule.
   */
  /** {@code command} applied to the unit as loaded; refused, naming the unit, if illegal. */
  static Change change(UnitRows.Loaded u, UnitCommand command) {
    return new Change(u, command, apply(u.ref(), u.status(), command));
  }

  static UnitStatus apply(UnitRef ref, UnitStatus status, UnitCommand command) {
    try {
      return status.apply(command);
    } catch (TransitionRefused r) {
      throw refused(ref, r);
    }
  }

  static Problem refused(UnitRef ref, TransitionRefused r) {
    return Problem.conflict("illegal-transition", "unit", ref + ": " + r.getMessage())
        .with("rule", r.rule())
        .with("unit", ref.toString());
  }

  EventReceipt record(TenantScope scope, RequestMeta meta, Object request, Supplier<Plan> planner) {
    scope.requireWrite();
    boolean clientKey = meta.idempotencyKey() != null && !meta.idempotencyKey().isBlank();
    String key = clientKey ? meta.idempotencyKey().strip() : "auto:" + UUID.randomUUID();
    if (key.length() > 100) {
      throw Problem.badRequest(
          "invalid-header", "Idempotency-Key", "an Idempotency-Key has at most 100 characters");
    }
    String digest = digest(request);
    // Inside a caller's transaction (a receipt writing its scan rows with the event) a lost race
    // cannot be retried here: the attempt's writes stay in that transaction. The caller retries.
    boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return tx.execute(s -> write(scope, meta, key, digest, planner.get()));
      } catch (UnitChanged e) {
        if (joined) {
          throw Problem.conflict(
              "concurrent-change",
              null,
              "the units or stock changed under this request; try again");
        }
        continue;
      } catch (DataAccessException e) {
        if (clientKey && !joined && Database.isUniqueViolation(e)) {
          Optional<EventReceipt> first = receipt(scope.tenantId(), key, digest);
          if (first.isPresent()) {
            return first.get();
          }
        }
        throw e;
      } catch (Problem p) {
        // A twin with the same key may have committed while this one was planning.
        if (clientKey && !joined) {
          Optional<EventReceipt> first = receipt(scope.tenantId(), key, digest);
          if (first.isPresent()) {
            return first.get();
          }
        }
        throw p;
      }
    }
    throw Problem.conflict(
        "concurrent-change", null, "the units kept changing under this request; try again");
  }

  private EventReceipt write(
      TenantScope scope, RequestMeta meta, String key, String digest, Plan p) {
    long tenant = scope.tenantId();
    long now = clock.millis();
    long eventTime = meta.eventTime() == null ? now : meta.eventTime().toInstant().toEpochMilli();
    String offset =
        meta.eventTime() == null
            ? "+00:00"
            : meta.eventTime().getOffset().equals(ZoneOffset.UTC)
                ? "+00:00"
                : meta.eventTime().getOffset().getId();
    String details =
        p.details() == null || p.details().isEmpty() ? null : json.writeValueAsString(p.details());
    String bizTx =
        meta.bizTransactions() == null || meta.bizTransactions().isEmpty()
            ? null
            : json.writeValueAsString(meta.bizTransactions());
    String actor = scope.actor().who();
    int unitCount = p.registrations().size() + p.changes().size();
    String eventCanonical =
        Forms.eventV2(
            tenant,
            key,
            digest,
            p.type().name(),
            eventTime,
            offset,
            now,
            p.type().bizStep(),
            p.disposition(),
            p.readPoint(),
            p.bizLocation(),
            bizTx,
            actor,
            meta.device(),
            meta.rawScan(),
            details,
            unitCount);

    long eventId =
        rows.insertEvent(
            tenant,
            key,
            digest,
            p.type(),
            eventTime,
            offset,
            now,
            p.disposition(),
            p.readPoint(),
            p.bizLocation(),
            bizTx,
            actor,
            meta.device(),
            meta.rawScan(),
            details,
            unitCount,
            Forms.eventHash(eventCanonical));
    p.sideWrites().run();

    List<UnitRows.Entry> entries = new ArrayList<>(unitCount);
    List<EventReceipt.UnitOutcome> outcomes =
        new ArrayList<>(Math.min(unitCount, EventReceipt.LISTED_UNITS));

    if (!p.registrations().isEmpty()) {
      List<UnitRows.Fresh> fresh = new ArrayList<>(p.registrations().size());
      List<String> data = new ArrayList<>(p.registrations().size());
      for (Registration r : p.registrations()) {
        String d = codec.encode(r.command());
        String hash =
            HashChain.link(
                HashChain.GENESIS,
                eventCanonical,
                Forms.entryV2(r.product().id(), r.lotId(), r.gtin(), r.serial(), 1, r.after(), d));
        fresh.add(
            new UnitRows.Fresh(
                r.product().id(),
                r.gtin(),
                r.serial(),
                r.product().serialScopeKey(r.gtin()),
                r.lotId(),
                r.after(),
                hash));
        data.add(d);
      }
      Map<UnitRef, Long> ids = rows.insertUnits(tenant, fresh, now);
      if (ids.size() < fresh.size()) {
        throw duplicates(p.registrations(), ids);
      }
      List<Object[]> fieldRows = new ArrayList<>();
      for (int i = 0; i < fresh.size(); i++) {
        UnitRows.Fresh f = fresh.get(i);
        long unitId = ids.get(new UnitRef(f.gtin(), new Serial(f.serial())));
        entries.add(
            new UnitRows.Entry(unitId, 1, f.status(), data.get(i), HashChain.GENESIS, f.hash()));
        Product product = p.registrations().get(i).product();
        for (var field : f.status().fields().entrySet()) {
          boolean unique = product.field(field.getKey()).map(cf -> cf.unique()).orElse(false);
          fieldRows.add(
              new Object[] {tenant, unitId, field.getKey(), field.getValue(), unique ? 1 : 0});
        }
        outcome(outcomes, f.gtin().value(), f.serial(), 1, f.status());
      }
      if (!fieldRows.isEmpty()) {
        guardFieldUniqueness(() -> rows.writeFieldsBulk(tenant, fieldRows));
      }
    }

    if (!p.changes().isEmpty()) {
      List<UnitRows.Loaded> before = new ArrayList<>(p.changes().size());
      List<UnitStatus> after = new ArrayList<>(p.changes().size());
      List<String> hashes = new ArrayList<>(p.changes().size());
      for (Change c : p.changes()) {
        UnitRows.Loaded b = c.before();
        int seq = b.version() + 1;
        String d = codec.encode(c.command());
        String hash =
            HashChain.link(
                b.lastHash(),
                eventCanonical,
                Forms.entryV2(b.productId(), b.lotId(), b.gtin(), b.serial(), seq, c.after(), d));
        before.add(b);
        after.add(c.after());
        hashes.add(hash);
        entries.add(new UnitRows.Entry(b.id(), seq, c.after(), d, b.lastHash(), hash));
        outcome(outcomes, b.gtin().value(), b.serial(), seq, c.after());
      }
      if (!rows.update(before, after, hashes, now)) {
        throw new UnitChanged();
      }
      for (Change c : p.changes()) {
        if (c.command() instanceof UnitCommand.SetFields s) {
          Set<String> unique = new HashSet<>();
          catalog
              .byId(tenant, c.before().productId())
              .ifPresent(
                  product ->
                      product.customFields().stream()
                          .filter(CustomField::unique)
                          .forEach(f -> unique.add(f.name())));
          guardFieldUniqueness(() -> rows.writeFields(tenant, c.before().id(), s.fields(), unique));
        }
      }
    }
    rows.insertEntries(tenant, eventId, entries);
    List<EventReceipt.StockOutcome> stockOutcomes =
        p.stock().isEmpty()
            ? List.of()
            : stock.write(tenant, eventId, eventCanonical, p.stock(), now);
    p.followUp().accept(eventId);
    events.publishEvent(changed(tenant, eventId, p));
    return new EventReceipt(
        eventId,
        p.type(),
        key,
        Instant.ofEpochMilli(now),
        false,
        unitCount,
        withLocationCodes(outcomes, p.knownCodes()),
        stockOutcomes);
  }

  private static InventoryChanged changed(long tenant, long eventId, Plan p) {
    Set<ProductId> products = new HashSet<>();
    boolean states = !p.registrations().isEmpty();
    for (Registration r : p.registrations()) {
      products.add(new ProductId(r.product().id()));
    }
    for (Change c : p.changes()) {
      products.add(new ProductId(c.before().productId()));
      states |=
          c.before().status().state() != c.after().state()
              || c.before().status().holds() != c.after().holds();
    }
    for (StockRows.StockChange c : p.stock()) {
      products.add(new ProductId(c.product().id()));
    }
    // Counted goods become available when they reach storage: any stock change counts, except
    // reserved goods moving on their way out.
    states |= !p.stock().isEmpty() && p.type() != EventType.PICKED && p.type() != EventType.PACKED;
    return new InventoryChanged(tenant, eventId, p.type(), Set.copyOf(products), states);
  }

  private static void guardFieldUniqueness(Runnable write) {
    try {
      write.run();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-field-value",
            "fields",
            "a unique custom field value (e.g. an IMEI) is already recorded on another unit: "
                + rootMessage(e));
      }
      throw e;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = String.valueOf(t.getMessage());
    int i = m.indexOf("Detail:");
    return i >= 0 ? m.substring(i + 7).strip() : "see the unit's fields";
  }

  private Problem duplicates(List<Registration> wanted, Map<UnitRef, Long> inserted) {
    List<String> dup = new ArrayList<>();
    int firstIndex = -1;
    for (int i = 0; i < wanted.size(); i++) {
      Registration r = wanted.get(i);
      if (!inserted.containsKey(new UnitRef(r.gtin(), new Serial(r.serial())))) {
        if (firstIndex < 0) {
          firstIndex = i;
        }
        if (dup.size() < 20) {
          dup.add(r.serial());
        }
      }
    }
    int count = wanted.size() - inserted.size();
    return Problem.conflict(
            "duplicate-serial",
            "units[" + firstIndex + "].serial",
            count
                + " serial(s) already exist in their uniqueness scope, e.g. "
                + dup
                + "; nothing was registered")
        .with("serials", dup)
        .with("count", count);
  }

  private static void outcome(
      List<EventReceipt.UnitOutcome> outcomes, String gtin, String serial, int seq, UnitStatus s) {
    if (outcomes.size() < EventReceipt.LISTED_UNITS) {
      outcomes.add(
          new EventReceipt.UnitOutcome(
              gtin,
              serial,
              seq,
              s.state(),
              s.location() == null ? null : Long.toString(s.location()),
              Hold.of(s.holds())));
    }
  }

  /** Outcomes carry location ids while planning; clients see location codes. */
  private List<EventReceipt.UnitOutcome> withLocationCodes(
      List<EventReceipt.UnitOutcome> outcomes, Map<Long, String> known) {
    Map<String, String> codes = new HashMap<>();
    known.forEach((id, code) -> codes.put(Long.toString(id), code));
    Set<String> ids = new HashSet<>();
    outcomes.forEach(
        o -> {
          if (o.location() != null && !codes.containsKey(o.location())) {
            ids.add(o.location());
          }
        });
    if (ids.isEmpty() && codes.isEmpty()) {
      return outcomes;
    }
    if (!ids.isEmpty()) {
      facility
          .locations(ids.stream().map(id -> new LocationId(Long.parseLong(id))).toList())
          .forEach((id, location) -> codes.put(Long.toString(id.value()), location.code()));
    }
    return outcomes.stream()
        .map(
            o ->
                new EventReceipt.UnitOutcome(
                    o.gtin(),
                    o.serial(),
                    o.seq(),
                    o.state(),
                    o.location() == null ? null : codes.get(o.location()),
                    o.holds()))
        .toList();
  }

  /**
   * The receipt of the event recorded under {@code key}, if any, refusing a key reused for another
   * request (unless {@code digest} is null: then any request under the key is the one meant).
   */
  Optional<EventReceipt> receipt(long tenantId, String key, String digest) {
    record Head(long id, String type, String digest, long recordedAt, int unitCount) {}
    Optional<Head> head =
        db.sql(
                "SELECT id, type, request_digest AS digest, recorded_at, unit_count FROM ledger_event WHERE tenant_id = ? AND request_key = ?")
            .params(tenantId, key)
            .query(Head.class)
            .optional();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    if (digest != null && !head.get().digest().equals(digest)) {
      throw Problem.unprocessable(
          "idempotency-key-reused",
          "Idempotency-Key",
          "the Idempotency-Key "
              + key
              + " was already used for a different request (event "
              + head.get().id()
              + ")");
    }
    // Outcomes carry the location's id until the codes are resolved, as while recording.
    List<EventReceipt.UnitOutcome> units =
        db.sql(
                """
            SELECT u.gtin, u.serial, e.seq, e.state, e.location_id, e.holds
            FROM ledger_entry e JOIN unit u ON u.id = e.unit_id
            WHERE e.event_id = ? ORDER BY e.id LIMIT ?""")
            .params(head.get().id(), EventReceipt.LISTED_UNITS)
            .query(
                (rs, n) ->
                    new EventReceipt.UnitOutcome(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        UnitState.valueOf(rs.getString(4)),
                        rs.getString(5),
                        Hold.of(rs.getInt(6))))
            .list();
    units = withLocationCodes(units, Map.of());
    return Optional.of(
        new EventReceipt(
            head.get().id(),
            EventType.valueOf(head.get().type()),
            key,
            Instant.ofEpochMilli(head.get().recordedAt()),
            true,
            head.get().unitCount(),
            units,
            stock.outcomes(tenantId, head.get().id())));
  }

  /**
   * The names request digests were first computed under, before the commands were split by job (ADR
   * 0010). A request repeated across that upgrade, or sent to servers of both versions during a
   * rolling one, must still find its first answer, not be refused as a different request.
   */
  private static final Map<Class<?>, String> FIRST_NAMES =
      Map.ofEntries(
          Map.entry(UnitBook.Registration.class, "io.unitrace.ledger.Ledger$Registration"),
          Map.entry(Arrivals.Delivery.class, "io.unitrace.ledger.Ledger$Arrivals"),
          Map.entry(StockBook.StockMove.class, "io.unitrace.ledger.Ledger$StockMove"),
          Map.entry(StockBook.StockHold.class, "io.unitrace.ledger.Ledger$StockHold"),
          Map.entry(StockBook.StockAdjustment.class, "io.unitrace.ledger.Ledger$StockAdjustment"),
          Map.entry(UnitBook.MoveRequest.class, "io.unitrace.ledger.Ledger$MoveRequest"),
          Map.entry(UnitBook.ObserveRequest.class, "io.unitrace.ledger.Ledger$ObserveRequest"),
          Map.entry(UnitBook.HoldRequest.class, "io.unitrace.ledger.Ledger$HoldRequest"),
          Map.entry(UnitBook.AdjustRequest.class, "io.unitrace.ledger.Ledger$AdjustRequest"),
          Map.entry(UnitBook.FieldsRequest.class, "io.unitrace.ledger.Ledger$FieldsRequest"),
          Map.entry(Containers.PackRequest.class, "io.unitrace.ledger.Ledger$PackRequest"),
          Map.entry(Containers.UnpackRequest.class, "io.unitrace.ledger.Ledger$UnpackRequest"),
          Map.entry(
              Containers.ContainerMoveRequest.class,
              "io.unitrace.ledger.Ledger$ContainerMoveRequest"),
          Map.entry(Containers.NestRequest.class, "io.unitrace.ledger.Ledger$NestRequest"));

  private String digest(Object request) {
    var sha = HashChain.sha256();
    String name = FIRST_NAMES.getOrDefault(request.getClass(), request.getClass().getName());
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    // The JSON streams into the digest: a large request is never held a second time as bytes.
    try (var out =
        new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha)) {
      json.writeValue(out, request);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return HashChain.hex(sha.digest());
  }
}
