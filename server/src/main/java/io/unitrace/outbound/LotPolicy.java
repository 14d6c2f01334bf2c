package io.unitrace.outbound;

import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Which lots a line may be allocated from, in which order. Expiry-tracked goods go FEFO: earliest
 * expiry first, and never a lot that expires before the line's minimum remaining shelf life (in
 * days from today; none: not expired) or whose expiry is unknown. Other goods go FIFO from any lot
 * (the answer is null: the ledger takes the oldest units first), unless the line names its lot.
 */
final class LotPolicy {

  private LotPolicy() {}

  /**
   * The eligible lots in order of preference, or null for "any lot, oldest first". {@code lots} are
   * the product's lots; {@code lineLot} the lot the line names, if any.
   */
  static List<LotId> eligible(
      boolean expiryTracked,
      List<Lot> lots,
      Long lineLot,
      Integer minShelfLifeDays,
      LocalDate today) {
    if (!expiryTracked) {
      return lineLot == null ? null : List.of(new LotId(lineLot));
    }
    LocalDate earliest = today.plusDays(minShelfLifeDays == null ? 0 : minShelfLifeDays);
    return lots.stream()
        .filter(l -> lineLot == null || l.id() == lineLot)
        .filter(l -> l.expiresOn() != null && !l.expiresOn().isBefore(earliest))
        .sorted(Comparator.comparing(Lot::expiresOn).thenComparingLong(Lot::id))
        .map(l -> new LotId(l.id()))
        .toList();
  }

  /** Why a lot is not eligible for a line (null: it is). */
  static String refusal(boolean expiryTracked, Lot lot, Integer minShelfLifeDays, LocalDate today) {
    if (!expiryTracked || lot == null) {
      return null;
    }
    if (lot.expiresOn() == null) {
      return "lot " + lot.code() + " has no expiry date on record";
    }
    if (lot.expiresOn().isBefore(today)) {
      return "lot " + lot.code() + " expired on " + lot.expiresOn();
    }
    LocalDate earliest = today.plusDays(minShelfLifeDays == null ? 0 : minShelfLifeDays);
    if (lot.expiresOn().isBefore(earliest)) {
      return "lot "
          + lot.code()
          + " expires on "
          + lot.expiresOn()
          + ", before the "
          + minShelfLifeDays
          + " days of shelf life the line needs (until "
          + earliest
          + ")";
    }
    return null;
  }
}
