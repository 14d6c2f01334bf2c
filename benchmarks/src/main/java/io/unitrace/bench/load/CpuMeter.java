package io.unitrace.bench.load;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the CPU went during a phase: the server process, the PostgreSQL backends serving this
 * database, and this driver, read from /proc (Linux) before and after. On a shared machine the
 * wall-clock rates depend on what else runs; CPU time per request does much less, so it tells what
 * the same code would do on idle cores. Also samples the load average, to show contention.
 */
final class CpuMeter {

  record Snapshot(
      long wallNanos,
      double serverSeconds,
      double databaseSeconds,
      double driverSeconds,
      String loadAverage) {}

  record Usage(
      double wallSeconds,
      double serverSeconds,
      double databaseSeconds,
      double driverSeconds,
      String loadBefore,
      String loadAfter) {

    /** CPU milliseconds per request of each side, for {@code requests} requests. */
    String per(long requests, String what) {
      return String.format(
          "CPU per %s: server %.2f ms, PostgreSQL %.2f ms, driver %.2f ms (%.2f of 2 cores busy with this run; load average %s -> %s)",
          what,
          1000 * serverSeconds / requests,
          1000 * databaseSeconds / requests,
          1000 * driverSeconds / requests,
          (serverSeconds + databaseSeconds + driverSeconds) / wallSeconds,
          loadBefore,
          loadAfter);
    }
  }

  private static final double TICKS_PER_SECOND = 100.0;

  private final long serverPid;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  CpuMeter(long serverPid, String jdbcUrl, String user, String password) {
    this.serverPid = serverPid;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  Snapshot snapshot() {
    double db = 0;
    for (long pid : backends()) {
      db += cpuSeconds(pid);
    }
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Snapshot(
        System.nanoTime(),
        serverPid > 0 ? cpuSeconds(serverPid) : 0,
        db,
        os.getProcessCpuTime() / 1e9,
        loadAverage());
  }

  static Usage between(Snapshot a, Snapshot b) {
    return new Usage(
        (b.wallNanos() - a.wallNanos()) / 1e9,
        b.serverSeconds() - a.serverSeconds(),
        b.databaseSeconds() - a.databaseSeconds(),
        b.driverSeconds() - a.driverSeconds(),
        a.loadAverage(),
        b.loadAverage());
  }

  /**
   * The backends connected to this database now; the server's pool keeps its connections, so the
   * set is stable during a phase.
   */
  private List<Long> backends() {
    List<Long> pids = new ArrayList<>();
    if (jdbcUrl.startsWith("jdbc:sqlite")) {
      return pids; // embedded: the database works inside the server process and is counted there
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        pids.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the database backends: " + e.getMessage(), e);
    }
    return pids;
  }

  /** utime + stime of a process, in seconds; 0 for a process that has gone. */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces; fields after its closing parenthesis are fixed.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
