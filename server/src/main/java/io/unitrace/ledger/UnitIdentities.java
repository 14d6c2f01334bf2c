package io.unitrace.ledger;

import io.unitrace.ledger.domain.HashChain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The identities of the units registered in form v1 (before re-anchoring), whose entries' hashes do
 * not cover their product and lot (ADR 0018). Re-anchoring records one digest over all of them, in
 * id order, in its event; verification recomputes it, so a rewritten lot or product of such a unit
 * is caught even if it has no entry of form v2 yet.
 */
@Component
class UnitIdentities {

  /** The digest of the legacy units' identities, and how many there are. */
  record Digest(String hex, long units) {}

  private final JdbcTemplate jdbc;
  private final JdbcClient db;
  private final ObjectMapper json;

  UnitIdentities(JdbcTemplate jdbc, JdbcClient db, ObjectMapper json) {
    this.jdbc = new JdbcTemplate(jdbc.getDataSource());
    this.jdbc.setFetchSize(2000);
    this.db = db;
    this.json = json;
  }

  /** Over the units whose registration entry belongs to an event of form v1 (no hash). */
  Digest legacy(long tenantId) {
    MessageDigest sha = HashChain.sha256();
    long[] count = {0};
    jdbc.query(
        """
        SELECT u.id, u.product_id, u.gtin, u.serial, u.lot_id
        FROM unit u
        JOIN ledger_entry e ON e.unit_id = u.id AND e.seq = 1
        JOIN ledger_event ev ON ev.id = e.event_id
        WHERE u.tenant_id = ? AND ev.hash IS NULL
        ORDER BY u.id""",
        rs -> {
          String line =
              HashChain.canonical(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5) == null ? null : rs.getLong(5));
          sha.update(line.getBytes(StandardCharsets.UTF_8));
          sha.update((byte) '\n');
          count[0]++;
        },
        tenantId);
    return new Digest(HashChain.hex(sha.digest()), count[0]);
  }

  /**
   * The break, if the legacy units' identities differ from those recorded at re-anchoring (by the
   * tenant's LEDGER_REANCHORED events).
   */
  Optional<Verification.Break> check(long tenantId) {
    var anchors =
        db.sql("SELECT id, details FROM ledger_event WHERE tenant_id = ? AND type = ? ORDER BY id")
            .params(tenantId, EventType.LEDGER_REANCHORED.name())
            .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
            .list();
    if (anchors.isEmpty()) {
      return Optional.empty();
    }
    Digest now = legacy(tenantId);
    for (Object[] anchor : anchors) {
      JsonNode recorded = json.readTree(String.valueOf(anchor[1])).path("identities");
      String digest = recorded.path("digest").asString();
      long units = recorded.path("units").asLong();
      if (!now.hex().equals(digest) || now.units() != units) {
        return Optional.of(
            new Verification.Break(
                "identities-altered",
                null,
                null,
                null,
                (Long) anchor[0],
                null,
                digest + " over " + units + " units",
                now.hex() + " over " + now.units() + " units",
                "a unit registered before the ledger was re-anchored (event "
                    + anchor[0]
                    + ") has another product, GTIN, serial or lot than it had then, or such a unit"
                    + " was added or removed"));
      }
    }
    return Optional.empty();
  }
}
