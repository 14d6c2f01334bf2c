package io.unitrace.ui;

import io.unitrace.inbound.ScanOutcome;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The two reads the receiving screens need that the inbound module does not publish yet: which
 * receipts of a client are open, and the last lines scanned on one receipt. Read-only and narrow on
 * purpose; everything else (the receipt, its counters, its report) comes from
 * {@link io.unitrace.inbound.Receiving}. When inbound offers these reads, this class goes.
 */
@Component
class ReceivingBoard {

  /** One judged line of a receipt, newest first; {@code at} in epoch millis. */
  record ScanLine(ScanOutcome outcome, String sku, String gtin, String serial, String sscc, String message, long at) {}

  private final JdbcClient db;

  ReceivingBoard(JdbcClient db) {
    this.db = db;
  }

  /** The client's open receipts, newest first. */
  List<Long> openReceipts(TenantScope scope, int limit) {
    return db.sql("SELECT id FROM receipt WHERE tenant_id = ? AND status = 'OPEN' ORDER BY id DESC LIMIT ?")
        .params(scope.tenantId(), limit).query(Long.class).list();
  }

  /** The last lines of a receipt the caller already read through {@code Receiving.require} (so it is the client's). */
  List<ScanLine> lastScans(TenantScope scope, long receiptId, int limit) {
    return db.sql("""
            SELECT s.outcome, p.sku, s.gtin, s.serial, s.sscc, s.message, s.scanned_at
            FROM receipt_scan s LEFT JOIN product p ON p.id = s.product_id
            WHERE s.tenant_id = ? AND s.receipt_id = ? ORDER BY s.id DESC LIMIT ?""")
        .params(scope.tenantId(), receiptId, limit)
        .query((rs, n) -> new ScanLine(ScanOutcome.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getLong(7)))
        .list();
  }
}
