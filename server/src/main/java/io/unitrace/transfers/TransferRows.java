package io.unitrace.transfers;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Rows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of transfers: the document and the units, containers and counted goods it carries. */
@Repository
class TransferRows {

  record Transfer(
      long id,
      String number,
      String from,
      String to,
      String status,
      long shippedEventId,
      String shippedBy,
      long shippedAt,
      Long receivedAt,
      String closedBy,
      Long closedAt,
      String closedReason,
      long tenantId) {}

  /**
   * A unit the transfer carries loose, or (gtin null, serial the SSCC) a container; {@code id} its
   * row in transfer_unit or transfer_container.
   */
  record Unit(long id, String gtin, String serial, Long receivedEventId) {

    /** The unit it names (not for a container). */
    UnitRef ref() {
      return new UnitRef(Gtin.parse(gtin), new Serial(serial));
    }

    String key() {
      return gtin == null ? serial : gtin + "/" + serial;
    }
  }

  /** Counted goods the transfer carries: a lot (or none) of a GTIN, shipped and arrived. */
  record Stock(long id, String gtin, String lot, long quantity, long received) {

    String key() {
      return key(gtin, lot);
    }

    /** How a line of a GTIN and lot (none for untracked goods) is named and matched. */
    static String key(String gtin, String lot) {
      return gtin + (lot == null ? "" : " lot " + lot);
    }
  }

  private static final String TRANSFER =
      """
      SELECT id, number, from_warehouse, to_warehouse, status, shipped_event_id, shipped_by,
             shipped_at, received_at, closed_by, closed_at, closed_reason, tenant_id
      FROM transfer""";

  private final JdbcClient db;

  TransferRows(JdbcClient db) {
    this.db = db;
  }

  /** A new transfer, numbered TRF- and its id, with its units; in the dispatch's transaction. */
  long insert(
      long tenantId,
      String from,
      String to,
      long eventId,
      String by,
      long at,
      List<String[]> units,
      List<String> containers,
      List<Stock> stock) {
    long id =
        db.sql(
                """
                INSERT INTO transfer (tenant_id, from_warehouse, to_warehouse, status, shipped_event_id,
                                      shipped_by, shipped_at)
                VALUES (?, ?, ?, 'IN_TRANSIT', ?, ?, ?) RETURNING id""")
            .params(tenantId, from, to, eventId, by, at)
            .query(Long.class)
            .single();
    db.sql("UPDATE transfer SET number = ? WHERE id = ?")
        .params(String.format("TRF-%06d", id), id)
        .update();
    MultiRowInsert.insert(
        db,
        "transfer_unit",
        List.of("tenant_id", "transfer_id", "gtin", "serial"),
        units.stream().map(u -> new Object[] {tenantId, id, u[0], u[1]}).toList(),
        "");
    MultiRowInsert.insert(
        db,
        "transfer_container",
        List.of("tenant_id", "transfer_id", "sscc"),
        containers.stream().map(c -> new Object[] {tenantId, id, c}).toList(),
        "");
    MultiRowInsert.insert(
        db,
        "transfer_stock",
        List.of("tenant_id", "transfer_id", "gtin", "lot", "quantity", "received"),
        stock.stream()
            .map(q -> new Object[] {tenantId, id, q.gtin(), q.lot(), q.quantity(), 0L})
            .toList(),
        "");
    return id;
  }

  Optional<Transfer> byShippedEvent(long tenantId, long eventId) {
    return db.sql(TRANSFER + " WHERE tenant_id = ? AND shipped_event_id = ?")
        .params(tenantId, eventId)
        .query((rs, n) -> transfer(rs))
        .optional();
  }

  Optional<Transfer> byNumber(long tenantId, String number) {
    return db.sql(TRANSFER + " WHERE tenant_id = ? AND number = ?")
        .params(tenantId, number)
        .query((rs, n) -> transfer(rs))
        .optional();
  }

  List<Transfer> list(long tenantId, long afterId, int limit) {
    return db.sql(TRANSFER + " WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?")
        .params(tenantId, afterId, limit)
        .query((rs, n) -> transfer(rs))
        .list();
  }

  List<Unit> units(long transferId) {
    return units(List.of(transferId)).getOrDefault(transferId, List.of());
  }

  /** The units each transfer carries loose, in the order shipped: one statement for them all. */
  Map<Long, List<Unit>> units(List<Long> transferIds) {
    return byTransfer(
        "SELECT transfer_id, id, gtin, serial, received_event_id FROM transfer_unit",
        transferIds,
        (rs, n) ->
            new Unit(rs.getLong(2), rs.getString(3), rs.getString(4), Rows.longOrNull(rs, 5)));
  }

