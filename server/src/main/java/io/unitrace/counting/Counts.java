package io.unitrace.counting;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.counting.domain.DiscrepancyKind;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.RequestKeyLocks;
import io.unitrace.tenancy.Accounts;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cycle counts: opened by a supervisor over locations (a bin, or every location of a subtree) in
 * walking order, counted blind ({@link Counting}: the counter sees locations, never what the books
 * hold), each location reconciled when its counter closes it (ADR 0019), then approved — the
 * corrections written through the ledger ({@link Approval}) — or rejected, writing nothing.
 */
@Service
public class Counts {

  /** The most locations one count may list. */
  static final int MAX_LOCATIONS = 5_000;

  public record Opened(CountView count, boolean repeated) {}

  /** A count as its supervisor sees it: every location, and every discrepancy it found. */
  public record CountView(
      long id,
      String number,
      String warehouse,
      boolean subtree,
      String assignee,
      String status,
      String createdBy,
      Instant createdAt,
      String decidedBy,
      Instant decidedAt,
      String decisionReason,
      List<LocationView> locations,
      Map<DiscrepancyKind, Long> summary,
      List<DiscrepancyView> discrepancies) {

    /** The count as stored, with its locations and discrepancies (null in a list). */
    static CountView of(
        CountRows.Count c,
        List<LocationView> locations,
        Map<DiscrepancyKind, Long> summary,
        List<DiscrepancyView> discrepancies) {
      return new CountView(
          c.id(),
          c.number(),
          c.warehouse(),
          c.subtree(),
          c.assignee(),
          c.status(),
          c.createdBy(),
          Instant.ofEpochMilli(c.createdAt()),
          c.decidedBy(),
          c.decidedAt() == null ? null : Instant.ofEpochMilli(c.decidedAt()),
          c.decisionReason(),
          locations,
          summary,
          discrepancies);
    }
  }

  public record LocationView(
      int seq,
      String location,
      String status,
      int scans,
      long countedUnits,
      long countedQuantity,
      Integer expectedUnits,
      Long expectedQuantity,
      String doneBy,
      Instant doneAt,
      String firstCountedBy,
      String recountedBy,
      long firstCountScans) {}

  public record DiscrepancyView(
      long id,
      String location,
      DiscrepancyKind kind,
      String correction,
      String gtin,
      String serial,
      String sku,
      String lot,
      String recordedLot,
      long expected,
      long counted,
      String recordedLocation,
      String recordedState,
      String outcome,
      String note) {}

  /** A count as its counter sees it: the locations to walk, never what the books hold there. */
  public record TaskView(
      long id,
      String number,
      String warehouse,
      String assignee,
      String status,
      String next,
      List<TaskLocation> locations) {}

  public record TaskLocation(int seq, String location, String status, int scans) {}

  private final CountRows rows;
  private final Approval approval;
  private final Facility facility;
  private final Catalog catalog;
  private final Accounts accounts;
  private final RequestKeyLocks keyLocks;
  private final TransactionTemplate tx;
  private final Clock clock;

  Counts(
      CountRows rows,
      Approval approval,
      Facility facility,
      Catalog catalog,
      Accounts accounts,
      RequestKeyLocks keyLocks,
      TransactionTemplate tx,
      Clock clock) {
    this.rows = rows;
    this.approval = approval;
    this.facility = facility;
    this.catalog = catalog;
    this.accounts = accounts;
    this.keyLocks = keyLocks;
    this.tx = tx;
    this.clock = clock;
  }

  record Asked(String warehouse, List<String> locations, Boolean subtree, String assignee) {}

