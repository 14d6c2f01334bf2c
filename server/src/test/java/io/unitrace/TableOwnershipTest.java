package io.unitrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table belongs to one module, and no module's SQL names another's: a read across modules goes
 * through the owner's API. Read from the sources, because the SQL is hand-written next to the code
 * that runs it. Modules are added here as they stop crossing.
 */
class TableOwnershipTest {

  private static final Path SOURCES = Path.of("src/main/java/io/unitrace");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db");

  private static final Map<String, List<String>> OWNED =
      Map.of(
          "tenancy", List.of("tenant", "app_user", "user_tenant", "api_token"),
          "catalog", List.of("product", "product_gtin", "lot"),
          "facility", List.of("warehouse", "location", "sscc_counter", "sscc_numbering"),
          "ledger", List.of("ledger_*", "unit", "unit_field", "stock*", "container"),
          "inbound", List.of("purchase_order", "po_line", "asn*", "receipt*"));

  /** Crossings on their way out: the container code moves to the ledger, and with it these. */
  private static final Set<String> LEAVING =
      Set.of("facility/Facility.java: container", "catalog/Catalog.java: unit");

  private static final List<String> CHECKED = List.of("tenancy", "catalog", "facility");

  // Keywords are upper case in this code base; messages that say "from" or "into" are not SQL.
  private static final Pattern TABLE_AFTER_KEYWORD =
      Pattern.compile(
          "\\b(?:FROM|JOIN|INTO|UPDATE)\\s+([a-z_]+)((?:\\s+[a-z]\\w*)?(?:\\s*,\\s*[a-z_]+(?:\\s+[a-z]\\w*)?)*)");

  @Test
  void everyTableHasOneOwningModule() {
    for (String table : tables()) {
      assertThat(OWNED.keySet().stream().filter(m -> owns(m, table)))
          .as("modules owning table %s", table)
          .hasSize(1);
    }
  }

  @Test
  void noModulesSqlNamesAnotherModulesTable() {
    Set<String> tables = tables();
    List<String> crossings = new ArrayList<>();
    for (String module : CHECKED) {
      for (Path file : javaFiles(SOURCES.resolve(module))) {
        String source = read(file);
        for (String table : namedTables(source)) {
          String where = SOURCES.relativize(file).toString().replace('\\', '/') + ": " + table;
          if (tables.contains(table) && !owns(module, table) && !LEAVING.contains(where)) {
            crossings.add(where);
          }
        }
      }
    }
    assertThat(crossings).as("SQL naming another module's table").isEmpty();
  }

  private static boolean owns(String module, String table) {
    return OWNED.get(module).stream()
        .anyMatch(
            name ->
                name.endsWith("*")
                    ? table.startsWith(name.substring(0, name.length() - 1))
                    : table.equals(name));
  }

  /** Tables after FROM, JOIN, INTO, UPDATE, and after the commas of "FROM a x, b y". */
  private static Set<String> namedTables(String source) {
    Set<String> named = new TreeSet<>();
    Matcher m = TABLE_AFTER_KEYWORD.matcher(source);
    while (m.find()) {
      named.add(m.group(1));
      String[] joined = m.group(2).split(",");
      for (int i = 1; i < joined.length; i++) {
        named.add(joined[i].strip().split("\\s+")[0]);
      }
    }
    return named;
  }

  private static Set<String> tables() {
    Set<String> tables = new TreeSet<>();
    Pattern create = Pattern.compile("CREATE TABLE (\\w+)");
    try (Stream<Path> files = Files.walk(MIGRATIONS)) {
      files
          .filter(f -> f.toString().endsWith(".sql"))
          .forEach(
              f -> {
                Matcher m = create.matcher(read(f));
                while (m.find()) {
                  tables.add(m.group(1));
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Fails rather than passes if the test runs where the sources are not.
    assertThat(tables).contains("tenant", "unit", "location");
    return tables;
  }

  private static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertThat(java).as("sources of %s", dir).isNotEmpty();
      return java;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
