package io.unitrace.counting;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.counting.domain.AbcClass;
import io.unitrace.counting.domain.AbcClassification;
import io.unitrace.ledger.Inventory;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A client's SKUs in ABC classes (ADR 0021): computed from the last 90 days' ledger movements of
 * each SKU by the Pareto rule ({@link AbcClassification}), or set per SKU by a supervisor, which
 * wins until cleared. Computed on demand: one statement of the ledger and the client's catalog.
 */
@Service
class AbcClasses {

  record SkuClass(String sku, AbcClass abcClass, long movements, AbcClassification.Source source) {}

  record Asked(String abcClass) {}

  private final PlanRows rows;
  private final Catalog catalog;
  private final Inventory inventory;
  private final Clock clock;

  AbcClasses(PlanRows rows, Catalog catalog, Inventory inventory, Clock clock) {
    this.rows = rows;
    this.catalog = catalog;
    this.inventory = inventory;
    this.clock = clock;
  }

  /** Every SKU of the client with its class, most movements first. */
  List<AbcClassification.Classified> classify(long tenantId) {
    Map<ProductId, Long> moved =
        inventory.movementsSince(
            tenantId, clock.instant().minus(Duration.ofDays(AbcClassification.WINDOW_DAYS)));
    List<AbcClassification.Sku> skus = new ArrayList<>();
    String cursor = null;
    do {
      CursorPage<Product> page = catalog.list(tenantId, cursor, CursorPage.MAX_LIMIT);
      for (Product p : page.items()) {
        skus.add(
            new AbcClassification.Sku(
                p.id(), p.sku(), moved.getOrDefault(new ProductId(p.id()), 0L)));
      }
      cursor = page.next();
    } while (cursor != null);
    return AbcClassification.of(skus, rows.classesSet(tenantId));
  }

  /** The class of one product now. */
  AbcClass classOf(long tenantId, long productId) {
    return classify(tenantId).stream()
        .filter(c -> c.productId() == productId)
        .map(AbcClassification.Classified::abcClass)
        .findFirst()
        .orElse(AbcClass.C);
  }

  /** The ids of the client's products in a class now. */
  List<Long> productsIn(long tenantId, AbcClass abcClass) {
    return classify(tenantId).stream()
        .filter(c -> c.abcClass() == abcClass)
        .map(AbcClassification.Classified::productId)
        .toList();
  }

  List<SkuClass> view(TenantScope scope) {
    scope.requireRole(Role.SUPERVISOR);
    return classify(scope.tenantId()).stream()
        .map(c -> new SkuClass(c.sku(), c.abcClass(), c.movements(), c.source()))
        .toList();
  }

  /** Sets a SKU's class by hand ({@code abcClass} null: back to the computed class). */
  SkuClass set(TenantScope scope, String sku, Asked a) {
    scope.requireRole(Role.SUPERVISOR);
    if (a == null) {
      throw Problem.badRequest(
          "invalid-field", "abcClass", "send {\"abcClass\": \"A\"}, B, C, or null to clear");
    }
    AbcClass set = null;
    if (a.abcClass() != null) {
      set = AbcClass.parse(a.abcClass());
      if (set == null) {
        throw Problem.badRequest(
            "invalid-field", "abcClass", "an ABC class is A, B or C (null: computed)");
      }
    }
    Product p =
        catalog
            .bySku(scope.tenantId(), sku == null ? "" : sku.strip())
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "unknown-sku", "client " + scope.tenantCode() + " has no SKU " + sku));
    if (set == null) {
      rows.clearClass(scope.tenantId(), p.id());
    } else {
      rows.setClass(scope.tenantId(), p.id(), set, scope.actor().who(), clock.millis());
    }
    return classify(scope.tenantId()).stream()
        .filter(c -> c.productId() == p.id())
        .map(c -> new SkuClass(c.sku(), c.abcClass(), c.movements(), c.source()))
        .findFirst()
        .orElseThrow();
  }
}
