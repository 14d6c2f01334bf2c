package io.unitrace.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test: the real server on a random port, spoken to over real HTTP, on a
 * real database. Failsafe runs the suite twice: {@code -Dunitrace.test.database=sqlite} (a fresh
 * file under target/) and {@code =postgres} with {@code unitrace.test.pg-url}; when the PostgreSQL
 * run is switched on and the database is missing, the tests fail, they never skip.
 *
 * <p>All test classes share one application context and one database, so tests isolate their data
 * by creating their own tenant and uniquely named locations ({@link #unique}).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "unitrace.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
      // Every request of the suite signs in with HTTP Basic: at the production cost, bcrypt alone
      // would take most of the suite's time.
      "unitrace.security.password-cost=4",
      "unitrace.ledger.checkpoint-settle-ms=0",
      "unitrace.ledger.checkpoint-interval-ms=3600000",
      // Count plans are run by the tests themselves (CountPlansIT), never behind their back.
      "unitrace.counting.plans-poll-ms=3600000",
      "unitrace.channels.webhooks.poll-ms=100",
      "unitrace.channels.webhooks.backoff-ms=50"
    })
public abstract class IntegrationTest {

  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  @LocalServerPort protected int port;

  protected Api admin;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    String db = System.getProperty("unitrace.test.database", "sqlite");
    switch (db) {
      case "postgres" -> {
        String url = System.getProperty("unitrace.test.pg-url", "");
        if (url.isBlank()) {
          throw new IllegalStateException(
              "the PostgreSQL suite is on but unitrace.test.pg-url is not set");
        }
        registry.add("spring.datasource.url", () -> url);
        registry.add(
            "spring.datasource.username",
            () -> System.getProperty("unitrace.test.pg-user", "postgres"));
        registry.add(
            "spring.datasource.password",
            () -> System.getProperty("unitrace.test.pg-password", ""));
      }
      case "sqlite" -> {
        Path dir = Files.createDirectories(Path.of("target", "it-db"));
        Path file = dir.resolve("unitrace-" + UUID.randomUUID() + ".db");
        registry.add(
            "spring.datasource.url",
            () ->
                "jdbc:sqlite:"
                    + file
                    + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=30000&foreign_keys=true&transaction_mode=IMMEDIATE");
      }
      default -> throw new IllegalStateException("unknown unitrace.test.database " + db);
    }
  }

  @BeforeEach
  void connectAdmin() {
    admin = Api.basic(port, "admin", ADMIN_PASSWORD);
  }

  /** A name no other test uses, for tenants, locations, SKUs and serials. */
  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  protected static boolean onPostgres() {
    return "postgres".equals(System.getProperty("unitrace.test.database", "sqlite"));
  }
}
