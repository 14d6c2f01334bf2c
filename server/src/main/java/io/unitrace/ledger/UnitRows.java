package io.unitrace.ledger;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Columns;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The SQL of the unit projection and the ledger tables. Bulk paths are set-based. */
@Repository
class UnitRows {

  /**
   * A unit as read for a change: its status plus what the conditional update and the hash chain
   * need.
   */
  record Loaded(
      long id,
      long productId,
      Gtin gtin,
      String serial,
      Long lotId,
      UnitStatus status,
      int version,
      String lastHash) {

    UnitRef ref() {
      return new UnitRef(gtin, new Serial(serial));
    }
  }

  /** A unit about to be registered. */
  record Fresh(
      long productId,
      Gtin gtin,
      String serial,
      String scopeKey,
      Long lotId,
      UnitStatus status,
      String hash) {}

  /** An entry about to be appended. */
  record Entry(long unitId, int seq, UnitStatus after, String data, String prevHash, String hash) {}

  private static final TypeReference<TreeMap<String, String>> FIELDS = new TypeReference<>() {};

  private static final String SELECT =
      """
      SELECT u.id, u.product_id, u.gtin, u.serial, u.lot_id, u.state, u.location_id, u.container_id, u.holds, u.fields,
             u.version, u.last_hash
      FROM unit u""";

  private final JdbcClient db;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Database database;

  UnitRows(JdbcClient db, JdbcTemplate jdbc, ObjectMapper json, Database database) {
    this.db = db;
    this.jdbc = jdbc;
    this.json = json;
    this.database = database;
  }

  Optional<Loaded> find(long tenantId, UnitRef ref) {
    return db.sql(SELECT + " WHERE u.tenant_id = ? AND u.gtin = ? AND u.serial = ?")
        .params(tenantId, ref.gtin().value(), ref.serial().value())
        .query(this::loaded)
        .optional();
  }

  /**
   * The units among {@code refs} that exist; read by GTIN in chunks of serials, so the unique index
   * serves.
   */
  Map<UnitRef, Loaded> findAll(long tenantId, List<UnitRef> refs) {
    Map<UnitRef, Loaded> found = new HashMap<>();
    Map<String, Set<String>> byGtin = new LinkedHashMap<>();
    refs.forEach(
        r ->
            byGtin
                .computeIfAbsent(r.gtin().value(), g -> new LinkedHashSet<>())
                .add(r.serial().value()));
    byGtin.forEach(
        (gtin, set) -> {
          List<String> serials = new ArrayList<>(set);
          for (int from = 0; from < serials.size(); from += 500) {
            List<String> chunk = serials.subList(from, Math.min(serials.size(), from + 500));
            db.sql(
                    SELECT
                        + " WHERE u.tenant_id = ? AND u.gtin = ? AND u.serial IN ("
                        + InList.marks(chunk.size())
                        + ")")
                .params(InList.concat(tenantId, InList.concat(gtin, chunk)))
                .query(this::loaded)
                .list()
                .forEach(u -> found.put(u.ref(), u));
          }
        });
    return found;
  }

