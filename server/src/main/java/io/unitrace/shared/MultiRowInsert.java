package io.unitrace.shared;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Set-based inserts: {@code INSERT ... VALUES (...), (...), ...} in chunks that stay under both
 * engines' bind-parameter limits (PostgreSQL's protocol counts them in 16 bits; SQLite allows
 * 32,766). One statement per chunk instead of one round trip per row.
 */
public final class MultiRowInsert {

  private static final int MAX_PARAMS = 30_000;

  private MultiRowInsert() {}

  /** Inserts all rows; {@code suffix} (e.g. "ON CONFLICT DO NOTHING") goes after the VALUES. */
  public static int insert(
      JdbcClient db, String table, List<String> columns, List<Object[]> rows, String suffix) {
    int total = 0;
    for (List<Object[]> chunk : chunks(columns, rows)) {
      total +=
          db.sql(statement(table, columns, chunk.size(), suffix)).params(flatten(chunk)).update();
    }
    return total;
  }

  /** Inserts all rows with a RETURNING clause and maps what comes back. */
  public static <T> List<T> insertReturning(
      JdbcClient db,
      String table,
      List<String> columns,
      List<Object[]> rows,
      String suffixWithReturning,
      RowMapper<T> mapper) {
    List<T> out = new ArrayList<>(rows.size());
    for (List<Object[]> chunk : chunks(columns, rows)) {
      out.addAll(
          db.sql(statement(table, columns, chunk.size(), suffixWithReturning))
              .params(flatten(chunk))
              .query(mapper)
              .list());
    }
    return out;
  }

  private static List<List<Object[]>> chunks(List<String> columns, List<Object[]> rows) {
    int perChunk = Math.max(1, MAX_PARAMS / columns.size());
    List<List<Object[]>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += perChunk) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + perChunk)));
    }
    return chunks;
  }

  private static String statement(String table, List<String> columns, int rowCount, String suffix) {
    String tuple = "(" + "?, ".repeat(columns.size() - 1) + "?)";
    StringBuilder sb = new StringBuilder(64 + rowCount * (tuple.length() + 2));
    sb.append("INSERT INTO ")
        .append(table)
        .append(" (")
        .append(String.join(", ", columns))
        .append(") VALUES ");
    for (int i = 0; i < rowCount; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(tuple);
    }
    if (suffix != null && !suffix.isBlank()) {
      sb.append(' ').append(suffix);
    }
    return sb.toString();
  }

  private static List<Object> flatten(List<Object[]> rows) {
    List<Object> params = new ArrayList<>(rows.size() * (rows.isEmpty() ? 0 : rows.get(0).length));
    for (Object[] row : rows) {
      for (Object v : row) {
        params.add(v);
      }
    }
    return params;
  }
}
