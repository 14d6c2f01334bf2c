package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receiving sessions: open, scan, confirm, build containers, close, report. Every scan is judged
 * against the receipt's ASN and PO and answered at once; whatever is physically taken in goes
 * through the ledger in one event per scan (or per container, or per bulk confirmation), with the
 * PO, the ASN, the vendor, the dock, the operator and the scan text on it (ADR 0007).
 *
 * <p>This class is the facade that wires the pipeline; each step is a class of its own:
 *
 * <ol>
 *   <li>{@link ScanReading} reads a scan or a listed item into a {@link Candidate} (pure);
 *   <li>{@link FactGathering} reads everything the candidates are judged on, in bulk, into one
 *       {@link ReceiptFacts};
 *   <li>{@link Judging} judges them, splitting quantities and keeping the request's own
 *       bookkeeping, by the rules of {@link ScanChecks} (pure);
 *   <li>{@link Booking} writes the verdicts ({@link Judged}) to the ledger and the receipt in one
 *       transaction, judging again from fresh reads after a lost race;
 *   <li>{@link ScanAnswers} words the answer, {@link DiscrepancyReport} the report (pure).
 * </ol>
 */
@Service
public class Receiving {

  public record Opening(String dock, String purchaseOrder, String asn, String quarantine) {}

  /**
   * One item as scanned or listed: by scan text, or by its parts. {@code product} is a GTIN scanned
   * before a plain serial. Lot-tracked and untracked goods are received by {@code quantity} (or the
   * scan's count, AI 30; one if neither says). {@code vendorLot} is the supplier's own lot, where
   * the label names one the site does not record as its lot.
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
      Integer quantity,
      String vendorLot) {

    public ScanRequest(String scan) {
      this(scan, null, null, null, null, null, null, false, false, null, null, null, null);
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

  /**
   * A receipt's running counts. {@code received}: everything taken in, exceptions included; {@code
   * asExpected}: what was received as announced or ordered (taken in without an exception, less
   * what a correction found missing), the figure to hold against {@code expected}; {@code
   * exceptions}: per section of the discrepancy report (over, unexpected, damaged, suspect,
   * quality, short), the quantity the scans so far put there.
   */
  public record Counters(
      int expected, int received, int asExpected, Map<String, Integer> exceptions) {

    /** The counts from the receipt's tally and its exception scans' quantities per outcome. */
    static Counters of(int expected, int received, Map<ScanOutcome, Integer> exceptions) {
      int takenInWithException = 0;
      Map<String, Integer> bySection = new LinkedHashMap<>();
      for (var e : exceptions.entrySet()) {
        ScanOutcome o = e.getKey();
        if (o == ScanOutcome.RECEIVED || o == ScanOutcome.REPEAT) {
          continue;
        }
        if (o.received()) {
          takenInWithException += e.getValue();
        }
        bySection.merge(DiscrepancyReport.section(o), e.getValue(), Integer::sum);
      }
      return new Counters(expected, received, received - takenInWithException, bySection);
    }
  }

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

  private final ReceiptRows rows;
  private final Announcements announcements;
  private final Booking booking;
  private final Containers containers;
  private final Catalog catalog;
  private final Facility facility;
  private final TransactionTemplate tx;
  private final Clock clock;

