package io.unitrace.bench.load;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server jar run as a process of its own on a given database, as an operator runs it: started
 * (and waited for until healthy), stopped, or killed with SIGKILL. Its output goes to a log file.
 */
final class ServerProcess {

  private final String jar;
  private final String jdbc;
  private final String jdbcUser;
  private final String adminPassword;
  private final int port;
  private final Path log;
  private final HttpClient http = Terminal.client();
  private Process process;

  ServerProcess(
      String jar, String jdbc, String jdbcUser, String adminPassword, int port, String logPrefix)
      throws IOException {
    this.jar = jar;
    this.jdbc = jdbc;
    this.jdbcUser = jdbcUser;
    this.adminPassword = adminPassword;
    this.port = port;
    this.log = Files.createTempFile(logPrefix, ".log");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Path log() {
    return log;
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Starts the jar ({@code env}: settings beyond the database's) and waits until it is healthy. */
  void start(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"),
            "-Xmx512m",
            "-jar",
            new File(jar).getAbsolutePath());
    Map<String, String> e = pb.environment();
    e.put("UNITRACE_DB_URL", jdbc);
    e.put("UNITRACE_DB_USER", jdbcUser);
    e.put("UNITRACE_ADMIN_PASSWORD", adminPassword);
    e.put("UNITRACE_PORT", Integer.toString(port));
    e.putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server stopped while starting; see " + log);
      }
      try {
        if (Terminal.basic(http, base(), "admin", adminPassword).get("/actuator/health").status()
            == 200) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the server was not healthy within 180 s; see " + log);
  }

  /** Stops the server: gracefully, or with SIGKILL (no shutdown hook, no graceful close). */
  void stop(boolean kill) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    if (kill) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    process.waitFor(60, TimeUnit.SECONDS);
  }
}
