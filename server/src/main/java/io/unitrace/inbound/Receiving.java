package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Ledger;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receiving sessions. Every scan is judged against the receipt's ASN and PO ({@link ScanChecks})
 * and answered at once; whatever is physically taken in goes through the ledger in one event per
 * scan (or per container, or per bulk confirmation), with the PO, the ASN, the vendor, the dock,
 * the operator and the scan text on it. The scan's row in {@code receipt_scan} is written in the
 * same transaction, so the receipt and the ledger never disagree.
 *
 * <p>Concurrency: judging reads, writing relies on the ledger's unique serial index. If two docks
 * take the same serial at the same moment, one registration wins; the other transaction fails on
 * the index, rolls back, and is judged again, now finding the serial: DUPLICATE.
 */
@Service
public class Receiving {

  public record Opening(String dock, String purchaseOrder, String asn, String quarantine) {}

  /**
   * One item as scanned or listed: by scan text, or by its parts. {@code product} is a GTIN scanned
   * before a plain serial. Lot-tracked and untracked goods are received by {@code quantity} (or the
   * scan's count, AI 30; one if neither says).
   */
  public record ScanRequest(
      String scan,
      String product,
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      boolean damaged,
      boolean missing,
      Map<String, String> fields,
      String device,
      Integer quantity) {

    public ScanRequest(String scan) {
      this(scan, null, null, null, null, null, null, false, false, null, null, null);
    }
  }

  /**
   * One judged unit, or quantity of lot or untracked goods ({@code serial} null), as answered and
   * as kept.
   */
  public record Line(
      ScanOutcome outcome,
      String sku,
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      String sscc,
      String location,
      String message,
      int quantity) {}

  public record Counters(int expected, int received) {}

  /**
   * The answer to a scan. {@code kind} is UNIT, CONTAINER (an SSCC received with its announced
   * content; {@code lines} then lists only the exceptions) or PRODUCT (a GTIN without serial:
   * serials typed or scanned next belong to it). {@code outcomes} counts the units by outcome.
   */
  public record ScanAnswer(
      String kind,
      ScanOutcome outcome,
      String message,
      boolean received,
      String product,
      List<Line> lines,
      Map<ScanOutcome, Integer> outcomes,
      Counters counters,
      boolean repeated) {}

  private static final int ATTEMPTS = 10;
  private static final int LISTED_LINES = 200;

  private final ReceiptRows rows;
  private final Ledger ledger;
  private final Catalog catalog;
  private final Facility facility;
  private final TransactionTemplate tx;
  private final Clock clock;

  Receiving(
      ReceiptRows rows,
      Ledger ledger,
      Catalog catalog,
      Facility facility,
      TransactionTemplate tx,
      Clock clock) {
    this.rows = rows;
    this.ledger = ledger;
    this.catalog = catalog;
    this.facility = facility;
    this.tx = tx;
    this.clock = clock;
  }

