package io.unitrace.inbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is still pending of the ASN's announced quantities of counted goods. Pure: the ASN's lines
 * and what the receipt took are read beforehand.
 *
 * <p>Counted goods carry no serial, so which announced line a received quantity belongs to is
 * decided here, by two rules, line by line in ASN order: a line's pending quantity is what it
 * announced less what this receipt took in with that line's SSCC (a container scan), and never more
 * than what is still open of its GTIN and lot over the whole ASN (goods scanned loose count there).
 * So a case scanned twice, or after its contents were scanned loose, takes nothing in twice.
 */
final class PendingQuantities {

  /**
   * A quantity of counted goods this receipt took in, summed by GTIN, lot (null: untracked goods)
   * and the announced case it arrived in (null: loose).
   */
  record Taken(String gtin, String lot, String sscc, long quantity) {}

  /** Counted goods of one GTIN and lot that arrived in one announced case. */
  private record InCase(LotOf lot, String sscc) {}

  private PendingQuantities() {}

  /**
   * The pending part of each announced line (serial null) that has any, in the lines' order; {@code
   * within}: only lines in these containers (null: all lines).
   */
  static List<AnnouncedItem> of(List<AnnouncedItem> lines, List<Taken> taken, Set<String> within) {
    Map<LotOf, Long> open = new HashMap<>();
    lines.forEach(i -> open.merge(new LotOf(i.gtin(), i.lot()), (long) i.quantity(), Long::sum));
    Map<InCase, Long> withSscc = new HashMap<>();
    for (Taken t : taken) {
      LotOf lot = new LotOf(t.gtin(), t.lot());
      open.merge(lot, -t.quantity(), Long::sum);
      if (t.sscc() != null) {
        withSscc.put(new InCase(lot, t.sscc()), t.quantity());
      }
    }
    List<AnnouncedItem> pending = new ArrayList<>();
    for (AnnouncedItem i : lines) {
      LotOf lot = new LotOf(i.gtin(), i.lot());
      long left = i.quantity();
      if (i.sscc() != null) {
        InCase own = new InCase(lot, i.sscc().value());
        long got = withSscc.getOrDefault(own, 0L);
        long used = Math.min(got, left);
        withSscc.put(own, got - used);
        left -= used;
      }
      boolean inScope = within == null || (i.sscc() != null && within.contains(i.sscc().value()));
      long give = Math.min(left, Math.max(0, open.getOrDefault(lot, 0L)));
      if (inScope && give > 0) {
        open.merge(lot, -give, Long::sum);
        pending.add(
            new AnnouncedItem(
                i.gtin(), null, i.lot(), i.expiry(), i.manufactured(), i.sscc(), (int) give));
      }
    }
    return pending;
  }
}
