package io.unitrace.counting.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Pareto rule for ABC classes, from each SKU's movements (ledger events touching its units or
 * stock) over the last 90 days. SKUs ranked by movements, most first (ties by SKU): a SKU is A when
 * the SKUs ranked before it make less than 80 % of all movements (so the SKU that crosses 80 % is
 * still A), B when they make less than 95 %, C otherwise; a SKU without movement is C. A class set
 * by a supervisor wins over the computed one.
 */
public final class AbcClassification {

  /** The window of movements the class is computed from, in days. */
  public static final int WINDOW_DAYS = 90;

  private AbcClassification() {}

  public enum Source {
    COMPUTED,
    SET
  }

  /** A SKU of the client with its movements in the window. */
  public record Sku(long productId, String sku, long movements) {}

  public record Classified(
      long productId, String sku, long movements, AbcClass abcClass, Source source) {}

  /** Every SKU classified, most movements first. */
  public static List<Classified> of(List<Sku> skus, Map<Long, AbcClass> set) {
    List<Sku> ranked = new ArrayList<>(skus);
    ranked.sort(Comparator.comparingLong(Sku::movements).reversed().thenComparing(Sku::sku));
    long total = ranked.stream().mapToLong(Sku::movements).sum();
    List<Classified> out = new ArrayList<>(ranked.size());
    long before = 0;
    for (Sku s : ranked) {
      AbcClass computed;
      if (s.movements() <= 0) {
        computed = AbcClass.C;
      } else if (before * 100 < total * 80) {
        computed = AbcClass.A;
      } else if (before * 100 < total * 95) {
        computed = AbcClass.B;
      } else {
        computed = AbcClass.C;
      }
      before += Math.max(0, s.movements());
      AbcClass override = set.get(s.productId());
      out.add(
          new Classified(
              s.productId(),
              s.sku(),
              s.movements(),
              override == null ? computed : override,
              override == null ? Source.COMPUTED : Source.SET));
    }
    return out;
  }
}
