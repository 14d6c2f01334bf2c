package io.unitrace.inbound;

import io.unitrace.gs1.Sscc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a receipt's ASN announces and the receipt has not taken in yet: the serials, read as such,
 * and the pending part of each line of counted goods ({@link PendingQuantities}). A bulk
 * confirmation without items and an announced container's scan receive these; the report counts
 * them short.
 */
@Component
class Announcements {

  private final ReceiptRows rows;

  Announcements(ReceiptRows rows) {
    this.rows = rows;
  }

  /** Announced serials and quantities this receipt has not received yet. */
  List<AnnouncedItem> pending(Receipt r) {
    List<AnnouncedItem> items = new ArrayList<>(rows.pendingSerials(r));
    items.addAll(pendingQuantities(r, null));
    return items;
  }

  /**
   * Announced serials and quantities not received yet inside the container and everything nested in
   * it; null if the ASN does not announce it.
   */
  List<AnnouncedItem> pendingIn(Receipt r, Sscc sscc) {
    List<String> tree = rows.containerTree(r.asnId(), sscc.value());
    if (tree.isEmpty()) {
      return null;
    }
    List<AnnouncedItem> items = new ArrayList<>(rows.pendingSerialsIn(r, tree));
    items.addAll(pendingQuantities(r, tree));
    return items;
  }

  /** What is still pending of the ASN's announced quantities, over the whole ASN. */
  List<AnnouncedItem> pendingQuantities(Receipt r) {
    return pendingQuantities(r, null);
  }

  private List<AnnouncedItem> pendingQuantities(Receipt r, List<String> containers) {
    return PendingQuantities.of(
        rows.announcedCounted(r.asnId()),
        rows.countedTaken(r.id()),
        containers == null ? null : new HashSet<>(containers));
  }
}
