package io.unitrace.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Crash consistency as a test: the server jar is started on a database, loaded by several clients
 * (unit registrations and moves, each with its own Idempotency-Key), killed with SIGKILL in the
 * middle of the load, restarted, and every request that got no answer is sent again with the same
 * key and body, as a scanner does. After the last round: every registration recorded exactly once
 * (its units exist once, its key names one ledger event), every move once (each unit's history is
 * its registration and its moves, no more, no fewer), each unit where its last move put it, and the
 * ledger verifies intact. Exits non-zero, naming what differs, otherwise.
 *
 * <pre>
 * java -cp benchmarks.jar io.unitrace.bench.load.CrashConsistency --jar server.jar \
 *   --jdbc jdbc:postgresql://127.0.0.1:5432/db [--jdbc-user postgres] [--kills 3] [--clients 8]
 * </pre>
 */
public final class CrashConsistency {

  private static final int UNITS_PER_REGISTRATION = 10;

  /** One request as a client sent it, to be sent again unchanged if it got no answer. */
  private record Sent(String key, String path, String body, String serial, String bin) {}

  private final Map<String, String> options;
  private final String password = "crash-" + Long.toHexString(System.nanoTime());
  private final HttpClient http = Terminal.client();
  private final ServerProcess server;
  private final int port;