  public Receipt open(TenantScope scope, Opening o) {
    scope.requireWrite();
    Location dock = facility.require(o.dock(), "dock");
    if (dock.type() != LocationType.DOCK) {
      throw Problem.unprocessable(
          "not-a-dock", "dock", dock.code() + " is a " + dock.type() + " location, not a DOCK");
    }
    Long poId = null;
    Long asnId = null;
    if (o.asn() != null && !o.asn().isBlank()) {
      ReceiptRows.AsnRef asn =
          rows.asn(scope.tenantId(), o.asn().strip())
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-asn",
                          "asn",
                          "client " + scope.tenantCode() + " has no ASN " + o.asn()));
      asnId = asn.id();
      poId = asn.poId();
      if (o.purchaseOrder() != null
          && !o.purchaseOrder().isBlank()
          && !o.purchaseOrder().strip().equals(asn.poNumber())) {
        throw Problem.unprocessable(
            "asn-not-of-po",
            "purchaseOrder",
            "ASN " + o.asn() + " belongs to PO " + asn.poNumber() + ", not " + o.purchaseOrder());
      }
    } else if (o.purchaseOrder() != null && !o.purchaseOrder().isBlank()) {
      poId =
          rows.purchaseOrderId(scope.tenantId(), o.purchaseOrder().strip())
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-purchase-order",
                          "purchaseOrder",
                          "client "
                              + scope.tenantCode()
                              + " has no purchase order "
                              + o.purchaseOrder()));
    }
    Location quarantine = quarantineFor(o.quarantine(), dock);
    long id =
        rows.insertReceipt(
            scope.tenantId(),
            poId,
            asnId,
            dock.id(),
            quarantine == null ? null : quarantine.id(),
            scope.actor().who(),
            clock.millis());
    return require(scope, id);
  }

  public Receipt require(TenantScope scope, long id) {
    return rows.receipt(scope.tenantId(), id)
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-receipt", "client " + scope.tenantCode() + " has no receipt " + id));
  }

  /** The client's receipts, OPEN or CLOSED (null: both), by cursor. */
  public CursorPage<Receipt> receipts(TenantScope scope, String status, String cursor, int limit) {
    String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase();
    if (wanted != null && !wanted.equals("OPEN") && !wanted.equals("CLOSED")) {
      throw Problem.badRequest("invalid-parameter", "status", "status is OPEN or CLOSED");
    }
    List<Receipt> fetched =
        rows.receipts(scope.tenantId(), wanted, CursorPage.decode(cursor), limit + 1);
    return CursorPage.of(fetched, limit, Receipt::id);
  }

  /** The client's open receipts, newest first. */
  public List<Receipt> openReceipts(TenantScope scope, int limit) {
    return rows.openReceipts(scope.tenantId(), limit);
  }

  /** The newest lines of a receipt, newest first. */
  public List<ReceiptScan> lastScans(TenantScope scope, long receiptId, int limit) {
    return rows.lastScans(require(scope, receiptId).id(), limit);
  }

  public Counters counters(Receipt r) {
    return new Counters(r.expected(), rows.receivedCount(r.id()));
  }

  public Map<ScanOutcome, Integer> outcomes(Receipt r) {
    return rows.outcomeCounts(r.id());
  }

  /**
   * Judges one scan and records what it takes in. A repeated request (same key) answers as the
   * first did.
   */
  public ScanAnswer scan(TenantScope scope, long receiptId, ScanRequest s, String idempotencyKey) {
    scope.requireWrite();
    Receipt r = requireOpen(scope, receiptId);
    String key = key(idempotencyKey);
    List<Line> earlier = rows.scansByKey(r.id(), key);
    if (!earlier.isEmpty()) {
      // An SSCC's lines name their cases; a unit or quantity scan's (even one split at the ordered
      // quantity) name none.
      return answer(
          r,
          earlier.stream().anyMatch(l -> l.sscc() != null) ? "CONTAINER" : "UNIT",
          earlier,
          null,
          true);
    }
    if (s == null || (blank(s.scan()) && blank(s.serial()) && blank(s.gtin()))) {
      throw Problem.badRequest(
          "invalid-field",
          "scan",
          "scan is required: the scanned text (or gtin and serial, or gtin and quantity)");
    }
    Gs1Data data = blank(s.scan()) ? null : parsed(s);
    if (data != null && data.sscc().isPresent() && data.gtin().isEmpty()) {
      return container(scope, r, data.sscc().get(), s, key);
    }
    if (data != null && data.gtin().isPresent() && data.serial().isEmpty()) {
      Gtin gtin = data.gtin().get();
      Optional<Product> product = catalog.byGtin(scope.tenantId(), gtin);
      if (product.isEmpty()) {
        return record(scope, r, key, List.of(candidate(s, gtin.value(), null, data)), s, null);
      }
      if (!product.get().tracking().serialized()) {
        return record(scope, r, key, List.of(counted(s, gtin.value(), data, "")), s, null);
      }
      return new ScanAnswer(
          "PRODUCT",
          null,
          product.get().sku() + " selected: scan or type its serials",
          false,
          gtin.value(),
          List.of(),
          Map.of(),
          counters(r),
          false);
    }
    Candidate c;
    if (data != null) {
      c = candidate(s, data.gtin().get().value(), data.serial().get(), data);
    } else {
      String gtin = !blank(s.gtin()) ? s.gtin() : s.product();
      if (blank(s.scan()) && blank(s.serial())) {
        return record(
            scope, r, key, List.of(counted(s, gtinOf(gtin, "gtin").value(), null, "")), s, null);
      }
      if (blank(gtin)) {
        throw Problem.badRequest(
            "product-required",
            "product",
            "a plain serial needs its product: scan the product's GTIN first");
      }
      String serial = blank(s.serial()) ? s.scan().strip() : s.serial().strip();
      c = candidate(s, gtinOf(gtin, blank(s.gtin()) ? "product" : "gtin").value(), serial, null);
    }
    return record(scope, r, key, List.of(c), s, null);
  }

  /**
   * Receives in one call what a conveyor or tunnel reader saw: the listed items, or with none
   * listed, everything the ASN announced that this receipt has not received yet. Same checks as
   * scans, read and written set-based.
   */
  public ScanAnswer confirm(
      TenantScope scope, long receiptId, List<ScanRequest> items, String idempotencyKey) {
    scope.requireWrite();
    Receipt r = requireOpen(scope, receiptId);
    String key = key(idempotencyKey);
    List<Line> earlier = rows.scansByKey(r.id(), key);
    if (!earlier.isEmpty()) {
      return answer(r, "BULK", earlier, null, true);
    }
    List<Candidate> candidates = new ArrayList<>();
    if (items == null || items.isEmpty()) {
      if (r.asnId() == null) {
        throw Problem.badRequest(
            "invalid-field",
            "items",
            "this receipt has no ASN to confirm: list the items received");
      }
      for (ReceiptRows.AnnouncedItem a : rows.pendingItems(r)) {
        candidates.add(
            new Candidate(
                a.gtin(),
                a.serial(),
                a.lot(),
                a.expiry(),
                a.manufactured(),
                a.sscc(),
                null,
                false,
                false,
                Map.of(),
                false,
                a.announcement(),
                a.quantity(),
                ""));
      }
      if (candidates.isEmpty()) {
        throw Problem.conflict(
            "nothing-pending",
            "asn",
            "everything ASN " + r.asnNumber() + " announced is already received on this receipt");
      }
    } else {
      for (int i = 0; i < items.size(); i++) {
        ScanRequest s = items.get(i);
        String at = "items[" + i + "]";
        if (s == null) {
          throw Problem.badRequest("invalid-field", at, "an item is empty");
        }
        if (!blank(s.scan())) {
          Gs1Data data = Scans.parse(s.scan(), at + ".scan");
          if (data.gtin().isEmpty()) {
            throw Problem.badRequest(
                "scan-not-a-unit",
                at + ".scan",
                "the scan " + data.toBracketed() + " names no item: it needs (01)");
          }
          candidates.add(
              data.serial().isPresent()
                  ? candidate(s, data.gtin().get().value(), data.serial().get(), data).at(at + ".")
                  : counted(s, data.gtin().get().value(), data, at + "."));
        } else {
          if (blank(s.gtin())) {
            throw Problem.badRequest(
                "invalid-field",
                at,
                "an item is a scan, a gtin and a serial, or a gtin and a quantity");
          }
          String gtin = gtinOf(s.gtin(), at + ".gtin").value();
          candidates.add(
              blank(s.serial())
                  ? counted(s, gtin, null, at + ".")
                  : candidate(s, gtin, s.serial().strip(), null).at(at + "."));
        }
      }
    }
    return record(scope, r, key, candidates, null, "BULK");
  }

  /**
   * A container built on the dock: its SSCC (allocated from the client's numbering) and what went
   * into it.
   */
  public record Built(String sscc, String kind, String dock, int units) {}

  /**
   * Builds a container on the receipt's dock from units this receipt took in: a new SSCC from the
   * client's numbering, the units packed into it through the ledger. Its label is printed from the
   * receipt's container labels.
   */
  public Built buildContainer(
      TenantScope scope,
      long receiptId,
      String kind,
      List<ScanRequest> units,
      String idempotencyKey) {
    scope.requireWrite();
    Receipt r = requireOpen(scope, receiptId);
    if (units == null || units.isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name the units to put in the container");
    }
    List<UnitRef> refs = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      ScanRequest s = units.get(i);
      String at = "units[" + i + "]";
      if (s == null || (blank(s.scan()) && (blank(s.gtin()) || blank(s.serial())))) {
        throw Problem.badRequest("invalid-field", at, "a unit is a scan, or a gtin and a serial");
      }
      refs.add(
          !blank(s.scan())
              ? Scans.unit(s.scan(), at + ".scan")
              : new UnitRef(
                  gtinOf(s.gtin(), at + ".gtin"),
                  CatalogInput.serial("serial", s.serial().strip())));
    }
    Set<String> here =
        rows.receivedSerials(
            r.id(), refs.stream().map(u -> u.gtin().value() + "|" + u.serial().value()).toList());
    for (int i = 0; i < refs.size(); i++) {
      if (!here.contains(refs.get(i).gtin().value() + "|" + refs.get(i).serial().value())) {
        throw Problem.unprocessable(
            "not-received-here",
            "units[" + i + "]",
            refs.get(i) + " was not received on this receipt");
      }
    }
    String key = key(idempotencyKey);
    Optional<Built> earlier = rows.builtBy(r.id(), key, r.dock());
    if (earlier.isPresent()) {
      return earlier.get();
    }
    return tx.execute(
        t -> {
          var container =
              ledger.createContainer(
                  scope, null, kind == null ? "PALLET" : kind.strip().toUpperCase(), r.dock());
          ledger.pack(
              scope,
              refs,
              container.sscc(),
              new RequestMeta(
                  "receipt:" + r.id() + ":" + key, null, null, null, r.bizTransactions()));
          rows.insertContainer(scope.tenantId(), r.id(), container.id(), key);
          return new Built(container.sscc().value(), container.kind(), r.dock(), refs.size());
        });
  }

  /**
   * Units this receipt took in without a GS1 label of their own (typed or plain serials): they need
   * one printed.
   */
  public List<UnitRef> unitsNeedingLabels(TenantScope scope, long receiptId) {
    return rows.unitsNeedingLabels(require(scope, receiptId).id());
  }

  /** Containers built on the dock during this receipt. */
  public List<Sscc> containersBuilt(TenantScope scope, long receiptId) {
    return rows.containersBuilt(scope.tenantId(), require(scope, receiptId).id());
  }

  /** Closes the receipt: no more scans; the discrepancy report is frozen. */
  public Report close(TenantScope scope, long receiptId) {
    scope.requireWrite();
    return tx.execute(
        t -> {
          Receipt r = requireOpen(scope, receiptId);
          if (!rows.lockForClose(r.id())) {
            throw Problem.conflict(
                "receipt-closed", null, "receipt " + receiptId + " was closed meanwhile");
          }
          Report report = rows.report(r.closed(), counters(r));
          if (!rows.closeReceipt(
              scope.tenantId(), r.id(), scope.actor().who(), clock.millis(), report)) {
            throw Problem.conflict(
                "receipt-closed", null, "receipt " + receiptId + " was closed meanwhile");
          }
          return report;
        });
  }

  /** The discrepancy report: frozen at close, live before. */
  public Report report(TenantScope scope, long receiptId) {
    Receipt r = require(scope, receiptId);
    return r.report() != null ? r.report() : rows.report(r, counters(r));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * An item to judge. {@code sscc} is the case it arrived in (when received by container); {@code
   * announced}: what the ASN says of it, when the candidate was taken from the ASN itself (no
   * look-up needed).
   */
  private record Candidate(
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      Sscc sscc,
      String scan,
      boolean damaged,
      boolean missing,
      Map<String, String> fields,
      boolean needsLabel,
      ScanChecks.Announced announced,
      int quantity,
      String at) {

    /** A quantity of lot-tracked or untracked goods, not a serialized unit. */
    boolean counted() {
      return serial == null;
    }

    Candidate withQuantity(int q) {
      return new Candidate(
          gtin,
          serial,
          lot,
          expiry,
          manufactured,
          sscc,
          scan,
          damaged,
          missing,
          fields,
          needsLabel,
          announced,
          q,
          at);
    }

    /**
     * This item as the {@code prefix} entry of a request ("items[3]."), so that a refusal names it.
     */
    Candidate at(String prefix) {
      return new Candidate(
          gtin,
          serial,
          lot,
          expiry,
          manufactured,
          sscc,
          scan,
          damaged,
          missing,
          fields,
          needsLabel,
          announced,
          quantity,
          prefix);
    }

    /** The request field a refusal about this item names. */
    String field(String name) {
      return at + name;
    }
  }

  /**
   * {@code expiry} as seen (label or ASN); {@code lotExpiry} what the unit is registered with;
   * {@code existing} the unit in stock that makes this item a duplicate (null if none).
   */
  private record Judged(
      Candidate c,
      Product product,
      ScanOutcome outcome,
      String message,
      LocalDate expiry,
      String lot,
      ReceiptRows.Existing existing,
      LocalDate lotExpiry) {}

  private ScanAnswer container(TenantScope scope, Receipt r, Sscc sscc, ScanRequest s, String key) {
    if (r.asnId() == null) {
      throw Problem.unprocessable(
          "unknown-container",
          "scan",
          "container " + sscc + " was not announced: this receipt has no ASN; scan its units");
    }
    List<ReceiptRows.AnnouncedItem> content = rows.announcedIn(r, sscc);
    if (content == null) {
      throw Problem.unprocessable(
          "unknown-container",
          "scan",
          "container "
              + sscc
              + " is not on ASN "
              + r.asnNumber()
              + ": break it down and scan its units");
    }
    List<Candidate> candidates = new ArrayList<>();
    for (ReceiptRows.AnnouncedItem a : content) {
      candidates.add(
          new Candidate(
              a.gtin(),
              a.serial(),
              a.lot(),
              a.expiry(),
              a.manufactured(),
              a.sscc(),
              s.scan(),
              false,
              false,
              Map.of(),
              false,
              a.announcement(),
              a.quantity(),
              ""));
    }
    if (candidates.isEmpty()) {
      throw Problem.conflict(
          "nothing-pending",
          "scan",
          "everything announced in container " + sscc + " is already received on this receipt");
    }
    return record(scope, r, key, candidates, s, "CONTAINER:" + sscc.value());
  }

  /**
   * Judges and writes, again from fresh reads if a concurrent receipt took one of the serials
   * first.
   */
  private ScanAnswer record(
      TenantScope scope,
      Receipt r,
      String key,
      List<Candidate> candidates,
      ScanRequest single,
      String batch) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return tx.execute(t -> write(scope, r, key, candidates, single, batch));
      } catch (Problem p) {
        // Lost races, judged again from fresh reads: a serial or an announced container's SSCC
        // taken by another dock, a unit or
        // stock changed meanwhile.
        if (!List.of(
                "duplicate-serial", "duplicate-sscc", "illegal-transition", "concurrent-change")
            .contains(p.code())) {
          throw p;
        }
        last = p;
      } catch (TransactionException e) {
        last = e;
      } catch (DataAccessException e) {
        // The same request sent twice at once: the twin that committed first answers for both.
        List<Line> twin = Database.isUniqueViolation(e) ? rows.scansByKey(r.id(), key) : List.of();
        if (twin.isEmpty()) {
          throw e;
        }
        return answer(r, kindOf(batch), twin, batch, true);
      }
    }
    throw last;
  }

  private ScanAnswer write(
      TenantScope scope,
      Receipt r,
      String key,
      List<Candidate> candidates,
      ScanRequest single,
      String batch) {
    if (!rows.stillOpen(r.id())) {
      throw Problem.conflict(
          "receipt-closed", null, "receipt " + r.id() + " was closed: open a new one");
    }
    List<Judged> judged = judge(scope, r, candidates);
    List<Ledger.Arrival> arrivals = new ArrayList<>();
    List<Ledger.ArrivingQuantity> quantities = new ArrayList<>();
    List<Ledger.ArrivingContainer> containers = new ArrayList<>();
    for (Judged j : judged) {
      if (j.outcome().received()) {
        Candidate c = j.c();
        Set<Hold> holds = j.outcome().hold() == null ? Set.of() : Set.of(j.outcome().hold());
        boolean quarantined = j.outcome().quarantine() && r.quarantine() != null;
        if (c.counted()) {
          // Counted goods are not packed: what arrives in an announced case lies loose on the dock
          // (ADR 0008).
          quantities.add(
              new Ledger.ArrivingQuantity(
                  c.gtin(),
                  j.lot(),
                  j.lotExpiry(),
                  j.lotExpiry() != null && !j.lotExpiry().equals(j.expiry())
                      ? null
                      : c.manufactured(),
                  c.quantity(),
                  quarantined ? r.quarantine() : r.dock(),
                  holds));
          continue;
        }
        // A unit going to quarantine leaves its case on the dock: it is set aside, not stored with
        // the rest.
        Sscc in = quarantined ? null : c.sscc();
        arrivals.add(
            new Ledger.Arrival(
                new Ledger.NewUnit(
                    c.gtin(),
                    c.serial(),
                    j.lot(),
                    j.lotExpiry(),
                    j.lotExpiry() != null && !j.lotExpiry().equals(j.expiry())
                        ? null
                        : c.manufactured(),
                    c.fields()),
                quarantined ? r.quarantine() : r.dock(),
                in,
                holds));
      }
    }
    if (!arrivals.isEmpty() && batch != null && r.asnId() != null) {
      containers.addAll(
          rows.containersFor(
              r,
              arrivals.stream()
                  .map(Ledger.Arrival::container)
                  .filter(x -> x != null)
                  .distinct()
                  .toList()));
    }
    Long eventId = null;
    String device = single == null ? null : single.device();
    String scanText = single == null ? null : single.scan();
    if (!arrivals.isEmpty() || !quantities.isEmpty()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("receipt", r.id());
      if (r.vendor() != null) {
        details.put("vendor", r.vendor());
      }
      eventId =
          ledger
              .receive(
                  scope,
                  new Ledger.Arrivals(r.dock(), arrivals, quantities, containers, details),
                  new RequestMeta(
                      "receipt:" + r.id() + ":" + key, null, device, scanText, r.bizTransactions()))
              .eventId();
    }
    for (int i = 0; i < judged.size(); i++) {
      Judged j = judged.get(i);
      if (j.outcome() == ScanOutcome.DUPLICATE && j.existing() != null) {
        suspect(scope, r, key, j);
      } else if (j.outcome() == ScanOutcome.MARKED_DAMAGED
          || j.outcome() == ScanOutcome.NOT_FOUND) {
        // Each correction is an event of its own, under its own key: one request may carry several,
        // beside its receipt event.
        correct(scope, r, key + ":correction:" + i, j, device);
      }
    }
    List<Line> lines = new ArrayList<>(judged.size());
    for (Judged j : judged) {
      String location =
          j.outcome().received() || j.outcome() == ScanOutcome.DUPLICATE
              ? (j.outcome().quarantine() && r.quarantine() != null ? r.quarantine() : r.dock())
              : null;
      String message =
          j.c().counted() && j.product() != null
              ? j.c().quantity()
                  + " × "
                  + j.product().sku()
                  + (j.lot() == null ? "" : " lot " + j.lot())
                  + ": "
                  + j.message()
              : j.message();
      lines.add(
          new Line(
              j.outcome(),
              j.product() == null ? null : j.product().sku(),
              j.c().gtin(),
              j.c().serial(),
              j.lot(),
              j.expiry(),
              j.c().sscc() == null ? null : j.c().sscc().value(),
              location,
              message,
              j.c().quantity()));
    }
    List<ReceiptRows.ScanRow> kept = new ArrayList<>(judged.size());
    for (int i = 0; i < judged.size(); i++) {
      Judged j = judged.get(i);
      kept.add(
          new ReceiptRows.ScanRow(
              lines.get(i),
              j.product() == null ? null : j.product().id(),
              j.existing() == null ? null : j.existing().id(),
              j.c().scan(),
              j.c().needsLabel() && j.outcome().received()));
    }
    rows.insertScans(
        scope.tenantId(), r.id(), key, kept, eventId, scope.actor().who(), device, clock.millis());
    Map<Long, int[]> deltas = new HashMap<>();
    for (Judged j : judged) {
      int sign =
          j.outcome().received()
              ? j.c().quantity()
              : j.outcome() == ScanOutcome.NOT_FOUND ? -j.c().quantity() : 0;
      if (sign != 0 && j.product() != null) {
        boolean counts =
            j.outcome() != ScanOutcome.WRONG_PRODUCT && j.outcome() != ScanOutcome.OVER_QUANTITY;
        int[] d = deltas.computeIfAbsent(j.product().id(), x -> new int[2]);
        d[0] += sign;
        d[1] += counts ? sign : 0;
      }
    }
    rows.tally(scope.tenantId(), r.id(), deltas);
    return answer(r, kindOf(batch), lines, batch, false);
  }

  private void suspect(TenantScope scope, Receipt r, String key, Judged j) {
    UnitRef ref = new UnitRef(new Gtin(j.c().gtin()), new Serial(j.c().serial()));
    if (!j.existing().state().terminal() && (j.existing().holds() & Hold.SUSPECT.bit()) == 0) {
      ledger.placeHold(
          scope,
          ref,
          Hold.SUSPECT,
          "the same serial was scanned again at receipt " + r.id() + " on " + r.dock(),
          new RequestMeta(
              "receipt:" + r.id() + ":" + key + ":suspect:" + j.c().gtin() + ":" + j.c().serial(),
              null,
              null,
              j.c().scan(),
              r.bizTransactions()));
    }
  }

  /**
   * An exception scan inside a container received as a whole corrects what was inferred for one
   * unit.
   */
  private void correct(TenantScope scope, Receipt r, String key, Judged j, String device) {
    if (j.c().counted()) {
      ledger.adjustStock(
          scope,
          new Ledger.StockAdjustment(
              j.c().gtin(),
              j.lot(),
              null,
              r.dock(),
              Ledger.Adjustment.LOST,
              j.c().quantity(),
              "announced but not found at receipt " + r.id() + " on " + r.dock()),
          new RequestMeta(
              "receipt:" + r.id() + ":" + key, null, device, j.c().scan(), r.bizTransactions()));
      return;
    }
    UnitRef ref = new UnitRef(new Gtin(j.c().gtin()), new Serial(j.c().serial()));
    RequestMeta meta =
        new RequestMeta(
            "receipt:" + r.id() + ":" + key, null, device, j.c().scan(), r.bizTransactions());
    if (j.outcome() == ScanOutcome.MARKED_DAMAGED) {
      ledger.placeHold(
          scope, ref, Hold.DAMAGED, "found damaged at receipt " + r.id() + " on " + r.dock(), meta);
    } else {
      ledger.adjust(
          scope,
          ref,
          Ledger.Adjustment.LOST,
          "announced but not found at receipt " + r.id() + " on " + r.dock(),
          null,
          meta);
    }
  }

  /**
   * Reads the facts for all candidates in bulk, then applies the rules in order. A quantity that
   * runs past what the PO still has open is split: the part within the order is judged as usual,
   * the rest is OVER_QUANTITY.
   */
  private List<Judged> judge(TenantScope scope, Receipt r, List<Candidate> candidates) {
    long tenant = scope.tenantId();
    LocalDate today = LocalDate.now(clock);
    Map<String, Optional<Product>> products = new HashMap<>();
    List<String> keys =
        candidates.stream()
            .filter(c -> c.serial() != null)
            .map(c -> c.gtin() + "|" + c.serial())
            .toList();
    List<String> scoped = new ArrayList<>(keys.size());
    boolean anyCounted = false;
    for (Candidate c : candidates) {
      Product p =
          products.computeIfAbsent(c.gtin(), g -> catalog.byGtin(tenant, new Gtin(g))).orElse(null);
      if (p != null && c.serial() != null) {
        scoped.add(p.serialScopeKey(new Gtin(c.gtin())) + "|" + c.serial());
      }
      if (p != null && p.tracking().serialized() == c.counted()) {
        throw c.counted()
            ? Problem.badRequest(
                "serial-required",
                c.field("serial"),
                p.sku() + " is tracked by serial: scan each unit's serial, not a quantity")
            : Problem.unprocessable(
                "not-serialized",
                c.field("scan"),
                p.sku()
                    + " is tracked by "
                    + p.tracking()
                    + ", not by serial: receive it by quantity (its GTIN"
                    + (p.tracking().lotted() ? " and lot" : "")
                    + " and how many)");
      }
      anyCounted |= c.counted();
    }
    Set<String> receivedHere = rows.receivedSerials(r.id(), keys);
    Map<String, ReceiptRows.Existing> existing = rows.existingUnits(tenant, scoped);
    List<String> unknown =
        candidates.stream()
            .filter(c -> c.serial() != null && c.announced() == null)
            .map(c -> c.gtin() + "|" + c.serial())
            .toList();
    Map<String, ScanChecks.Announced> announced =
        r.asnId() == null || unknown.isEmpty() ? Map.of() : rows.announced(r.asnId(), unknown);
    Map<String, List<ScanChecks.Announced>> announcedLots =
        r.asnId() == null || !anyCounted ? Map.of() : rows.announcedLots(r.asnId());
    Map<String, Long> countedHere = anyCounted ? rows.receivedQuantities(r.id()) : Map.of();
    Map<String, Long> foundMissing =
        anyCounted ? new HashMap<>(rows.missingQuantities(r.id())) : new HashMap<>();
    Map<String, Long> announcedTotals =
        r.asnId() == null || !anyCounted ? Map.of() : rows.announcedQuantities(r.asnId());
    Map<String, Long> takenNow = new HashMap<>();
    // A lot's expiry, looked up once per request and lot, not once per item of a bulk confirmation.
    Map<String, Optional<LocalDate>> lotExpiries = new HashMap<>();
    Map<Long, Integer> ordered = r.poId() == null ? Map.of() : rows.ordered(r.poId());
    Map<Long, Integer> receivedForPo =
        r.poId() == null ? new HashMap<>() : rows.receivedForPo(r.poId());
    Set<String> seen = new HashSet<>();
    List<Judged> out = new ArrayList<>(candidates.size());
    for (Candidate whole : candidates) {
      Product p = products.get(whole.gtin()).orElse(null);
      Integer orderedQty =
          r.poId() == null
              ? null
              : p == null ? Integer.valueOf(0) : ordered.getOrDefault(p.id(), 0);
      Deque<Part> parts = new ArrayDeque<>();
      split(whole, orderedQty, p == null ? 0 : receivedForPo.getOrDefault(p.id(), 0))
          .forEach(c -> parts.add(new Part(c, false)));
      while (!parts.isEmpty()) {
        Part part = parts.removeFirst();
        Candidate c = part.c();
        String k = c.gtin() + "|" + c.serial();
        String lot = c.lot() != null ? c.lot() : c.announced() == null ? null : c.announced().lot();
        boolean here;
        ScanChecks.Announced a;
        if (c.counted()) {
          if (p != null && p.tracking().lotted() && lot == null) {
            throw Problem.badRequest(
                "lot-required",
                c.field("lot"),
                p.sku() + " is tracked by lot: scan the label with its lot (10), or name the lot");
          }
          if (p != null && !p.tracking().lotted() && lot != null) {
            throw Problem.badRequest(
                "not-lot-tracked",
                c.field(c.scan() == null ? "lot" : "scan"),
                p.sku()
                    + " is not tracked by lot, but the "
                    + (c.scan() == null ? "item names" : "label carries")
                    + " lot "
                    + lot
                    + ": check the product's tracking in the catalog");
          }
          long taken =
              countedHere.getOrDefault(c.gtin() + "|" + lot, 0L)
                  - foundMissing.getOrDefault(c.gtin() + "|" + lot, 0L);
          if (c.missing() && taken < c.quantity()) {
            throw Problem.conflict(
                "not-received-here",
                c.field("quantity"),
                "this receipt took in "
                    + taken
                    + " of "
                    + c.gtin()
                    + (lot == null ? "" : " lot " + lot)
                    + ": only what it took in can be reported not found");
          }
          here = c.missing();
          a =
              part.beyondAsn()
                  ? null
                  : c.announced() != null
                      ? c.announced()
                      : announcedLot(announcedLots.get(c.gtin()), lot);
          String lk = c.gtin() + "|" + lot;
          if (!c.missing() && a != null && Objects.equals(a.lot(), lot)) {
            // More of a lot than the ASN announces (and the receipt has not had yet) is not on the
            // ASN, as an unannounced serial is not.
            long open =
                announcedTotals.getOrDefault(lk, 0L)
                    - countedHere.getOrDefault(lk, 0L)
                    - takenNow.getOrDefault(lk, 0L);
            if (c.quantity() > open) {
              if (open > 0) {
                parts.addFirst(new Part(c.withQuantity((int) (c.quantity() - open)), true));
                c = c.withQuantity((int) open);
              } else {
                a = null;
              }
            }
          }
        } else {
          if (c.missing() && !receivedHere.contains(k)) {
            throw Problem.conflict(
                "not-received-here",
                c.field("scan"),
                "serial "
                    + c.serial()
                    + " was not received on this receipt: only a unit it took in "
                    + "can be reported not found");
          }
          here = receivedHere.contains(k) || !seen.add(k);
          a = c.announced() != null ? c.announced() : announced.get(k);
          lot = c.lot() != null ? c.lot() : a == null ? null : a.lot();
        }
        ReceiptRows.Existing e =
            p == null || c.counted()
                ? null
                : existing.get(p.serialScopeKey(new Gtin(c.gtin())) + "|" + c.serial());
        LocalDate expiry = c.expiry() != null ? c.expiry() : a == null ? null : a.expiry();
        final String lotCode = lot;
        LocalDate lotExpiry =
            p == null || lot == null || !p.tracking().lotted()
                ? null
                : lotExpiries
                    .computeIfAbsent(
                        p.id() + "|" + lotCode,
                        x -> catalog.findLot(tenant, p.id(), lotCode).map(Lot::expiresOn))
                    .orElse(null);
        if (expiry == null) {
          expiry = lotExpiry;
        }
        int before = p == null ? 0 : receivedForPo.getOrDefault(p.id(), 0);
        ScanChecks.Verdict v =
            ScanChecks.judge(
                new ScanChecks.Facts(
                    p != null,
                    p == null ? null : p.sku(),
                    here,
                    e == null ? null : e.state(),
                    r.poId() != null,
                    orderedQty,
                    before,
                    r.asnId() != null,
                    a,
                    c.lot(),
                    c.expiry() != null ? c.expiry() : expiry,
                    p == null ? null : p.minShelfLifeDays(),
                    c.damaged(),
                    c.missing(),
                    today,
                    lotExpiry));
        if (v.outcome().received()
            && p != null
            && v.outcome() != ScanOutcome.WRONG_PRODUCT
            && v.outcome() != ScanOutcome.OVER_QUANTITY) {
          receivedForPo.merge(p.id(), c.quantity(), Integer::sum);
        }
        if (c.counted() && v.outcome().received()) {
          takenNow.merge(c.gtin() + "|" + lot, (long) c.quantity(), Long::sum);
        } else if (c.counted() && v.outcome() == ScanOutcome.NOT_FOUND) {
          foundMissing.merge(c.gtin() + "|" + lot, (long) c.quantity(), Long::sum);
        }
        // A lot already known keeps its expiry: a label that contradicts it is an exception, not a
        // new date for the lot.
        out.add(
            new Judged(
                c,
                p,
                v.outcome(),
                v.message(),
                expiry,
                lot,
                e == null || e.state() == UnitState.EXPECTED ? null : e,
                lotExpiry != null ? lotExpiry : expiry));
      }
    }
    return out;
  }

  /**
   * A candidate, or part of one; {@code beyondAsn}: the part of a quantity past what the ASN
   * announced of its lot.
   */
  private record Part(Candidate c, boolean beyondAsn) {}

  /** A quantity within what the PO still has open, and the rest beyond it; anything else whole. */
  private static List<Candidate> split(Candidate c, Integer ordered, int receivedBefore) {
    if (!c.counted()
        || c.missing()
        || ordered == null
        || ordered == 0
        || receivedBefore >= ordered
        || receivedBefore + c.quantity() <= ordered) {
      return List.of(c);
    }
    int within = ordered - receivedBefore;
    return List.of(c.withQuantity(within), c.withQuantity(c.quantity() - within));
  }

  /**
   * What the ASN announced of a counted product's lot: the line with that lot, or, if the product
   * is announced only with other lots, one of those (so the check finds the lot differs); null if
   * the ASN does not announce the product at all.
   */
  private static ScanChecks.Announced announcedLot(List<ScanChecks.Announced> lots, String lot) {
    if (lots == null || lots.isEmpty()) {
      return null;
    }
    return lots.stream().filter(a -> Objects.equals(a.lot(), lot)).findFirst().orElse(lots.get(0));
  }

  /**
   * What a request was: a unit scan (no batch), an SSCC ("CONTAINER:<sscc>") or a bulk
   * confirmation.
   */
  private static String kindOf(String batch) {
    return batch == null ? "UNIT" : batch.startsWith("CONTAINER") ? "CONTAINER" : "BULK";
  }

  private ScanAnswer answer(
      Receipt r, String kind, List<Line> lines, String batch, boolean repeated) {
    Map<ScanOutcome, Integer> counts = new EnumMap<>(ScanOutcome.class);
    lines.forEach(l -> counts.merge(l.outcome(), l.quantity(), Integer::sum));
    boolean single = lines.size() == 1 && "UNIT".equals(kind);
    List<Line> listed =
        single
            ? lines
            : lines.stream().filter(l -> l.outcome().exception()).limit(LISTED_LINES).toList();
    ScanOutcome outcome =
        single
            ? lines.get(0).outcome()
            : counts.keySet().stream()
                .filter(ScanOutcome::exception)
                .findFirst()
                .orElse(ScanOutcome.RECEIVED);
    int taken = lines.stream().mapToInt(l -> l.outcome().received() ? l.quantity() : 0).sum();
    int all = lines.stream().mapToInt(Line::quantity).sum();
    String message =
        single
            ? lines.get(0).message()
            : (batch != null && batch.startsWith("CONTAINER:")
                    ? "container " + batch.substring(10) + ": "
                    : "")
                + taken
                + " of "
                + all
                + " units received"
                + (counts.size() > 1 || outcome != ScanOutcome.RECEIVED
                    ? ", " + summary(counts)
                    : "");
    return new ScanAnswer(
        kind,
        outcome,
        message,
        taken > 0,
        lines.isEmpty() ? null : lines.get(0).gtin(),
        listed,
        counts,
        counters(r),
        repeated);
  }

  private static String summary(Map<ScanOutcome, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (o, n) -> {
          if (o.exception()) {
            parts.add(n + " " + o.name().toLowerCase().replace('_', ' '));
          }
        });
    return String.join(", ", parts);
  }

  private Receipt requireOpen(TenantScope scope, long id) {
    Receipt r = require(scope, id);
    if (!r.open()) {
      throw Problem.conflict(
          "receipt-closed", null, "receipt " + id + " is closed: open a new one");
    }
    return r;
  }

  private Location quarantineFor(String code, Location dock) {
    if (code != null && !code.isBlank()) {
      Location q = facility.require(code, "quarantine");
      if (q.type() != LocationType.QUARANTINE) {
        throw Problem.unprocessable(
            "not-a-quarantine",
            "quarantine",
            q.code() + " is a " + q.type() + " location, not QUARANTINE");
      }
      return q;
    }
    return rows.firstQuarantine(dock.warehouse()).flatMap(facility::byId).orElse(null);
  }

  private static Candidate candidate(ScanRequest s, String gtin, String serial, Gs1Data data) {
    String lot =
        data != null && data.lot().isPresent()
            ? data.lot().get()
            : blank(s.lot()) ? null : s.lot().strip();
    LocalDate expiry = data != null && data.expiry().isPresent() ? data.expiry().get() : s.expiry();
    LocalDate made =
        data != null && data.productionDate().isPresent()
            ? data.productionDate().get()
            : s.manufactured();
    // Typed, or read off a plain barcode: the unit carries no GS1 label of its own, so it gets one
    // printed.
    boolean needsLabel = data == null;
    return new Candidate(
        gtin,
        serial,
        lot,
        expiry,
        made,
        null,
        s.scan(),
        s.damaged(),
        s.missing(),
        s.fields() == null ? Map.of() : s.fields(),
        needsLabel,
        null,
        1,
        "");
  }

  /** The most one scan or listed item receives of counted goods. */
  static final int MAX_QUANTITY = 1_000_000;

  /**
   * A quantity of lot-tracked or untracked goods: the scan's count (AI 30), else the request's
   * quantity, else one.
   */
  private static Candidate counted(ScanRequest s, String gtin, Gs1Data data, String at) {
    Integer quantity =
        data != null && data.count().isPresent()
            ? Integer.valueOf(data.count().getAsInt())
            : s.quantity();
    int q = quantity == null ? 1 : quantity;
    if (q < 1 || q > MAX_QUANTITY) {
      throw Problem.badRequest(
          "invalid-field", at + "quantity", "a quantity is 1 to " + MAX_QUANTITY + ", not " + q);
    }
    if (!blank(s.serial())) {
      throw Problem.badRequest("invalid-field", at + "serial", "a quantity has no serial");
    }
    return candidate(s, gtin, null, data).withQuantity(q).at(at);
  }

  /**
   * The scan as GS1 data, or null for a plain serial. After a product scan, digits alone may be a
   * serial that happens to read as GS1 (a bare GTIN, or raw AIs), so only unmistakable GS1 counts
   * then: brackets, a symbology identifier, a Digital Link, or raw data with a GS separator.
   */
  private static Gs1Data parsed(ScanRequest s) {
    boolean context = !blank(s.product()) || !blank(s.gtin());
    try {
      Gs1Data data = Scans.parse(s.scan(), "scan");
      boolean unmistakable =
          switch (data.form()) {
            case BRACKETED, AIM_GS1, DIGITAL_LINK -> true;
            case RAW -> s.scan().indexOf('\u001d') >= 0 || s.scan().contains("\\x1d");
            default -> false;
          };
      return context && !unmistakable ? null : data;
    } catch (Problem p) {
      if (context) {
        return null;
      }
      throw p;
    }
  }

  private static Gtin gtinOf(String text, String field) {
    try {
      return Gtin.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", field, e.getMessage());
    }
  }

  private static String key(String idempotencyKey) {
    String key =
        idempotencyKey == null || idempotencyKey.isBlank()
            ? "auto:" + UUID.randomUUID()
            : idempotencyKey.strip();
    if (key.length() > 80) {
      throw Problem.badRequest(
          "invalid-header", "Idempotency-Key", "an Idempotency-Key has at most 80 characters here");
    }
    return key;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
