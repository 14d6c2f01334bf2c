package io.unitrace.inbound;

import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The client's ASNs a page at a time, for the office's list: each with what it announces and how
 * much of it the receipts opened against it have taken in. One statement per page.
 */
@Service
public class AsnList {

  /**
   * {@code units}: announced, in units of the product; {@code received}: units the ASN's receipts
   * took in as ordered (the receipt tally's count against the PO: wrong products and overs left
   * out).
   */
  public record AsnSummary(
      String number,
      String purchaseOrder,
      LocalDate shippedOn,
      Instant createdAt,
      int items,
      long units,
      long received) {}

  private final JdbcClient db;

  AsnList(JdbcClient db) {
    this.db = db;
  }

  public CursorPage<AsnSummary> page(long tenantId, String cursor, int limit) {
    List<Map.Entry<Long, AsnSummary>> rows =
        db.sql(
                """
            SELECT a.id, a.number, p.number, a.shipped_on, a.created_at,
                   (SELECT count(*) FROM asn_item i WHERE i.tenant_id = a.tenant_id AND i.asn_id = a.id),
                   (SELECT coalesce(sum(i.quantity), 0) FROM asn_item i WHERE i.tenant_id = a.tenant_id AND i.asn_id = a.id),
                   (SELECT coalesce(sum(t.counted), 0) FROM receipt_tally t JOIN receipt r ON r.id = t.receipt_id
                     WHERE r.tenant_id = a.tenant_id AND r.asn_id = a.id)
            FROM asn a JOIN purchase_order p ON p.id = a.po_id AND p.tenant_id = a.tenant_id
            WHERE a.tenant_id = ? AND a.id > ? ORDER BY a.id LIMIT ?""")
            .params(tenantId, CursorPage.decode(cursor), limit + 1)
            .query(
                (rs, n) ->
                    Map.entry(
                        rs.getLong(1),
                        new AsnSummary(
                            rs.getString(2),
                            rs.getString(3),
                            Times.date(rs.getString(4)),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            rs.getInt(6),
                            rs.getLong(7),
                            rs.getLong(8))))
            .list();
    return CursorPage.of(rows, limit, Map.Entry::getKey).map(Map.Entry::getValue);
  }
}
