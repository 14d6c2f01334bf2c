package io.unitrace.inbound;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What came in under a supplier's own lot: the first question of a supplier recall. The units (GTIN
 * and serial, with their lot as the site records it) and the counted quantities per site lot.
 */
@RestController
@RequestMapping("/api/v1/vendor-lots")
class VendorLotsApi {

  record UnitLine(String gtin, String serial, String state) {}

  record QuantityLine(String lot, long quantity) {}

  record ReceivedView(
      String product, String vendorLot, List<UnitLine> units, List<QuantityLine> quantities) {}

  private final VendorLots vendorLots;
  private final Catalog catalog;
  private final Inventory inventory;

  VendorLotsApi(VendorLots vendorLots, Catalog catalog, Inventory inventory) {
    this.vendorLots = vendorLots;
    this.catalog = catalog;
    this.inventory = inventory;
  }

  @Operation(
      summary = "Find goods by supplier lot",
      description =
          "Units and quantities received under a supplier's own lot code, with the deliveries they came in.")
  @GetMapping("/{vendorLot}")
  ReceivedView received(
      TenantScope scope,
      @PathVariable String vendorLot,
      @RequestParam(required = false) String product) {
    if (product == null || product.isBlank()) {
      throw Problem.badRequest("invalid-field", "product", "name the product (SKU)");
    }
    Product p =
        catalog
            .bySku(scope.tenantId(), product.strip())
            .orElseThrow(
                () ->
                    Problem.badRequest(
                        "unknown-product", "product", "no product " + product.strip()));
    VendorLots.Received r =
        vendorLots.receivedUnder(scope.tenantId(), new ProductId(p.id()), vendorLot.strip());
    Map<UnitRef, Inventory.UnitPosition> found = inventory.unitsByRef(scope.tenantId(), r.units());
    List<UnitLine> units =
        r.units().stream()
            .map(
                u -> {
                  Inventory.UnitPosition at = found.get(u);
                  return new UnitLine(
                      u.gtin().value(), u.serial().value(), at == null ? null : at.state().name());
                })
            .toList();
    return new ReceivedView(
        p.sku(),
        vendorLot.strip(),
        units,
        r.quantities().stream().map(q -> new QuantityLine(q.lot(), q.quantity())).toList());
  }
}
