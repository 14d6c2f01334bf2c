package io.unitrace.counting.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a count counts in each of its locations. A count of locations counts everything there. A
 * count by SKU or lot counts only its products (of a product counted by lot, only that lot): a
 * serialized unit by its GTIN, counted goods by product and lot. Anything else found in the
 * location is not part of the count — the counter is told so and nothing is recorded — and is never
 * a discrepancy of it.
 */
public final class CountScope {

  /** One product of a count by SKU or lot ({@code lot} null: every lot of it). */
  public record Product(long productId, List<String> gtins, String lot) {}

  private static final CountScope EVERYTHING = new CountScope(null);

  private final Map<Long, Product> products;
  private final Set<String> gtins;

  private CountScope(Map<Long, Product> products) {
    this.products = products;
    this.gtins = new HashSet<>();
    if (products != null) {
      products.values().forEach(p -> gtins.addAll(p.gtins()));
    }
  }

  /** A count of locations: whatever they hold. */
  public static CountScope everything() {
    return EVERYTHING;
  }

  /** A count of these products (none: the same as everything). */
  public static CountScope of(List<Product> products) {
    if (products == null || products.isEmpty()) {
      return EVERYTHING;
    }
    Map<Long, Product> byId = new HashMap<>();
    products.forEach(p -> byId.put(p.productId(), p));
    return new CountScope(byId);
  }

  /** A count of exactly these products (none: it counts nothing of what it is asked about). */
  public static CountScope only(List<Product> products) {
    Map<Long, Product> byId = new HashMap<>();
    products.forEach(p -> byId.put(p.productId(), p));
    return new CountScope(byId);
  }

  public boolean isEverything() {
    return products == null;
  }

  /** Whether a serialized unit with this GTIN is counted. */
  public boolean countsUnit(String gtin) {
    return products == null || gtins.contains(gtin);
  }

  /** Whether counted goods of this product and lot ({@code lot} null: none) are counted. */
  public boolean countsGoods(long productId, String lot) {
    if (products == null) {
      return true;
    }
    Product p = products.get(productId);
    return p != null && (p.lot() == null || Objects.equals(p.lot(), lot));
  }

  /** What the books hold and what was counted, narrowed to what this count counts. */
  public List<Reconciliation.ShelfUnit> shelf(List<Reconciliation.ShelfUnit> units) {
    return units.stream().filter(u -> countsUnit(u.gtin())).toList();
  }

  public List<Reconciliation.SeenUnit> seen(List<Reconciliation.SeenUnit> units) {
    return units.stream().filter(u -> countsUnit(u.gtin())).toList();
  }

  public List<Reconciliation.Goods> goods(List<Reconciliation.Goods> goods) {
    return goods.stream().filter(g -> countsGoods(g.productId(), g.lot())).toList();
  }
}
