package io.unitrace.inbound;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.io.StringReader;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Purchase orders: one as JSON, or many as CSV on the same path. Reading is open to anyone who sees
 * the client; creating needs a SUPERVISOR, as product master data does.
 */
@RestController
@RequestMapping("/api/v1/purchase-orders")
class PurchaseOrderApi {

  private final Purchasing purchasing;

  PurchaseOrderApi(Purchasing purchasing) {
    this.purchasing = purchasing;
  }

  @Operation(
      summary = "List purchase orders",
      description = "The client's purchase orders, a page at a time.")
  @GetMapping
  CursorPage<Purchasing.PurchaseOrderSummary> list(
      TenantScope scope,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return purchasing.list(scope.tenantId(), cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Create a purchase order",
      description = "What was ordered from a vendor: SKUs and quantities, received against later.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Purchasing.PurchaseOrderView create(
      TenantScope scope, @RequestBody Purchasing.NewPurchaseOrder order) {
    scope.requireRole(Role.SUPERVISOR);
    return purchasing.create(scope.tenantId(), order);
  }

  @Operation(
      summary = "Import purchase orders from CSV",
      description =
          "Purchase order lines, one per row; a bad row is answered with its row and column.")
  @PostMapping(consumes = "text/csv")
  @ResponseStatus(HttpStatus.CREATED)
  Purchasing.Imported importCsv(TenantScope scope, @RequestBody String csv) {
    scope.requireRole(Role.SUPERVISOR);
    return purchasing.importCsv(scope.tenantId(), new StringReader(csv));
  }

  @Operation(
      summary = "Get a purchase order",
      description = "A purchase order with ordered and received quantities per line.")
  @GetMapping("/{number}")
  Purchasing.PurchaseOrderView get(TenantScope scope, @PathVariable String number) {
    return purchasing
        .view(scope.tenantId(), number)
        .orElseThrow(
            () -> Problem.notFound("unknown-purchase-order", "no purchase order " + number));
  }
}
