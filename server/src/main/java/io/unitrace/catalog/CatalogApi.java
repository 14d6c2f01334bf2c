package io.unitrace.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products and lots. Reading is open to anyone who sees the client; changing needs a SUPERVISOR.
 */
@RestController
@RequestMapping("/api/v1/products")
class CatalogApi {

  record NewLot(String code, LocalDate manufacturedOn, LocalDate expiresOn) {}

  /**
   * A product as clients read it: the fixed bin by its code (what the bin's label says), not its
   * row id.
   */
  record ProductView(
      long id,
      long tenantId,
      String sku,
      String name,
      List<Gtin> gtins,
      Tracking tracking,
      boolean expiryTracked,
      Integer shelfLifeDays,
      Integer warrantyMonths,
      SerialScope serialScope,
      String manufacturer,
      String serialPattern,
      List<CustomField> customFields,
      String fixedBin,
      Integer minShelfLifeDays,
      boolean regulated) {

    static ProductView of(Product p, String fixedBin) {
      return new ProductView(
          p.id(),
          p.tenantId(),
          p.sku(),
          p.name(),
          p.gtins(),
          p.tracking(),
          p.expiryTracked(),
          p.shelfLifeDays(),
          p.warrantyMonths(),
          p.serialScope(),
          p.manufacturer(),
          p.serialPattern(),
          p.customFields(),
          fixedBin,
          p.minShelfLifeDays(),
          p.regulated());
    }
  }

  private final Catalog catalog;
  private final ProductImport productImport;

  CatalogApi(Catalog catalog, ProductImport productImport) {
    this.catalog = catalog;
    this.productImport = productImport;
  }

  @Operation(
      summary = "List products",
      description = "The client's products, by SKU; a page at a time.")
  @GetMapping
  CursorPage<ProductView> list(
      TenantScope scope,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    Map<Long, String> codes = new HashMap<>();
    return catalog
        .list(scope.tenantId(), cursor, CursorPage.limit(limit))
        .map(
            p ->
                ProductView.of(
                    p,
                    p.fixedBinId() == null
                        ? null
                        : codes.computeIfAbsent(p.fixedBinId(), id -> catalog.fixedBinCode(p))));
  }

  @Operation(
      summary = "Create a product",
      description =
          "A SKU with its GTINs, how it is tracked (SERIAL, LOT or NONE), shelf life, warranty terms and custom fields.")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ProductView create(TenantScope scope, @RequestBody Catalog.ProductSpec spec) {
    scope.requireRole(Role.SUPERVISOR);
    return view(catalog.create(scope.tenantId(), spec));
  }

  @Operation(
      summary = "Import products from CSV",
      description = "One product per row; a bad row is answered with its row and column.")
  @PostMapping(
      path = "/import",
      consumes = {"text/csv", "text/plain"})
  ProductImport.Result importCsv(TenantScope scope, @RequestBody String csv) {
    scope.requireRole(Role.SUPERVISOR);
    return productImport.run(scope.tenantId(), new StringReader(csv));
  }

  @Operation(summary = "Get a product", description = "A product by its SKU.")
  @GetMapping("/{sku}")
  ProductView get(TenantScope scope, @PathVariable String sku) {
    return view(catalog.bySku(scope.tenantId(), sku).orElseThrow(() -> Catalog.unknownSku(sku)));
  }

  @Operation(
      summary = "Change a product",
      description =
          "Replaces what is said of a product (name, GTINs, tracking, shelf life, custom fields).")
  @PutMapping("/{sku}")
  ProductView replace(
      TenantScope scope, @PathVariable String sku, @RequestBody Catalog.ProductSpec spec) {
    scope.requireRole(Role.SUPERVISOR);
    return view(catalog.replace(scope.tenantId(), sku, spec));
  }

  private ProductView view(Product p) {
    return ProductView.of(p, catalog.fixedBinCode(p));
  }

  @Operation(
      summary = "List a product's lots",
      description = "The lots of a product with their expiry and manufacture dates.")
  @GetMapping("/{sku}/lots")
  List<Lot> lots(TenantScope scope, @PathVariable String sku) {
    return catalog.lots(scope.tenantId(), sku);
  }

  @Operation(
      summary = "Record a lot",
      description =
          "A lot of a product with its expiry and manufacture dates, before goods of it arrive.")
  @PostMapping("/{sku}/lots")
  @ResponseStatus(HttpStatus.CREATED)
  Lot createLot(TenantScope scope, @PathVariable String sku, @RequestBody NewLot lot) {
    scope.requireRole(Role.SUPERVISOR);
    return catalog.createLot(
        scope.tenantId(), sku, lot.code(), lot.manufacturedOn(), lot.expiresOn());
  }
}