  Receiving(
      ReceiptRows rows,
      Announcements announcements,
      Booking booking,
      Containers containers,
      Catalog catalog,
      Facility facility,
      TransactionTemplate tx,
      Clock clock) {
    this.rows = rows;
    this.announcements = announcements;
    this.booking = booking;
    this.containers = containers;
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
    return booking.counters(r);
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
    String key = ScanReading.requestKey(idempotencyKey);
    List<Line> earlier = rows.scansByKey(r.id(), key);
    if (!earlier.isEmpty()) {
      return ScanAnswers.of(
          ScanAnswers.kindOfRepeatedScan(earlier), earlier, null, true, counters(r));
    }
    ScanReading.Read read = ScanReading.scan(s);
    if (read instanceof ScanReading.Container c) {
      return container(scope, r, c.sscc(), s, key);
    }
    if (read instanceof ScanReading.ProductScan ps) {
      Optional<Product> product = catalog.byGtin(scope.tenantId(), ps.gtin());
      if (product.isEmpty()) {
        return booking.book(scope, r, key, List.of(ps.unidentified()), s, Batch.SCAN);
      }
      if (!product.get().tracking().serialized()) {
        return booking.book(scope, r, key, List.of(ps.counted()), s, Batch.SCAN);
      }
      return ScanAnswers.productSelected(product.get().sku(), ps.gtin().value(), counters(r));
    }
    return booking.book(
        scope, r, key, List.of(((ScanReading.Item) read).candidate()), s, Batch.SCAN);
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
    String key = ScanReading.requestKey(idempotencyKey);
    List<Line> earlier = rows.scansByKey(r.id(), key);
    if (!earlier.isEmpty()) {
      return ScanAnswers.of("BULK", earlier, null, true, counters(r));
    }
    List<Candidate> candidates;
    if (items == null || items.isEmpty()) {
      if (r.asnId() == null) {
        throw Problem.badRequest(
            "invalid-field",
            "items",
            "this receipt has no ASN to confirm: list the items received");
      }
      candidates =
          announcements.pending(r).stream().map(a -> Candidate.announced(a, null)).toList();
      if (candidates.isEmpty()) {
        throw Problem.conflict(
            "nothing-pending",
            "asn",
            "everything ASN " + r.asnNumber() + " announced is already received on this receipt");
      }
    } else {
      candidates = ScanReading.listed(items);
    }
    return booking.book(scope, r, key, candidates, null, Batch.BULK);
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
    List<UnitRef> refs = ScanReading.units(units);
    List<SerialOf> serials =
        refs.stream().map(u -> new SerialOf(u.gtin().value(), u.serial().value())).toList();
    Set<SerialOf> here = rows.receivedSerials(r.id(), serials);
    for (int i = 0; i < refs.size(); i++) {
      if (!here.contains(serials.get(i))) {
        throw Problem.unprocessable(
            "not-received-here",
            "units[" + i + "]",
            refs.get(i) + " was not received on this receipt");
      }
    }
    String key = ScanReading.requestKey(idempotencyKey);
    Optional<Built> earlier = rows.builtBy(r.id(), key, r.dock());
    if (earlier.isPresent()) {
      return earlier.get();
    }
    return tx.execute(
        t -> {
          var container =
              containers.create(
                  scope, null, kind == null ? "PALLET" : kind.strip().toUpperCase(), r.dock());
          containers.pack(
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
          Report report = reportOf(r.closed(), counters(r));
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
    return r.report() != null ? r.report() : reportOf(r, counters(r));
  }

  // ---------------------------------------------------------------------------------------------

  /** The discrepancy report as of now, from the receipt's rows. */
  private Report reportOf(Receipt r, Counters counters) {
    List<Report.Line> shortLines =
        r.asnId() != null
            ? DiscrepancyReport.shortOfAsn(
                rows.missingSerials(r),
                rows.countedSkus(r.asnId()),
                announcements.pendingQuantities(r))
            : r.poId() != null
                ? DiscrepancyReport.shortOfPo(
                    rows.orderedLines(r.poId()),
                    rows.receivedForPo(r.poId()),
                    rows.notFoundByProduct(r.id()))
                : List.of();
    return DiscrepancyReport.of(r, counters, shortLines, rows.exceptions(r.id()));
  }

  /** An announced container: everything announced in it that this receipt has not received yet. */
  private ScanAnswer container(TenantScope scope, Receipt r, Sscc sscc, ScanRequest s, String key) {
    if (r.asnId() == null) {
      throw Problem.unprocessable(
          "unknown-container",
          "scan",
          "container " + sscc + " was not announced: this receipt has no ASN; scan its units");
    }
    List<AnnouncedItem> content = announcements.pendingIn(r, sscc);
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
    List<Candidate> candidates =
        content.stream().map(a -> Candidate.announced(a, s.scan())).toList();
    if (candidates.isEmpty()) {
      throw Problem.conflict(
          "nothing-pending",
          "scan",
          "everything announced in container " + sscc + " is already received on this receipt");
    }
    return booking.book(scope, r, key, candidates, s, Batch.container(sscc));
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
    return facility.ofType(dock.warehouse(), LocationType.QUARANTINE, 1).stream()
        .findFirst()
        .orElse(null);
  }

  static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