  /**
   * Opens a count of the named locations (with {@code subtree}, of every location below each too),
   * one task per location in walking order: location codes encode aisle, rack and bin, so code
   * order is walking order. Once per Idempotency-Key. Refusals name the field and write nothing.
   */
  Opened open(TenantScope scope, Asked a, String idempotencyKey) {
    scope.requireRole(Role.SUPERVISOR);
    long tenant = scope.tenantId();
    String requestKey = requestKey(idempotencyKey);
    if (requestKey != null) {
      Optional<Long> first = rows.openedUnder(tenant, requestKey);
      if (first.isPresent()) {
        return new Opened(view(scope, first.get()), true);
      }
    }
    if (a == null || a.warehouse() == null || a.warehouse().isBlank()) {
      throw Problem.badRequest("invalid-field", "warehouse", "name the warehouse to count");
    }
    String warehouse = a.warehouse().strip();
    if (facility.warehouses().stream().noneMatch(w -> w.code().equals(warehouse))) {
      throw Problem.unprocessable(
          "unknown-warehouse", "warehouse", "no warehouse with code " + warehouse);
    }
    if (a.locations() == null || a.locations().isEmpty()) {
      throw Problem.badRequest(
          "invalid-field", "locations", "name at least one location (a bin, or a zone's code)");
    }
    boolean subtree = Boolean.TRUE.equals(a.subtree());
    Map<String, Location> walk = new TreeMap<>();
    for (int i = 0; i < a.locations().size(); i++) {
      String field = "locations[" + i + "]";
      Location l = facility.require(a.locations().get(i), field);
      if (!l.warehouse().equals(warehouse)) {
        throw Problem.unprocessable(
            "wrong-warehouse",
            field,
            "location " + l.code() + " is in warehouse " + l.warehouse() + ", not " + warehouse);
      }
      if (subtree) {
        List<LocationId> below = facility.subtree(new LocationId(l.id()));
        if (walk.size() + below.size() > MAX_LOCATIONS) {
          throw tooMany();
        }
        facility.locations(below).values().forEach(x -> walk.put(x.code(), x));
      } else {
        walk.put(l.code(), l);
      }
      if (walk.size() > MAX_LOCATIONS) {
        throw tooMany();
      }
    }
    String assignee = assignee(scope, a.assignee());
    long now = clock.millis();
    long id =
        tx.execute(
            s -> {
              if (requestKey != null) {
                keyLocks.lock(tenant, "cycle_count", requestKey);
                Optional<Long> first = rows.openedUnder(tenant, requestKey);
                if (first.isPresent()) {
                  return -first.get();
                }
              }
              long created =
                  rows.insert(
                      tenant, warehouse, subtree, assignee, requestKey, scope.actor().who(), now);
              rows.insertTasks(tenant, created, List.copyOf(walk.values()));
              return created;
            });
    return new Opened(view(scope, Math.abs(id)), id < 0);
  }

  private static Problem tooMany() {
    return Problem.badRequest(
        "invalid-field",
        "locations",
        "a count covers at most " + MAX_LOCATIONS + " locations: split it into several");
  }

  /** The counter, if named: a user who works for this client. */
  private String assignee(TenantScope scope, String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String who = name.strip();
    boolean works =
        accounts.all().stream()
            .anyMatch(
                u ->
                    u.username().equals(who)
                        && u.enabled()
                        && (u.role().seesAllTenants() || u.tenants().contains(scope.tenantId()))
                        && u.role() != Role.CLIENT);
    if (!works) {
      throw Problem.unprocessable(
          "unknown-assignee",
          "assignee",
          "no enabled user " + who + " works for client " + scope.tenantCode());
    }
    return who;
  }

  CountRows.Count require(TenantScope scope, long id) {
    return rows.find(scope.tenantId(), id)
        .orElseThrow(() -> Problem.notFound("unknown-count", "no count " + id));
  }

  /** The counter's view: locations and whether each is done; nothing of what the books hold. */
  public TaskView task(TenantScope scope, long id) {
    scope.requireWrite();
    CountRows.Count c = require(scope, id);
    List<TaskLocation> locations = new ArrayList<>();
    String next = null;
    for (CountRows.Task t : rows.tasks(c.id())) {
      locations.add(new TaskLocation(t.seq(), t.locationCode(), t.status(), t.scans()));
      if (next == null && t.status().equals("OPEN")) {
        next = t.locationCode();
      }
    }
    return new TaskView(
        c.id(), c.number(), c.warehouse(), c.assignee(), c.status(), next, locations);
  }

  /** The client's counts, oldest first, without their locations and discrepancies. */
  public CursorPage<CountView> list(TenantScope scope, String cursor, int limit) {
    scope.requireRole(Role.SUPERVISOR);
    List<CountRows.Count> found = rows.list(scope.tenantId(), CursorPage.decode(cursor), limit + 1);
    CursorPage<CountRows.Count> page = CursorPage.of(found, limit, CountRows.Count::id);
    return new CursorPage<>(
        page.items().stream().map(c -> CountView.of(c, null, null, null)).toList(), page.next());
  }

