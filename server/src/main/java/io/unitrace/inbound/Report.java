package io.unitrace.inbound;

import java.util.List;

/**
 * A receipt's discrepancy report. {@code shortLines}: announced (or ordered) but not received;
 * {@code over}: beyond the ordered quantity; {@code unexpected}: not announced, not ordered, or not
 * identifiable; {@code damaged}; {@code suspect}: duplicate serials; {@code quality}: expired,
 * short shelf life, or lot/expiry not as announced. Each line groups one product and one outcome,
 * with its serials; counted goods (lot-tracked or untracked) are lines of one product and one lot,
 * with a quantity and no serials. {@code received} counts everything taken in, exceptions included;
 * {@code asExpected} what was received as announced or ordered (null in a report frozen before the
 * product counted it).
 */
public record Report(
    long receipt,
    String status,
    String purchaseOrder,
    String asn,
    String vendor,
    String dock,
    int expected,
    int received,
    Integer asExpected,
    List<Line> shortLines,
    List<Line> over,
    List<Line> unexpected,
    List<Line> damaged,
    List<Line> suspect,
    List<Line> quality) {

  /**
   * {@code outcome} is a {@link ScanOutcome} name, or SHORT; {@code lot} names the lot of counted
   * goods.
   */
  public record Line(
      String outcome, String sku, String gtin, int count, List<String> serials, String lot) {}

  public boolean clean() {
    return shortLines.isEmpty()
        && over.isEmpty()
        && unexpected.isEmpty()
        && damaged.isEmpty()
        && suspect.isEmpty()
        && quality.isEmpty();
  }
}
