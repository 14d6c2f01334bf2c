package io.unitrace.catalog;

import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
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

/** Products and lots. Reading is open to anyone who sees the client; changing needs a SUPERVISOR. */
@RestController
@RequestMapping("/api/v1/products")
class CatalogApi {

  record NewLot(String code, LocalDate manufacturedOn, LocalDate expiresOn) {}

  private final Catalog catalog;
  private final ProductImport productImport;

  CatalogApi(Catalog catalog, ProductImport productImport) {
    this.catalog = catalog;
    this.productImport = productImport;
  }

  @GetMapping
  CursorPage<Product> list(TenantScope scope, @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    return catalog.list(scope.tenantId(), cursor, CursorPage.limit(limit));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Product create(TenantScope scope, @RequestBody Catalog.ProductSpec spec) {
    scope.requireRole(Role.SUPERVISOR);
    return catalog.create(scope.tenantId(), spec);
  }

  @PostMapping(path = "/import", consumes = {"text/csv", "text/plain"})
  ProductImport.Result importCsv(TenantScope scope, @RequestBody String csv) {
    scope.requireRole(Role.SUPERVISOR);
    return productImport.run(scope.tenantId(), new StringReader(csv));
  }

  @GetMapping("/{sku}")
  Product get(TenantScope scope, @PathVariable String sku) {
    return catalog.bySku(scope.tenantId(), sku).orElseThrow(() -> Catalog.unknownSku(sku));
  }

  @PutMapping("/{sku}")
  Product replace(TenantScope scope, @PathVariable String sku, @RequestBody Catalog.ProductSpec spec) {
    scope.requireRole(Role.SUPERVISOR);
    return catalog.replace(scope.tenantId(), sku, spec);
  }

  @GetMapping("/{sku}/lots")
  List<Lot> lots(TenantScope scope, @PathVariable String sku) {
    return catalog.lots(scope.tenantId(), sku);
  }

  @PostMapping("/{sku}/lots")
  @ResponseStatus(HttpStatus.CREATED)
  Lot createLot(TenantScope scope, @PathVariable String sku, @RequestBody NewLot lot) {
    scope.requireRole(Role.SUPERVISOR);
    return catalog.createLot(scope.tenantId(), sku, lot.code(), lot.manufacturedOn(), lot.expiresOn());
  }
}