  /** The supervisor's view: what the books held, what was counted, every discrepancy. */
  public CountView view(TenantScope scope, long id) {
    scope.requireRole(Role.SUPERVISOR);
    CountRows.Count c = require(scope, id);
    List<CountRows.Task> tasks = rows.tasks(c.id());
    Map<Long, long[]> counted = rows.countedPerTask(c.id());
    Map<Long, Long> firstScans = rows.firstScansPerTask(c.id());
    Map<Long, String> codes = new HashMap<>();
    List<LocationView> locations = new ArrayList<>(tasks.size());
    for (CountRows.Task t : tasks) {
      codes.put(t.id(), t.locationCode());
      long[] n = counted.getOrDefault(t.id(), new long[2]);
      locations.add(
          new LocationView(
              t.seq(),
              t.locationCode(),
              t.status(),
              t.scans(),
              n[0],
              n[1],
              t.expectedUnits(),
              t.expectedQuantity(),
              t.doneBy(),
              t.doneAt() == null ? null : Instant.ofEpochMilli(t.doneAt()),
              t.firstDoneBy(),
              t.recountBy(),
              firstScans.getOrDefault(t.id(), 0L)));
    }
    List<CountRows.Found> found = rows.discrepancies(c.id());
    Map<LocationId, Location> elsewhere =
        facility.locations(
            found.stream()
                .filter(f -> f.recordedLocationId() != null)
                .map(f -> new LocationId(f.recordedLocationId()))
                .toList());
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(),
            found.stream()
                .filter(f -> f.productId() != null)
                .map(f -> new ProductId(f.productId()))
                .toList());
    Map<DiscrepancyKind, Long> summary = new EnumMap<>(DiscrepancyKind.class);
    List<DiscrepancyView> discrepancies = new ArrayList<>(found.size());
    for (CountRows.Found f : found) {
      summary.merge(f.kind(), 1L, Long::sum);
      Location at =
          f.recordedLocationId() == null
              ? null
              : elsewhere.get(new LocationId(f.recordedLocationId()));
      Product p = f.productId() == null ? null : products.get(new ProductId(f.productId()));
      discrepancies.add(
          new DiscrepancyView(
              f.id(),
              codes.get(f.taskId()),
              f.kind(),
              f.correction().name(),
              f.gtin(),
              f.serial(),
              p == null ? null : p.sku(),
              f.lot(),
              f.recordedLot(),
              f.expected(),
              f.counted(),
              at == null ? null : at.code(),
              f.recordedState(),
              f.outcome(),
              f.note()));
    }
    return CountView.of(c, locations, summary, discrepancies);
  }

  /**
   * Approves a counted count: every location closed, the corrections written through the ledger in
   * one transaction with the count as their reason (see {@link Approval}).
   */
  public CountView approve(TenantScope scope, long id, String reason) {
    scope.requireRole(Role.SUPERVISOR);
    CountRows.Count c = require(scope, id);
    requireOpen(c);
    List<String> open =
        rows.tasks(c.id()).stream()
            .filter(t -> t.status().equals("OPEN"))
            .map(CountRows.Task::locationCode)
            .toList();
    if (!open.isEmpty()) {
      throw Problem.conflict(
              "count-unfinished",
              "locations",
              "count " + c.number() + " still has " + open.size() + " location(s) to count")
          .with("open", open);
    }
    List<String> recount =
        rows.tasks(c.id()).stream()
            .filter(t -> t.status().equals("RECOUNT"))
            .map(CountRows.Task::locationCode)
            .toList();
    if (!recount.isEmpty()) {
      throw Problem.conflict(
              "recount-required",
              "locations",
              "count "
                  + c.number()
                  + " has variances above the client's threshold: another counter must recount "
                  + String.join(", ", recount))
          .with("recount", recount);
    }
    long now = clock.millis();
    tx.executeWithoutResult(
        s -> {
          if (!rows.decide(
              scope.tenantId(),
              c.id(),
              "APPROVED",
              scope.actor().who(),
              reason(reason),
              now,
              true)) {
            throw decided(c);
          }
          Map<Long, CountRows.Task> tasks = new LinkedHashMap<>();
          rows.tasks(c.id()).forEach(t -> tasks.put(t.id(), t));
          approval.apply(scope, c, tasks, rows.discrepancies(c.id()));
        });
    return view(scope, id);
  }

  /** Rejects a count: nothing is written to the ledger; the count stays as a record. */
  public CountView reject(TenantScope scope, long id, String reason) {
    scope.requireRole(Role.SUPERVISOR);
    if (reason == null || reason.isBlank()) {
      throw Problem.badRequest("invalid-field", "reason", "say why the count is rejected");
    }
    CountRows.Count c = require(scope, id);
    requireOpen(c);
    if (!rows.decide(
        scope.tenantId(),
        c.id(),
        "REJECTED",
        scope.actor().who(),
        reason(reason),
        clock.millis(),
        false)) {
      throw decided(require(scope, id));
    }
    return view(scope, id);
  }

  private static String reason(String reason) {
    if (reason != null && reason.length() > 1000) {
      throw Problem.badRequest("invalid-field", "reason", "a reason has at most 1000 characters");
    }
    return reason == null || reason.isBlank() ? null : reason.strip();
  }

  private static void requireOpen(CountRows.Count c) {
    if (!c.status().equals("OPEN")) {
      throw decided(c);
    }
  }

  private static Problem decided(CountRows.Count c) {
    return Problem.conflict(
        "count-decided", null, "count " + c.number() + " was decided already: " + c.status());
  }

  /** The hex SHA-256 of an Idempotency-Key (null without one); a key is 1 to 200 characters. */
  private static String requestKey(String idempotencyKey) {
    if (idempotencyKey == null) {
      return null;
    }
    if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw Problem.badRequest(
          "invalid-header", "Idempotency-Key", "an Idempotency-Key has 1 to 200 characters");
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(idempotencyKey.strip().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
