package io.unitrace.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The outbound floor over HTTP: allocation, available to sell, pick lists and pick scans, packing
 * stations and cartons, shipments and dispatch advices. Scans and confirmations take an {@code
 * Idempotency-Key}; a refused scan is a problem naming its reason ({@code code}) and writes
 * nothing.
 */
@RestController
@RequestMapping("/api/v1")
class OutboundApi {

  record AllocationRun(List<Long> orders) {

    AllocationRun {
      Text.noNulls("orders", orders);
    }
  }

  record NewPickList(String warehouse, List<Long> orders, String destination) {

    NewPickList {
      Text.line("warehouse", warehouse, 40);
      Text.noNulls("orders", orders);
      Text.line("destination", destination, 60);
    }
  }

  /** What a picker or packer scanned or typed; {@code location} is where the picker stands. */
  record ScanBody(
      String location,
      String scan,
      String gtin,
      String serial,
      String sscc,
      String lot,
      Long quantity,
      String reason,
      OffsetDateTime eventTime,
      String device) {}

  record NewCarton(String station) {

    NewCarton {
      Text.line("station", station, 60);
    }
  }

  record Finish(Boolean shortClose, String reason) {

    Finish {
      Text.free("reason", reason, 500);
    }
  }

  private final Allocation allocation;
  private final Availability availability;
  private final Picking picking;
  private final PickLists pickLists;
  private final Packing packing;
  private final Shipping shipping;
  private final ITemplateEngine templates;
  private final Orders orders;

  OutboundApi(
      Orders orders,
      Allocation allocation,
      Availability availability,
      Picking picking,
      PickLists pickLists,
      Packing packing,
      Shipping shipping,
      ITemplateEngine templates) {
    this.templates = templates;
    this.orders = orders;
    this.allocation = allocation;
    this.availability = availability;
    this.picking = picking;
    this.pickLists = pickLists;
    this.packing = packing;
    this.shipping = shipping;
  }

  @Operation(
      summary = "Allocate an order",
      description = "Reserves units or lot quantities for the order's lines (FEFO or FIFO).")
  @PostMapping("/orders/{id}/allocate")
  Allocation.Outcome allocate(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @PathVariable long id) {
    requireOrders(scope, List.of(id), "id");
    return allocation.allocate(scope, List.of(id), RequestMeta.of(key));
  }

  /** Allocates the named orders in one run (one ledger event per warehouse). */
  @Operation(
      summary = "Allocate several orders",
      description = "Allocates the named orders in one run.")
  @PostMapping("/allocation/runs")
  Allocation.Outcome run(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody AllocationRun b) {
    if (b == null || b.orders() == null || b.orders().isEmpty()) {
      throw Problem.badRequest("invalid-field", "orders", "name at least one order to allocate");
    }
    requireOrders(scope, b.orders(), "orders");
    return allocation.allocate(scope, b.orders(), RequestMeta.of(key));
  }

  private void requireOrders(TenantScope scope, List<Long> ids, String field) {
    for (int i = 0; i < ids.size(); i++) {
      Long id = ids.get(i);
      if (id == null || orders.find(scope, id).isEmpty()) {
        throw Problem.notFound(
                "unknown-order", "client " + scope.tenantCode() + " has no order " + id)
            .at(field.equals("id") ? field : field + "[" + i + "]");
      }
    }
  }

  @Operation(
      summary = "Get availability",
      description = "What can be sold of each product: on hand, allocated, held and available.")
  @GetMapping("/availability")
  CursorPage<Availability.Figures> availability(
      TenantScope scope,
      @RequestParam(required = false) List<String> sku,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return availability.figures(scope, sku, cursor, limit);
  }

  @Operation(
      summary = "Make a pick list",
      description = "A pick list for allocated orders, in walking order.")
  @PostMapping("/pick-lists")
  @ResponseStatus(HttpStatus.CREATED)
  PickLists.PickList newPickList(TenantScope scope, @RequestBody NewPickList b) {
    if (b == null) {
      throw Problem.badRequest("invalid-field", "warehouse", "name the warehouse");
    }
    return pickLists.create(scope, b.warehouse(), b.orders(), b.destination());
  }

  @Operation(
      summary = "Get a pick list",
      description = "Its lines with bins, what is picked and what is left.")
  @GetMapping("/pick-lists/{id}")
  PickLists.PickList pickList(TenantScope scope, @PathVariable long id) {
    return pickLists.list(scope, id);
  }

  @Operation(
      summary = "Scan a pick",
      description = "A picked unit or quantity, checked against the pick list.")
  @PostMapping("/pick-lists/{id}/scans")
  Picking.Answer pick(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @PathVariable long id,
      @RequestBody ScanBody b) {
    return picking.scan(scope, id, b.location(), read(b), meta(key, b));
  }