  /** The containers a transfer carries whole: SSCC and the event each arrived in. */
  List<Unit> containers(long transferId) {
    return containers(List.of(transferId)).getOrDefault(transferId, List.of());
  }

  Map<Long, List<Unit>> containers(List<Long> transferIds) {
    return byTransfer(
        "SELECT transfer_id, id, sscc, received_event_id FROM transfer_container",
        transferIds,
        (rs, n) -> new Unit(rs.getLong(2), null, rs.getString(3), Rows.longOrNull(rs, 4)));
  }

  /** The counted goods a transfer carries, in the order shipped. */
  List<Stock> stock(long transferId) {
    return stock(List.of(transferId)).getOrDefault(transferId, List.of());
  }

  Map<Long, List<Stock>> stock(List<Long> transferIds) {
    return byTransfer(
        "SELECT transfer_id, id, gtin, lot, quantity, received FROM transfer_stock",
        transferIds,
        (rs, n) ->
            new Stock(
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6)));
  }

  /**
   * The rows of {@code select} (its first column the transfer's id) for the transfers named, per
   * transfer in the order written.
   */
  private <T> Map<Long, List<T>> byTransfer(
      String select, List<Long> transferIds, RowMapper<T> read) {
    Map<Long, List<T>> out = new HashMap<>();
    if (transferIds.isEmpty()) {
      return out;
    }
    db.sql(select + " WHERE transfer_id IN (" + InList.marks(transferIds.size()) + ") ORDER BY id")
        .params(List.copyOf(transferIds))
        .query((rs, n) -> Map.entry(rs.getLong(1), read.mapRow(rs, n)))
        .list()
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  /**
   * Adds {@code quantity} to what has arrived of the line {@code id}, only while that stays within
   * what was shipped: false tells a concurrent arrival that took some of it.
   */
  boolean stockArrived(long id, long quantity, long eventId) {
    return db.sql(
                """
                UPDATE transfer_stock SET received = received + ?, last_received_event_id = ?
                WHERE id = ? AND received + ? <= quantity""")
            .params(quantity, eventId, id, quantity)
            .update()
        == 1;
  }

  /**
   * Marks the rows {@code ids} of {@code table} (transfer_unit or transfer_container) arrived in
   * {@code eventId}, only those still on their way: the count of rows changed tells a concurrent
   * arrival of the same unit or container.
   */
  int arrived(String table, long transferId, List<Long> ids, long eventId, String at) {
    int changed = 0;
    for (List<Long> chunk : InList.chunks(ids, 500)) {
      List<Object> params = new ArrayList<>(List.of(eventId, at, transferId));
      params.addAll(chunk);
      changed +=
          db.sql(
                  "UPDATE "
                      + table
                      + " SET received_event_id = ?, received_at = ?"
                      + " WHERE transfer_id = ? AND received_event_id IS NULL AND id IN ("
                      + InList.marks(chunk.size())
                      + ")")
              .params(params)
              .update();
    }
    return changed;
  }

  /** RECEIVED once no unit is on its way. */
  /**
   * Closes a transfer still on its way as short (CLOSED), in the loss event's transaction; false if
   * it is no longer IN_TRANSIT (an arrival or another close came first).
   */
  boolean closeShort(long transferId, long eventId, String by, long at, String reason) {
    return db.sql(
                """
                UPDATE transfer SET status = 'CLOSED', closed_event_id = ?, closed_by = ?,
                                    closed_at = ?, closed_reason = ?
                WHERE id = ? AND status = 'IN_TRANSIT'""")
            .params(eventId, by, at, reason, transferId)
            .update()
        == 1;
  }

  void closeIfArrived(long transferId, long at) {
    db.sql(
            """
            UPDATE transfer SET status = 'RECEIVED', received_at = ?
            WHERE id = ? AND status = 'IN_TRANSIT'
              AND NOT EXISTS
                (SELECT 1 FROM transfer_unit WHERE transfer_id = ? AND received_event_id IS NULL)
              AND NOT EXISTS
                (SELECT 1 FROM transfer_container WHERE transfer_id = ? AND received_event_id IS NULL)
              AND NOT EXISTS
                (SELECT 1 FROM transfer_stock WHERE transfer_id = ? AND received < quantity)""")
        .params(at, transferId, transferId, transferId, transferId)
        .update();
  }

  private static Transfer transfer(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Transfer(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getLong(6),
        rs.getString(7),
        rs.getLong(8),
        Rows.longOrNull(rs, 9),
        rs.getString(10),
        Rows.longOrNull(rs, 11),
        rs.getString(12),
        rs.getLong(13));
  }
}