  private CrashConsistency(Map<String, String> options) throws IOException {
    this.options = options;
    this.port = ServerProcess.freePort();
    // Checkpoints close every second, so kills also land while one is being written.
    this.server =
        new ServerProcess(
            options.get("jar"),
            options.get("jdbc"),
            options.getOrDefault("jdbc-user", ""),
            password,
            port,
            "unitrace-crash-");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (!options.containsKey("jar") || !options.containsKey("jdbc")) {
      System.err.println(
          "usage: CrashConsistency --jar server.jar --jdbc URL [--jdbc-user U] [--kills 3] [--clients 8]");
      System.exit(2);
    }
    CrashConsistency test = new CrashConsistency(options);
    List<String> failures;
    try {
      failures = test.run();
    } finally {
      test.stop(false);
    }
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.out.println("FAILED: " + f));
      System.out.println("server log: " + test.server.log());
      System.exit(1);
    }
    System.out.println("crash consistency: PASSED");
  }

  private List<String> run() throws Exception {
    int kills = Integer.parseInt(options.getOrDefault("kills", "3"));
    int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
    start();
    URI base = URI.create("http://127.0.0.1:" + port);
    Terminal admin = Terminal.basic(http, base, "admin", password);
    BenchSite site = BenchSite.create(admin, "CRASH", 4);
    Terminal scanner = Terminal.bearer(http, base, site.token());

    List<Sent> journal = new ArrayList<>();
    List<Sent> unanswered = new ArrayList<>();
    int resent = 0;
    for (int round = 0; round <= kills; round++) {
      ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Sent> lost = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        int r = round;
        Thread t =
            new Thread(
                () -> load(scanner, site, client, r, stop, sent, lost, refused), "client-" + c);
        t.start();
        threads.add(t);
      }
      long loadMs = 1500 + ThreadLocalRandom.current().nextLong(2500);
      Thread.sleep(loadMs);
      if (round < kills) {
        stop(true); // SIGKILL in the middle of the clients' requests
      } else {
        stop.set(true);
      }
      for (Thread t : threads) {
        t.join(TimeUnit.MINUTES.toMillis(2));
      }
      if (!refused.isEmpty()) {
        return List.copyOf(refused);
      }
      journal.addAll(sent);
      unanswered.addAll(lost);
      System.out.printf(
          "round %d: %,d requests answered, %,d without an answer%s%n",
          round, sent.size() - lost.size(), lost.size(), round < kills ? " (server killed)" : "");
      if (round < kills) {
        start();
        for (Sent s : unanswered) {
          Terminal.Reply reply = scanner.post(s.path(), s.body(), s.key());
          if (reply.status() / 100 != 2) {
            return List.of(
                "re-sending "
                    + s.key()
                    + " after the restart answered "
                    + reply.status()
                    + " "
                    + Terminal.abbreviate(reply.body()));
          }
          resent++;
        }
        unanswered.clear();
      }
    }
    List<String> failures = check(admin, site, journal);
    System.out.printf(
        "%d kills, %,d requests, %,d sent again after a restart, %d inconsistencies%n",
        kills, journal.size(), resent, failures.size());
    return failures;
  }

  /**
   * One client: registrations of a few units and moves of its own units, until told to stop or
   * until a request gets no answer (the server is gone; the request is kept to be sent again).
   */
  private void load(
      Terminal scanner,
      BenchSite site,
      int client,
      int round,
      AtomicBoolean stop,
      ConcurrentLinkedQueue<Sent> sent,
      ConcurrentLinkedQueue<Sent> lost,
      ConcurrentLinkedQueue<String> refused) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<String> mine = new ArrayList<>();
    for (int n = 0; !stop.get(); n++) {
      Sent s;
      String key = "crash-" + round + "-" + client + "-" + n;
      if (mine.size() >= UNITS_PER_REGISTRATION && random.nextInt(10) < 4) {
        String serial = mine.get(random.nextInt(mine.size()));
        String bin = site.bins().get(random.nextInt(site.bins().size()));
        s =
            new Sent(
                key,
                "/api/v1/units/01/" + site.gtin() + "/21/" + serial + "/move",
                BenchSite.json(Map.of("location", bin)),
                serial,
                bin);
      } else {
        List<Map<String, Object>> units = new ArrayList<>();
        for (int k = 0; k < UNITS_PER_REGISTRATION; k++) {
          units.add(
              Map.of(
                  "gtin", site.gtin(), "serial", "C" + round + "-" + client + "-" + n + "-" + k));
        }
        s =
            new Sent(
                key,
                "/api/v1/units",
                BenchSite.json(Map.of("location", site.dock(), "units", units)),
                null,
                null);
      }
      sent.add(s);
      Terminal.Reply reply;
      try {
        reply = scanner.post(s.path(), s.body(), s.key());
      } catch (IllegalStateException gone) {
        lost.add(s);
        return;
      }
      if (reply.status() / 100 != 2) {
        refused.add(
            s.key() + " answered " + reply.status() + " " + Terminal.abbreviate(reply.body()));
        return;
      }
      if (s.serial() == null) {
        for (int k = 0; k < UNITS_PER_REGISTRATION; k++) {
          mine.add("C" + round + "-" + client + "-" + n + "-" + k);
        }
      }
    }
  }

  private List<String> check(Terminal admin, BenchSite site, List<Sent> journal)
      throws SQLException {
    List<String> failures = new ArrayList<>();
    Set<String> serials = new HashSet<>();
    Map<String, Integer> moves = new HashMap<>();
    Map<String, String> lastBin = new LinkedHashMap<>();
    for (Sent s : journal) {
      if (s.serial() == null) {
        for (int k = 0; k < UNITS_PER_REGISTRATION; k++) {
          serials.add("C" + s.key().substring("crash-".length()) + "-" + k);
        }
      } else {
        moves.merge(s.serial(), 1, Integer::sum);
        lastBin.put(s.serial(), s.bin());
      }
    }
    String user = options.getOrDefault("jdbc-user", "");
    try (Connection c =
        DriverManager.getConnection(
            options.get("jdbc"), user, options.getOrDefault("jdbc-password", ""))) {
      Set<String> found = new HashSet<>();
      Map<String, String> at = new HashMap<>();
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT u.serial, l.code FROM unit u LEFT JOIN location l ON l.id = u.location_id WHERE u.tenant_id = ?")) {
        st.setLong(1, site.tenantId());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            if (!found.add(rs.getString(1))) {
              failures.add("unit " + rs.getString(1) + " exists twice");
            }
            at.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      found.remove(null);
      Set<String> missing = new HashSet<>(serials);
      missing.removeAll(found);
      Set<String> extra = new HashSet<>(found);
      extra.removeAll(serials);
      if (!missing.isEmpty()) {
        failures.add(missing.size() + " registered units lost, e.g. " + missing.iterator().next());
      }
      if (!extra.isEmpty()) {
        failures.add(
            extra.size() + " units no request registered, e.g. " + extra.iterator().next());
      }
      for (var e : lastBin.entrySet()) {
        if (!e.getValue().equals(at.get(e.getKey()))) {
          failures.add(
              "unit "
                  + e.getKey()
                  + " is at "
                  + at.get(e.getKey())
                  + ", its last move was to "
                  + e.getValue());
        }
      }
      Map<String, Integer> entries = new HashMap<>();
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT u.serial, count(*) FROM ledger_entry e JOIN unit u ON u.id = e.unit_id WHERE u.tenant_id = ? GROUP BY u.serial")) {
        st.setLong(1, site.tenantId());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            entries.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
      for (String serial : serials) {
        int expected = 1 + moves.getOrDefault(serial, 0);
        int got = entries.getOrDefault(serial, 0);
        if (got != expected) {
          failures.add(
              "unit " + serial + " has " + got + " history entries, its requests made " + expected);
        }
      }
      Set<String> keys = new HashSet<>();
      journal.forEach(s -> keys.add(s.key()));
      int events = 0;
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT request_key, count(*) FROM ledger_event WHERE tenant_id = ? AND request_key LIKE 'crash-%' GROUP BY request_key")) {
        st.setLong(1, site.tenantId());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            events++;
            if (rs.getInt(2) != 1) {
              failures.add("request " + rs.getString(1) + " recorded " + rs.getInt(2) + " times");
            }
            if (!keys.contains(rs.getString(1))) {
              failures.add("an event for request " + rs.getString(1) + ", which nobody sent");
            }
          }
        }
      }
      if (events != keys.size()) {
        failures.add(keys.size() + " requests sent, " + events + " recorded");
      }
      System.out.printf(
          "%,d units registered, %,d moves, %,d ledger events for %,d requests%n",
          found.size(),
          moves.values().stream().mapToInt(Integer::intValue).sum(),
          events,
          keys.size());
    }
    Terminal.Reply verify = admin.in(site.tenant()).post("/api/v1/ledger/verify", "{}");
    if (verify.status() != 200 || !BenchSite.read(verify).path("intact").asBoolean()) {
      failures.add("verify answered " + verify.status() + " " + Terminal.abbreviate(verify.body()));
    }
    return failures;
  }

  private void start() throws IOException, InterruptedException {
    server.start(Map.of("UNITRACE_CHECKPOINT_INTERVAL_MS", "1000"));
  }

  private void stop(boolean kill) throws InterruptedException {
    server.stop(kill);
  }
}