  @Operation(
      summary = "Report a short pick",
      description =
          "Says a bin did not hold what the pick list expected; the rest is allocated again.")
  @PostMapping("/pick-lists/{id}/shorts")
  Picking.Answer shortPick(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @PathVariable long id,
      @RequestBody ScanBody b) {
    return picking.shortPick(scope, id, b.location(), read(b), b.reason(), meta(key, b));
  }

  @Operation(
      summary = "Open a carton for an order",
      description = "A shipping carton with a new SSCC to pack the order into.")
  @PostMapping("/orders/{id}/cartons")
  @ResponseStatus(HttpStatus.CREATED)
  Packing.Carton openCarton(TenantScope scope, @PathVariable long id, @RequestBody NewCarton b) {
    return packing.open(scope, id, b == null ? null : b.station());
  }

  @Operation(
      summary = "Get packing progress",
      description = "What of the order is packed, in which cartons, and what is left.")
  @GetMapping("/orders/{id}/packing")
  Packing.Progress packingProgress(TenantScope scope, @PathVariable long id) {
    return packing.progress(scope, id);
  }

  /** A printable packing slip: each carton's SKUs, lots and serials, and the order's lines. */
  @Operation(
      summary = "Print a packing slip",
      description = "A printable HTML slip: each carton's SKUs, lots and serials.")
  @GetMapping(value = "/orders/{id}/packing-slip", produces = MediaType.TEXT_HTML_VALUE)
  String packingSlip(TenantScope scope, @PathVariable long id) {
    Packing.Slip slip = packing.slip(scope, id);
    Context context = new Context();
    context.setVariable("order", slip.order());
    context.setVariable("progress", slip.progress());
    context.setVariable("lines", slip.lines());
    return templates.process("outbound/packing-slip", context);
  }

  @Operation(
      summary = "Finish packing an order",
      description = "Closes the order's open cartons once everything is packed.")
  @PostMapping("/orders/{id}/packing/close")
  Packing.Progress finishPacking(
      TenantScope scope, @PathVariable long id, @RequestBody(required = false) Finish b) {
    return packing.finish(
        scope, id, b != null && Boolean.TRUE.equals(b.shortClose()), b == null ? null : b.reason());
  }

  @Operation(summary = "Get a carton", description = "A carton with what is packed in it.")
  @GetMapping("/cartons/{sscc}")
  Packing.Carton carton(TenantScope scope, @PathVariable String sscc) {
    return packing.carton(scope, sscc(sscc).value());
  }

  @Operation(
      summary = "Scan into a carton",
      description = "Packs a picked unit or quantity into a carton, checked against the order.")
  @PostMapping("/cartons/{sscc}/scans")
  Packing.Packed pack(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @PathVariable String sscc,
      @RequestBody ScanBody b) {
    return packing.scan(scope, sscc(sscc), read(b), meta(key, b));
  }

  @Operation(summary = "Close a carton", description = "Seals a carton: nothing more goes in.")
  @PostMapping("/cartons/{sscc}/close")
  Packing.Carton closeCarton(TenantScope scope, @PathVariable String sscc) {
    return packing.close(scope, sscc(sscc));
  }

  @Operation(
      summary = "Ship an order",
      description =
          "Ships packed cartons: the units leave the building, sold to the order's party.")
  @PostMapping("/orders/{id}/shipments")
  @ResponseStatus(HttpStatus.CREATED)
  Shipping.Shipped ship(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @PathVariable long id,
      @RequestBody Shipping.ShipmentRequest b) {
    return shipping.ship(scope, id, b, RequestMeta.of(key));
  }

  @Operation(
      summary = "Get a dispatch advice",
      description = "The shipment's despatch advice: cartons, SSCCs, lots and serials.")
  @GetMapping("/shipments/{id}/dispatch-advice")
  Shipping.DispatchAdvice advice(TenantScope scope, @PathVariable long id) {
    return shipping.advice(scope, id);
  }

  private static PickScan.Read read(ScanBody b) {
    if (b == null) {
      throw Problem.badRequest("invalid-field", "scan", "scan something");
    }
    return PickScan.read(b.scan(), b.gtin(), b.serial(), b.sscc(), b.lot(), b.quantity());
  }

  private static RequestMeta meta(String key, ScanBody b) {
    return new RequestMeta(key, b.eventTime(), b.device(), b.scan(), List.of());
  }

  private static Sscc sscc(String text) {
    try {
      return new Sscc(text.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-sscc", "sscc", e.getMessage());
    }
  }
}