  boolean eventRecorded(long tenantId, String requestKey) {
    return db.sql("SELECT count(*) FROM ledger_event WHERE tenant_id = ? AND request_key = ?")
            .params(tenantId, requestKey)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * The SSCC the event recorded under {@code requestKey} names as the container it moved (its
   * details' {@code "container"}: a container's move, putaway or nesting), if it names one.
   */
  Optional<String> eventContainer(long tenantId, String requestKey) {
    return db.sql("SELECT details FROM ledger_event WHERE tenant_id = ? AND request_key = ?")
        .params(tenantId, requestKey)
        .query(String.class)
        .optional()
        .map(json::readTree)
        .map(d -> d.get("container"))
        .filter(c -> c.isString())
        .map(c -> c.asString());
  }

  /**
   * Locks the units for the rest of the transaction if each is still RECEIVED on the dock (and,
   * with {@code loose}, in no container): a no-op update, so that it locks on PostgreSQL (waiting
   * for a concurrent writer, then judging its result) and counts. Returns how many it locked.
   */
  int claimReceived(long tenantId, List<Long> ids, long dockId, boolean loose) {
    if (ids.isEmpty()) {
      return 0;
    }
    List<Object> params = new ArrayList<>(ids.size() + 2);
    params.add(dockId);
    params.add(tenantId);
    params.addAll(ids);
    return db.sql(
            "UPDATE unit SET version = version WHERE state = 'RECEIVED' AND location_id = ? AND tenant_id = ? AND id IN ("
                + InList.marks(ids.size())
                + ")"
                + (loose ? " AND container_id IS NULL" : ""))
        .params(params)
        .update();
  }

  /**
   * A page of a product's units that could be allocated (STORED, on no hold), of one lot or of any
   * ({@code lotId} null), in id order after {@code afterId}: the order they were registered in.
   */
  List<Loaded> allocatable(long tenantId, long productId, Long lotId, long afterId, int limit) {
    List<Object> params = new ArrayList<>(List.of(tenantId, productId));
    if (lotId != null) {
      params.add(lotId);
    }
    params.add(afterId);
    params.add(limit);
    return db.sql(
            SELECT
                + " WHERE u.tenant_id = ? AND u.product_id = ? AND u.state = 'STORED' AND u.holds = 0"
                + (lotId == null ? "" : " AND u.lot_id = ?")
                + " AND u.id > ? ORDER BY u.id LIMIT ?")
        .params(params)
        .query(this::loaded)
        .list();
  }

  /** The units with these ids, in id order (so that concurrent writers lock in one order). */
  List<Loaded> byIds(long tenantId, Collection<Long> ids) {
    List<Loaded> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(new TreeSet<>(ids)), 500)) {
      db.sql(SELECT + " WHERE u.tenant_id = ? AND u.id IN (" + InList.marks(chunk.size()) + ")")
          .params(InList.concat(tenantId, chunk))
          .query(this::loaded)
          .list()
          .forEach(found::add);
    }
    found.sort(Comparator.comparingLong(Loaded::id));
    return found;
  }

  /**
   * Every unit inside the given containers, ordered by id so concurrent writers lock in one order.
   */
  List<Loaded> inContainers(long tenantId, List<Long> containerIds) {
    if (containerIds.isEmpty()) {
      return List.of();
    }
    return db.sql(
            SELECT
                + " WHERE u.tenant_id = ? AND u.container_id IN ("
                + InList.marks(containerIds.size())
                + ") ORDER BY u.id")
        .params(InList.concat(tenantId, containerIds))
        .query(this::loaded)
        .list();
  }

  private Loaded loaded(ResultSet rs, int n) throws SQLException {
    UnitStatus status =
        new UnitStatus(
            UnitState.valueOf(rs.getString(6)),
            Rows.longOrNull(rs, 7),
            Rows.longOrNull(rs, 8),
            rs.getInt(9),
            fields(rs.getString(10)));
    return new Loaded(
        rs.getLong(1),
        rs.getLong(2),
        new Gtin(rs.getString(3)),
        rs.getString(4),
        Rows.longOrNull(rs, 5),
        status,
        rs.getInt(11),
        rs.getString(12));
  }

  Map<String, String> fields(String text) {
    return text == null ? Map.of() : json.readValue(text, FIELDS);
  }

  String fieldsText(Map<String, String> fields) {
    return fields.isEmpty() ? null : json.writeValueAsString(new TreeMap<>(fields));
  }

  long insertEvent(
      long tenantId,
      String requestKey,
      String requestDigest,
      EventType type,
      long eventTime,
      String offset,
      long recordedAt,
      String disposition,
      Long readPoint,
      Long bizLocation,
      String bizTransactions,
      String actor,
      String device,
      String rawScan,
      String details,
      int unitCount,
      String hash) {
    return db.sql(
            """
            INSERT INTO ledger_event (tenant_id, request_key, request_digest, type, event_time, event_offset, recorded_at, biz_step,
                                      disposition, read_point, biz_location, biz_transactions, actor, device, raw_scan, details, unit_count,
                                      hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
        .params(
            tenantId,
            requestKey,
            requestDigest,
            type.name(),
            eventTime,
            offset,
            recordedAt,
            type.bizStep(),
            disposition,
            readPoint,
            bizLocation,
            bizTransactions,
            actor,
            device,
            rawScan,
            details,
            unitCount,
            hash)
        .query(Long.class)
        .single();
  }

  /**
   * Inserts new units, skipping any whose serial exists in its scope; returns the ids of those
   * inserted by unit. A shorter answer than the input means duplicates, found without a read per
   * serial.
   */
  Map<UnitRef, Long> insertUnits(long tenantId, List<Fresh> units, long now) {
    List<Object[]> rows = new ArrayList<>(units.size());
    for (Fresh u : units) {
      UnitStatus s = u.status();
      rows.add(
          new Object[] {
            tenantId,
            u.productId(),
            u.gtin().value(),
            u.serial(),
            u.scopeKey(),
            u.lotId(),
            s.state().name(),
            s.location(),
            s.container(),
            s.holds(),
            fieldsText(s.fields()),
            1,
            u.hash(),
            now,
            now
          });
    }
    Map<UnitRef, Long> ids = new HashMap<>(units.size() * 2);
    MultiRowInsert.insertReturning(
        db,
        "unit",
        List.of(
            "tenant_id",
            "product_id",
            "gtin",
            "serial",
            "serial_scope_key",
            "lot_id",
            "state",
            "location_id",
            "container_id",
            "holds",
            "fields",
            "version",
            "last_hash",
            "registered_at",
            "updated_at"),
        rows,
        "ON CONFLICT DO NOTHING RETURNING id, gtin, serial",
        (rs, n) ->
            ids.put(
                new UnitRef(new Gtin(rs.getString(2)), new Serial(rs.getString(3))),
                rs.getLong(1)));
    return ids;
  }

  /**
   * Writes the new status of existing units, each only if nobody changed it since it was read
   * (version check). Returns false when any was changed meanwhile: the caller retries afresh.
   */
  boolean update(List<Loaded> before, List<UnitStatus> after, List<String> hashes, long now) {
    if (database == Database.POSTGRESQL && before.size() > 1) {
      return updateAsOne(before, after, hashes, now);
    }
    List<Object[]> args = new ArrayList<>(before.size());
    for (int i = 0; i < before.size(); i++) {
      Loaded b = before.get(i);
      UnitStatus a = after.get(i);
      args.add(
          new Object[] {
            a.state().name(),
            a.location(),
            a.container(),
            a.holds(),
            fieldsText(a.fields()),
            b.version() + 1,
            hashes.get(i),
            now,
            b.id(),
            b.version()
          });
    }
    int[] counts =
        jdbc.batchUpdate(
            """
        UPDATE unit SET state = ?, location_id = ?, container_id = ?, holds = ?, fields = ?, version = ?, last_hash = ?, updated_at = ?
        WHERE id = ? AND version = ?""",
            args);
    return Arrays.stream(counts).allMatch(c -> c == 1 || c == Statement.SUCCESS_NO_INFO);
  }

  /**
   * The same version-checked update as one statement on PostgreSQL (a bulk hold over thousands of
   * units): every unit must still have the version it was read with, or nothing counts.
   */
  private boolean updateAsOne(
      List<Loaded> before, List<UnitStatus> after, List<String> hashes, long now) {
    List<Integer> at = new ArrayList<>(before.size());
    for (int i = 0; i < before.size(); i++) {
      at.add(i);
    }
    int updated =
        db.sql(
                """
                UPDATE unit SET state = v.state, location_id = v.location_id, container_id = v.container_id,
                       holds = v.holds, fields = v.fields, version = v.version + 1, last_hash = v.hash, updated_at = ?
                FROM unnest(?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::text[], ?::text[])
                     AS v(id, version, state, location_id, container_id, holds, fields, hash)
                WHERE unit.id = v.id AND unit.version = v.version""")
            .params(
                now,
                Columns.longs(at, i -> before.get(i).id()),
                Columns.ints(at, i -> before.get(i).version()),
                Columns.texts(at, i -> after.get(i).state().name()),
                Columns.longs(at, i -> after.get(i).location()),
                Columns.longs(at, i -> after.get(i).container()),
                Columns.ints(at, i -> after.get(i).holds()),
                Columns.texts(at, i -> fieldsText(after.get(i).fields())),
                Columns.texts(at, hashes::get))
            .update();
    return updated == before.size();
  }

  void insertEntries(long tenantId, long eventId, List<Entry> entries) {
    if (database == Database.POSTGRESQL && entries.size() > 1) {
      db.sql(
              """
              INSERT INTO ledger_entry (tenant_id, event_id, unit_id, seq, state, location_id, container_id, holds, data, prev_hash, hash)
              SELECT ?, ?, v.* FROM unnest(?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::text[], ?::text[], ?::text[])
                   AS v(unit_id, seq, state, location_id, container_id, holds, data, prev_hash, hash)""")
          .params(
              tenantId,
              eventId,
              Columns.longs(entries, Entry::unitId),
              Columns.ints(entries, Entry::seq),
              Columns.texts(entries, e -> e.after().state().name()),
              Columns.longs(entries, e -> e.after().location()),
              Columns.longs(entries, e -> e.after().container()),
              Columns.ints(entries, e -> e.after().holds()),
              Columns.texts(entries, Entry::data),
              Columns.texts(entries, Entry::prevHash),
              Columns.texts(entries, Entry::hash))
          .update();
      return;
    }
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      UnitStatus a = e.after();
      rows.add(
          new Object[] {
            tenantId,
            eventId,
            e.unitId(),
            e.seq(),
            a.state().name(),
            a.location(),
            a.container(),
            a.holds(),
            e.data(),
            e.prevHash(),
            e.hash()
          });
    }
    MultiRowInsert.insert(
        db,
        "ledger_entry",
        List.of(
            "tenant_id",
            "event_id",
            "unit_id",
            "seq",
            "state",
            "location_id",
            "container_id",
            "holds",
            "data",
            "prev_hash",
            "hash"),
        rows,
        null);
  }

  /**
   * Replaces searchable custom field values; a unique one already on another unit is a unique
   * violation.
   */
  void writeFields(
      long tenantId, long unitId, Map<String, String> values, Set<String> uniqueNames) {
    for (var f : values.entrySet()) {
      db.sql(
              """
              INSERT INTO unit_field (tenant_id, unit_id, name, value, unique_value) VALUES (?, ?, ?, ?, ?)
              ON CONFLICT (unit_id, name) DO UPDATE SET value = excluded.value, unique_value = excluded.unique_value""")
          .params(
              tenantId, unitId, f.getKey(), f.getValue(), uniqueNames.contains(f.getKey()) ? 1 : 0)
          .update();
    }
  }

  void writeFieldsBulk(long tenantId, List<Object[]> rows) {
    MultiRowInsert.insert(
        db,
        "unit_field",
        List.of("tenant_id", "unit_id", "name", "value", "unique_value"),
        rows,
        null);
  }
}
