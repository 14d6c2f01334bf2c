package io.unitrace.inbound;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receiving over HTTP: open a receipt at a dock (for an ASN, a PO, or blind), send scans one by one
 * (each answered with its outcome and the live counters), confirm in bulk, close, and read the
 * discrepancy report. Scans and confirmations take an {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/v1/receipts")
class ReceivingApi {

  record OpenBody(String dock, String purchaseOrder, String asn, String quarantine) {

    OpenBody {
      Text.line("dock", dock, 60);
      Text.line("purchaseOrder", purchaseOrder, 60);
      Text.line("asn", asn, 60);
      Text.line("quarantine", quarantine, 60);
    }
  }

  /**
   * A scan: {@code scan} in any GS1 form, or a plain serial after {@code product} (a GTIN). {@code
   * damaged} flags the item; {@code vendorLot} is the supplier's own lot; {@code missing} reports a
   * unit received with its container as not actually there. Lot-tracked and untracked goods are
   * received by {@code quantity} (or the scan's count, AI 30).
   */
  record ScanBody(
      String scan,
      String product,
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      Boolean damaged,
      Boolean missing,
      Map<String, String> fields,
      String device,
      Integer quantity,
      String vendorLot) {

    ScanBody {
      Text.raw("scan", scan, 2000);
      Text.noNullValues("fields", fields);
      Text.line("device", device, 120);
    }

    Receiving.ScanRequest request() {
      return new Receiving.ScanRequest(
          scan,
          product,
          gtin,
          serial,
          lot,
          expiry,
          manufactured,
          Boolean.TRUE.equals(damaged),
          Boolean.TRUE.equals(missing),
          fields,
          device,
          quantity,
          vendorLot);
    }
  }

  /** Items a conveyor or tunnel read; none: the whole ASN as announced. */
  record ConfirmBody(List<ScanBody> items) {

    ConfirmBody {
      Text.noNulls("items", items);
    }
  }

  record BuildBody(String kind, List<ScanBody> units) {

    BuildBody {
      Text.line("kind", kind, 12);
      Text.noNulls("units", units);
    }
  }

  record ReceiptView(
      long id,
      String status,
      String dock,
      String quarantine,
      String purchaseOrder,
      String vendor,
      String asn,
      Receiving.Counters counters,
      Map<ScanOutcome, Integer> outcomes,
      String openedBy,
      Instant openedAt,
      String closedBy,
      Instant closedAt) {}

  private final Receiving receiving;
  private final ReceiptRows rows;

  ReceivingApi(Receiving receiving, ReceiptRows rows) {
    this.receiving = receiving;
    this.rows = rows;
  }

  @Operation(
      summary = "Open a receipt at a dock",
      description = "Starts receiving at a dock against an ASN, a purchase order, or blind.")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ReceiptView open(TenantScope scope, @RequestBody OpenBody b) {
    return view(
        receiving.open(
            scope, new Receiving.Opening(b.dock(), b.purchaseOrder(), b.asn(), b.quarantine())));
  }

  @Operation(summary = "List receipts", description = "Receipts, open or closed, a page at a time.")
  @GetMapping
  CursorPage<ReceiptView> list(
      TenantScope scope,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return receiving.receipts(scope, status, cursor, CursorPage.limit(limit)).map(this::view);
  }

  @Operation(
      summary = "Get a receipt",
      description = "A receipt with its live counters: received against expected, and exceptions.")
  @GetMapping("/{id}")
  ReceiptView get(TenantScope scope, @PathVariable long id) {
    return view(receiving.require(scope, id));
  }

  @Operation(
      summary = "Scan an item into a receipt",
      description =
          "One scan (any GS1 form, or fields typed in) answered with its outcome: RECEIVED, UNEXPECTED, DUPLICATE, OVER…; exceptions go to quarantine on hold.")
  @PostMapping("/{id}/scans")
  Receiving.ScanAnswer scan(
      TenantScope scope,
      @PathVariable long id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody ScanBody b) {
    return receiving.scan(scope, id, b == null ? null : b.request(), key);
  }

  @Operation(
      summary = "List a receipt's scans",
      description = "Every scan with its outcome, in order.")
  @GetMapping("/{id}/scans")
  CursorPage<ReceiptScan> scans(
      TenantScope scope,
      @PathVariable long id,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    Receipt r = receiving.require(scope, id);
    return rows.scans(r.id(), CursorPage.decode(cursor), CursorPage.limit(limit));
  }

  @Operation(
      summary = "Confirm a receipt in bulk",
      description =
          "Receives the listed items (a conveyor's or tunnel's reads) or, with no body, everything the ASN announced.")
  @PostMapping("/{id}/confirm")
  Receiving.ScanAnswer confirm(
      TenantScope scope,
      @PathVariable long id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) ConfirmBody b) {
    return receiving.confirm(
        scope,
        id,
        b == null || b.items() == null
            ? null
            : b.items().stream().map(i -> i == null ? null : i.request()).toList(),
        key);
  }

  /** Builds a container (new SSCC) on the dock from units this receipt took in. */
  @Operation(
      summary = "Build a container on the dock",
      description = "Puts units this receipt took in into a new container with the next SSCC.")
  @PostMapping("/{id}/containers")
  @ResponseStatus(HttpStatus.CREATED)
  Receiving.Built build(
      TenantScope scope,
      @PathVariable long id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody BuildBody b) {
    return receiving.buildContainer(
        scope,
        id,
        b == null ? null : b.kind(),
        b == null || b.units() == null
            ? null
            : b.units().stream().map(i -> i == null ? null : i.request()).toList(),
        key);
  }

  @Operation(
      summary = "Close a receipt",
      description =
          "Ends receiving and answers the discrepancy report: short, over, unexpected, damaged and suspect items.")
  @PostMapping("/{id}/close")
  Report close(TenantScope scope, @PathVariable long id) {
    return receiving.close(scope, id);
  }

  @Operation(
      summary = "Get a receipt's discrepancy report",
      description = "Received against expected, line by line with lots, and every exception.")
  @GetMapping("/{id}/report")
  Report report(TenantScope scope, @PathVariable long id) {
    return receiving.report(scope, id);
  }

  private ReceiptView view(Receipt r) {
    return new ReceiptView(
        r.id(),
        r.status(),
        r.dock(),
        r.quarantine(),
        r.poNumber(),
        r.vendor(),
        r.asnNumber(),
        receiving.counters(r),
        receiving.outcomes(r),
        r.openedBy(),
        Instant.ofEpochMilli(r.openedAt()),
        r.closedBy(),
        Receiving.instant(r.closedAt()));
  }
}
