package io.unitrace.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a receipt's discrepancy report from its rows, read beforehand. Pure.
 *
 * <p>Short is what the ASN announced and the receipt did not take in (serials listed per GTIN;
 * counted goods per GTIN and lot), or without an ASN what the PO still has open per product, and in
 * both cases what the receipt took in and then reported not found. Every other exception is a line
 * per outcome and GTIN (and lot, for counted goods), grouped as over, unexpected, damaged, suspect
 * or quality.
 */
final class DiscrepancyReport {

  /** An announced serial the receipt has not taken in, with its product's SKU. */
  record MissingSerial(String sku, String gtin, String serial) {}

  /** What the PO orders of a product. */
  record Ordered(long productId, String sku, int quantity) {}

  /** A line of the receipt that is neither RECEIVED nor REPEAT. */
  record Exception(
      String outcome, String sku, String gtin, String serial, String lot, int quantity) {}

  private DiscrepancyReport() {}

  /**
   * Short against the ASN: the missing serials (in GTIN and serial order) per GTIN, then the
   * pending quantities per GTIN and lot. {@code countedSkus}: the SKU of each counted GTIN.
   */
  static List<Report.Line> shortOfAsn(
      List<MissingSerial> serials,
      Map<String, String> countedSkus,
      List<AnnouncedItem> pendingQuantities) {
    List<Report.Line> shortLines = new ArrayList<>();
    Map<String, List<String>> missing = new LinkedHashMap<>();
    Map<String, String> skus = new HashMap<>();
    for (MissingSerial m : serials) {
      skus.put(m.gtin(), m.sku());
      missing.computeIfAbsent(m.gtin(), g -> new ArrayList<>()).add(m.serial());
    }
    missing.forEach(
        (gtin, s) ->
            shortLines.add(new Report.Line("SHORT", skus.get(gtin), gtin, s.size(), s, null)));
    Map<LotOf, Integer> shortOf = new LinkedHashMap<>();
    pendingQuantities.forEach(
        i -> shortOf.merge(new LotOf(i.gtin(), i.lot()), i.quantity(), Integer::sum));
    shortOf.forEach(
        (k, q) ->
            shortLines.add(
                new Report.Line(
                    "SHORT", countedSkus.get(k.gtin()), k.gtin(), q, List.of(), k.lot())));
    return shortLines;
  }

  /**
   * Short against the PO: per product, what it orders less what its receipts counted against it.
   * What this receipt reported not found is listed as NOT_FOUND, so it is not short a second time
   * here.
   */
  static List<Report.Line> shortOfPo(
      List<Ordered> ordered, Map<Long, Integer> receivedForPo, Map<Long, Integer> notFoundHere) {
    Map<Long, Integer> got = new HashMap<>(receivedForPo);
    notFoundHere.forEach((product, q) -> got.merge(product, q, Integer::sum));
    List<Report.Line> shortLines = new ArrayList<>();
    for (Ordered o : ordered) {
      int open = o.quantity() - got.getOrDefault(o.productId(), 0);
      if (open > 0) {
        shortLines.add(new Report.Line("SHORT", o.sku(), null, open, List.of(), null));
      }
    }
    return shortLines;
  }

  /**
   * The report: {@code shortLines} as above, then the exceptions (in outcome, GTIN and scan order)
   * grouped.
   */
  static Report of(
      Receipt r,
      Receiving.Counters counters,
      List<Report.Line> shortLines,
      List<Exception> exceptions) {
    record Group(String outcome, LotOf goods) {}
    Map<Group, Report.Line> byKey = new LinkedHashMap<>();
    for (Exception e : exceptions) {
      // Serials are listed per product; counted goods, which have no serials, per product and lot.
      String lot = e.serial() == null ? e.lot() : null;
      Group key = new Group(e.outcome(), new LotOf(e.gtin(), lot));
      Report.Line l =
          byKey.getOrDefault(
              key, new Report.Line(e.outcome(), e.sku(), e.gtin(), 0, new ArrayList<>(), lot));
      if (e.serial() != null) {
        l.serials().add(e.serial());
      }
      byKey.put(
          key,
          new Report.Line(
              l.outcome(), l.sku(), l.gtin(), l.count() + e.quantity(), l.serials(), lot));
    }
    Map<String, List<Report.Line>> groups = new HashMap<>();
    for (Report.Line l : byKey.values()) {
      groups
          .computeIfAbsent(section(ScanOutcome.valueOf(l.outcome())), g -> new ArrayList<>())
          .add(l);
    }
    List<Report.Line> allShort = new ArrayList<>(shortLines);
    allShort.addAll(groups.getOrDefault("short", List.of()));
    return new Report(
        r.id(),
        r.status(),
        r.poNumber(),
        r.asnNumber(),
        r.vendor(),
        r.dock(),
        counters.expected(),
        counters.received(),
        counters.asExpected(),
        allShort,
        groups.getOrDefault("over", List.of()),
        groups.getOrDefault("unexpected", List.of()),
        groups.getOrDefault("damaged", List.of()),
        groups.getOrDefault("suspect", List.of()),
        groups.getOrDefault("quality", List.of()));
  }

  /** The report section an exception is listed in; a unit found missing counts short. */
  static String section(ScanOutcome o) {
    return switch (o) {
      case OVER_QUANTITY -> "over";
      case UNEXPECTED, WRONG_PRODUCT, UNKNOWN_GTIN -> "unexpected";
      case DAMAGED, MARKED_DAMAGED -> "damaged";
      case DUPLICATE -> "suspect";
      case NOT_FOUND -> "short";
      default -> "quality";
    };
  }
}
