package io.unitrace.shared;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

/**
 * The two engines Unitrace runs on. SQL is written once for both (see ADR 0001); what differs is
 * the DDL type of generated keys (a Flyway placeholder) and how a unique violation is reported.
 */
public enum Database {
  POSTGRESQL,
  SQLITE;

  public static Database of(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase();
      if (product.contains("postgres")) {
        return POSTGRESQL;
      }
      if (product.contains("sqlite")) {
        return SQLITE;
      }
      throw new IllegalStateException("Unitrace runs on PostgreSQL or SQLite, not on " + product);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database", e);
    }
  }

  /** True when {@code e} was caused by a UNIQUE or PRIMARY KEY constraint on either engine. */
  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DuplicateKeyException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        if ("23505".equals(sql.getSQLState())) {
          return true;
        }
        String m = String.valueOf(sql.getMessage());
        if (m.contains("SQLITE_CONSTRAINT_UNIQUE") || m.contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The constraint or index named in a unique violation, or "" when the engine does not say. */
  public static String violatedConstraint(DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      int i = m.indexOf("constraint \"");
      if (i >= 0) {
        int j = m.indexOf('"', i + 12);
        return j > i ? m.substring(i + 12, j) : "";
      }
      i = m.indexOf("UNIQUE constraint failed: ");
      if (i >= 0) {
        return m.substring(i + 26).replace(")", "").strip();
      }
    }
    return "";
  }
}
