package io.unitrace.shared;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Null-aware column reads that behave the same on PostgreSQL's and SQLite's drivers. */
public final class Rows {

  private Rows() {}

  public static Long longOrNull(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  public static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  public static Integer intOrNull(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }
}
