package io.unitrace.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * A module test: Spring Modulith bootstraps only the module of the annotated test class (by default
 * with the modules it uses directly), and the test calls the module's public API, without HTTP. The
 * database is real: a fresh SQLite file per application context, migrated by Flyway, so a refusal
 * is checked against the same SQL and constraints as in production.
 *
 * <p>Module tests run in the unit phase (surefire; class names end in {@code ModuleTest}) and on
 * the embedded database only. They hold the rules whose answer does not depend on the engine: input
 * checks, tracking and lot rules, the state machine, holds. Whatever leans on the engine (a unique
 * violation turned into a refusal, {@code ON CONFLICT}, recursive queries, locking under
 * concurrency) stays in the integration tests, which failsafe runs on SQLite and on PostgreSQL.
 * Running module tests once, without a web server and without bcrypt on every request, is what
 * makes moving refusals here cheaper than keeping them over HTTP.
 *
 * <p>Why surefire and not failsafe: the engine-independent rules need not run twice; the unit phase
 * fails the build before the slower integration suite starts; and Spring Modulith's scan of the
 * application's classes (several seconds) is cached per JVM, so in surefire it is shared with
 * {@code ArchitectureTest}, where in failsafe it would be paid a second time. Why the context is
 * small: no web environment and lazily created beans, so neither the servlet stack, the security
 * filter chain nor the controllers are built for a test that calls services (3-4 s for the first
 * module context on the 2-core test machine, about one for each further one in the same JVM,
 * against ten or more for the HTTP server). The module structure is verified by {@code
 * ArchitectureTest} once per build, so not again for every module context here.
 *
 * <p>Tests in one module share its context and its database, so each test makes a client of its own
 * (a {@code Tenants.create}, no HTTP, no bcrypt) and reads only that client's rows.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ApplicationModuleTest(verifyAutomatically = false, webEnvironment = WebEnvironment.NONE)
@TestPropertySource(
    properties = {
      "unitrace.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
      "unitrace.ledger.checkpoint-settle-ms=0",
      "unitrace.ledger.checkpoint-interval-ms=3600000",
      "spring.main.lazy-initialization=true"
    })
@ContextConfiguration(initializers = ModuleTest.FreshDatabase.class)
public @interface ModuleTest {

  /**
   * Which modules besides the tested one start: {@code DIRECT_DEPENDENCIES} gives a module the
   * services it calls (e.g. the ledger gets the catalog, the facility and tenancy).
   */
  @AliasFor(annotation = ApplicationModuleTest.class, attribute = "mode")
  BootstrapMode value() default BootstrapMode.DIRECT_DEPENDENCIES;

  /**
   * Modules to start in addition, by name. Every module needs {@code shared} (the Flyway
   * placeholders of the two engines, the clock) and {@code tenancy} (every row belongs to a client,
   * and tests make their own), though Spring Modulith counts neither as a bean dependency of, say,
   * the catalog; whoever overrides this should keep them.
   */
  @AliasFor(annotation = ApplicationModuleTest.class, attribute = "extraIncludes")
  String[] extraIncludes() default {"shared", "tenancy"};

  /** Points the context at a new SQLite file under target/module-db, created when it starts. */
  class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      try {
        Path dir = Files.createDirectories(Path.of("target", "module-db"));
        Path file = dir.resolve("unitrace-" + UUID.randomUUID() + ".db");
        String url =
            "jdbc:sqlite:"
                + file
                + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=30000&foreign_keys=true&transaction_mode=IMMEDIATE";
        context
            .getEnvironment()
            .getPropertySources()
            .addFirst(
                new MapPropertySource(
                    "module-test-database", Map.of("spring.datasource.url", url)));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot create the module test database", e);
      }
    }
  }
}
