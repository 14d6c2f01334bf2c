package io.unitrace.inbound;

import io.unitrace.ledger.RequestMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * A receiving session at a dock, for an ASN (and its PO), a PO, or blind. {@code quarantine} is
 * where exceptions are set aside (null: they stay on the dock, on hold). {@code report} is frozen
 * when the receipt is closed. {@code expected} is what the ASN announced (or the PO ordered) when
 * it was opened.
 */
public record Receipt(
    long id,
    Long poId,
    String poNumber,
    String vendor,
    Long asnId,
    String asnNumber,
    String dock,
    String quarantine,
    String status,
    String openedBy,
    long openedAt,
    String closedBy,
    Long closedAt,
    Report report,
    int expected) {

  public boolean open() {
    return "OPEN".equals(status);
  }

  /** This receipt as it is once closed (for its report). */
  Receipt closed() {
    return new Receipt(
        id,
        poId,
        poNumber,
        vendor,
        asnId,
        asnNumber,
        dock,
        quarantine,
        "CLOSED",
        openedBy,
        openedAt,
        closedBy,
        closedAt,
        report,
        expected);
  }

  /** This receipt at its dock and quarantine, by code (its row holds their ids). */
  Receipt at(String dock, String quarantine) {
    return new Receipt(
        id,
        poId,
        poNumber,
        vendor,
        asnId,
        asnNumber,
        dock,
        quarantine,
        status,
        openedBy,
        openedAt,
        closedBy,
        closedAt,
        report,
        expected);
  }

  /** The business transactions every event of this receipt names, in CBV terms. */
  public List<RequestMeta.BizTransaction> bizTransactions() {
    List<RequestMeta.BizTransaction> t = new ArrayList<>(2);
    if (poNumber != null) {
      t.add(new RequestMeta.BizTransaction("po", poNumber));
    }
    if (asnNumber != null) {
      t.add(new RequestMeta.BizTransaction("desadv", asnNumber));
    }
    return t;
  }
}
