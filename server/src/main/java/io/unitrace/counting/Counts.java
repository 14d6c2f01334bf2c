package io.unitrace.counting;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.counting.domain.CountScope;
import io.unitrace.counting.domain.DiscrepancyKind;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cycle counts once opened ({@link CountOpening}): what the counter sees, the supervisor's view,
 * the open counts a counter may take, and the decision. Counted blind ({@link Counting}: the
 * counter sees locations, never what the books hold), each location reconciled when its counter
 * closes it (ADR 0019), then approved — the corrections written through the ledger ({@link
 * Approval}) — or rejected, writing nothing.
 */
@Service
public class Counts {

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
      List<DiscrepancyView> discrepancies,
      String planCode,
      String abcClass,
      List<CountedSku> counts) {

    public CountView(
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
      this(
          id,
          number,
          warehouse,
          subtree,
          assignee,
          status,
          createdBy,
          createdAt,
          decidedBy,
          decidedAt,
          decisionReason,
          locations,
          summary,
          discrepancies,
          null,
          null,
          List.of());
    }

    /** The count as stored, with its locations and discrepancies (null in a list). */
    static CountView of(
        CountRows.Count c,
        List<LocationView> locations,
        Map<DiscrepancyKind, Long> summary,
        List<DiscrepancyView> discrepancies) {
      return of(c, locations, summary, discrepancies, List.of());
    }

    /** The count as stored, with what it counts ({@code counts} empty: its locations' all). */
    static CountView of(
        CountRows.Count c,
        List<LocationView> locations,
        Map<DiscrepancyKind, Long> summary,
        List<DiscrepancyView> discrepancies,
        List<CountedSku> counts) {
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
          discrepancies,
          c.planCode(),
          c.abcClass(),
          counts);
    }
  }

  /** A SKU a count by SKU or lot counts ({@code lot} null: every lot of it). */
  public record CountedSku(String sku, String lot) {}

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
      List<TaskLocation> locations,
      List<CountedSku> counts) {

    public TaskView(
        long id,
        String number,
        String warehouse,
        String assignee,
        String status,
        String next,
        List<TaskLocation> locations) {
      this(id, number, warehouse, assignee, status, next, locations, List.of());
    }
  }

  public record TaskLocation(int seq, String location, String status, int scans) {}

  private final CountRows rows;
  private final Approval approval;
  private final Facility facility;
  private final Catalog catalog;
  private final TransactionTemplate tx;
  private final Clock clock;

  Counts(
      CountRows rows,
      Approval approval,
      Facility facility,
      Catalog catalog,
      TransactionTemplate tx,
      Clock clock) {
    this.rows = rows;
    this.approval = approval;
    this.facility = facility;
    this.catalog = catalog;
    this.tx = tx;
    this.clock = clock;
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
        c.id(),
        c.number(),
        c.warehouse(),
        c.assignee(),
        c.status(),
        next,
        locations,
        countedSkus(scope.tenantId(), c.id()));
  }

  /** An open count and how many of its locations are closed, for a counter to pick. */
  public record OpenCount(
      long id, String number, String warehouse, String assignee, int done, int total) {}

  /**
   * The open counts a counter may take, oldest first: those assigned to the user or to nobody, the
   * user's first; a supervisor sees every open count. At most {@code limit}.
   */
  public List<OpenCount> openFor(TenantScope scope, int limit) {
    scope.requireWrite();
    boolean supervises = scope.actor().role().atLeast(Role.SUPERVISOR);
    return rows.open(scope.tenantId(), supervises ? null : scope.actor().username(), limit);
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
    return CountView.of(
        c, locations, summary, discrepancies, countedSkus(scope.tenantId(), c.id()));
  }

  /** What a count by SKU or lot counts, by SKU; empty for a count of locations. */
  private List<CountedSku> countedSkus(long tenantId, long countId) {
    List<CountRows.CountedProduct> counted = rows.products(countId);
    if (counted.isEmpty()) {
      return List.of();
    }
    Map<ProductId, Product> products =
        catalog.products(
            tenantId, counted.stream().map(p -> new ProductId(p.productId())).toList());
    List<CountedSku> out = new ArrayList<>(counted.size());
    for (CountRows.CountedProduct p : counted) {
      Product product = products.get(new ProductId(p.productId()));
      out.add(new CountedSku(product == null ? null : product.sku(), p.lot()));
    }
    out.sort(
        Comparator.comparing(CountedSku::sku, Comparator.nullsLast(Comparator.naturalOrder())));
    return out;
  }

  /**
   * What a count counts, as far as these products go ({@code products} the ids of what was found or
   * is recorded in one location): everything for a count of locations; for a count by SKU or lot,
   * those of them it counts — reading only what one location needs, however many SKUs a plan's
   * count has.
   */
  CountScope scopeOf(long tenantId, long countId, Collection<Long> productIds) {
    if (!rows.byProduct(countId)) {
      return CountScope.everything();
    }
    List<CountRows.CountedProduct> counted =
        productIds.isEmpty() ? List.of() : rows.products(countId, productIds);
    Map<ProductId, Product> products =
        catalog.products(
            tenantId, counted.stream().map(p -> new ProductId(p.productId())).toList());
    List<CountScope.Product> in = new ArrayList<>(counted.size() + 1);
    for (CountRows.CountedProduct p : counted) {
      Product product = products.get(new ProductId(p.productId()));
      List<String> gtins =
          product == null ? List.of() : product.gtins().stream().map(Gtin::value).toList();
      in.add(new CountScope.Product(p.productId(), gtins, p.lot()));
    }
    return CountScope.only(in);
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
}
