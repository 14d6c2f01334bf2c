package io.unitrace.ledger;

import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.domain.HashChain;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Rows;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The canonical texts the ledger hashes, by form (ADR 0018). An event with a stored {@code hash} is
 * of form v2, one without of form v1 (recorded before re-anchoring existed), and its entries are of
 * its form.
 *
 * <ul>
 *   <li>v1 event: tenant, request key, type, times, EPCIS fields, actor, device, raw scan, details.
 *   <li>v2 event: the same, plus the request digest and the unit count; its own SHA-256 is stored
 *       on the row, so an event that touches no unit is hashed too, and digested by the event
 *       book's checkpoints.
 *   <li>v1 unit entry: GTIN, serial, seq, state after, location, container, holds, command.
 *   <li>v2 unit entry: the same, plus the unit's product and lot: its whole identity is in every
 *       link of its chain (its custom fields already are, through the commands that set them).
 * </ul>
 */
final class Forms {

  private Forms() {}

  static String eventV1(
      long tenant,
      String key,
      String type,
      long eventTime,
      String offset,
      long recordedAt,
      String bizStep,
      String disposition,
      Long readPoint,
      Long bizLocation,
      String bizTransactions,
      String actor,
      String device,
      String rawScan,
      String details) {
    return HashChain.canonical(
        "v1",
        tenant,
        key,
        type,
        eventTime,
        offset,
        recordedAt,
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        bizTransactions,
        actor,
        device,
        rawScan,
        details);
  }

  static String eventV2(
      long tenant,
      String key,
      String requestDigest,
      String type,
      long eventTime,
      String offset,
      long recordedAt,
      String bizStep,
      String disposition,
      Long readPoint,
      Long bizLocation,
      String bizTransactions,
      String actor,
      String device,
      String rawScan,
      String details,
      int unitCount) {
    return HashChain.canonical(
        "v2",
        tenant,
        key,
        requestDigest,
        type,
        eventTime,
        offset,
        recordedAt,
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        bizTransactions,
        actor,
        device,
        rawScan,
        details,
        unitCount);
  }

  /** The SHA-256 (hex) an event row of form v2 carries: over its canonical text. */
  static String eventHash(String canonical) {
    return HashChain.hex(HashChain.sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The canonical text of the event on this row, in the row's form. The row has the columns of
   * {@link #EVENT_COLUMNS}.
   */
  static String event(ResultSet rs) throws SQLException {
    if (rs.getString("ev_hash") == null) {
      return eventV1(
          rs.getLong("tenant_id"),
          rs.getString("request_key"),
          rs.getString("type"),
          rs.getLong("event_time"),
          rs.getString("event_offset"),
          rs.getLong("recorded_at"),
          rs.getString("biz_step"),
          rs.getString("disposition"),
          Rows.longOrNull(rs, "read_point"),
          Rows.longOrNull(rs, "biz_location"),
          rs.getString("biz_transactions"),
          rs.getString("actor"),
          rs.getString("device"),
          rs.getString("raw_scan"),
          rs.getString("details"));
    }
    return eventV2(
        rs.getLong("tenant_id"),
        rs.getString("request_key"),
        rs.getString("request_digest"),
        rs.getString("type"),
        rs.getLong("event_time"),
        rs.getString("event_offset"),
        rs.getLong("recorded_at"),
        rs.getString("biz_step"),
        rs.getString("disposition"),
        Rows.longOrNull(rs, "read_point"),
        Rows.longOrNull(rs, "biz_location"),
        rs.getString("biz_transactions"),
        rs.getString("actor"),
        rs.getString("device"),
        rs.getString("raw_scan"),
        rs.getString("details"),
        rs.getInt("unit_count"));
  }

  /** The columns {@link #event(ResultSet)} reads, of {@code ledger_event ev}. */
  static final String EVENT_COLUMNS =
      """
      ev.id AS event_id, ev.tenant_id, ev.request_key, ev.request_digest, ev.type, ev.event_time, ev.event_offset,
      ev.recorded_at, ev.biz_step, ev.disposition, ev.read_point, ev.biz_location, ev.biz_transactions, ev.actor,
      ev.device, ev.raw_scan, ev.details, ev.unit_count, ev.hash AS ev_hash""";

  static String entryV1(Gtin gtin, String serial, int seq, UnitStatus after, String data) {
    return HashChain.canonical(
        gtin.value(),
        serial,
        seq,
        after.state().name(),
        after.location(),
        after.container(),
        after.holds(),
        data);
  }

  static String entryV2(
      long productId,
      Long lotId,
      Gtin gtin,
      String serial,
      int seq,
      UnitStatus after,
      String data) {
    return HashChain.canonical(
        "v2",
        productId,
        lotId,
        gtin.value(),
        serial,
        seq,
        after.state().name(),
        after.location(),
        after.container(),
        after.holds(),
        data);
  }
}
