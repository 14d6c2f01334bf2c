package io.unitrace.inbound;

import java.util.List;

/**
 * A receipt's discrepancy report. {@code shortLines}: announced (or ordered) but not received;
 * {@code over}: beyond the ordered quantity; {@code unexpected}: not announced, not ordered, or not
 * identifiable; {@code damaged}; {@code suspect}: duplicate serials; {@code quality}: expired,
 * short shelf life, or lot/expiry not as announced. Each line groups one product and one outcome,
 * with its serials.
 */
public record Report(long receipt, String status, String purchaseOrder, String asn, String vendor, String dock, int expected, int received,
    List<Line> shortLines, List<Line> over, List<Line> unexpected, List<Line> damaged, List<Line> suspect, List<Line> quality) {

  /** {@code outcome} is a {@link ScanOutcome} name, or SHORT. */
  public record Line(String outcome, String sku, String gtin, int count, List<String> serials) {}

  public boolean clean() {
    return shortLines.isEmpty() && over.isEmpty() && unexpected.isEmpty() && damaged.isEmpty() && suspect.isEmpty() && quality.isEmpty();
  }
}
