package io.unitrace.ui;

import io.unitrace.ledger.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a stock line's goods are not available, in warehouse words, from the figures the stock read
 * model gives: held, allocated to orders, and the rest unavailable because of where it is (a dock's
 * goods are not yet put away; quarantine; repair; staged or at packing on the way out).
 */
final class StockReasons {

  private StockReasons() {}

  /** "2 held · 1 on a dock, not yet put away"; null when everything is available. */
  static String of(Units.StockLine l) {
    List<String> reasons = new ArrayList<>(3);
    if (l.held() > 0) {
      reasons.add(l.held() + " held");
    }
    if (l.allocated() > 0) {
      reasons.add(l.allocated() + " allocated to orders");
    }
    long rest = l.quantity() - l.available() - l.held() - l.allocated();
    if (rest > 0) {
      reasons.add(rest + " " + where(l.locationType()));
    }
    return reasons.isEmpty() ? null : String.join(" · ", reasons);
  }

  private static String where(String locationType) {
    return switch (locationType == null ? "" : locationType) {
      case "DOCK" -> "on a dock, not yet put away";
      case "QUARANTINE" -> "in quarantine";
      case "REPAIR" -> "at repair";
      case "STAGING" -> "staged for shipping";
      case "PACKING" -> "at packing";
      case "TRANSIT" -> "on the way here by a transfer";
      default -> "returned or at repair, awaiting a decision";
    };
  }
}
