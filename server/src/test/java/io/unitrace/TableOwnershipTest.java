package io.unitrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table belongs to one module, written down once: the "owns tables" column of the README's
 * module map. This test reads the SQL of every module (the string literals of its main sources) and
 * fails when a module names a table it does not own, so a read across modules has to go through the
 * owner's API and a write to inventory through the ledger's commands.
 *
 * <p>What counts as naming a table: a table created by a migration that follows {@code FROM},
 * {@code JOIN}, {@code INTO}, {@code UPDATE} or {@code REFERENCES} (SQL keywords in capitals, as
 * the code writes them), including every table of a comma-separated {@code FROM} list. A common
 * table expression's name is not a table. SQL assembled from a variable table name cannot be seen;
 * the code has none.
 */
class TableOwnershipTest {

  static final Path SOURCES = Path.of("src/main/java/io/unitrace");
  static final Path MIGRATIONS = Path.of("src/main/resources/db");
  static final Path README = Path.of("../README.md");

  @Test
  void everyModuleNamesOnlyTheTablesItOwns() {
    Map<String, Set<String>> owners = owners();
    Set<String> tables = tablesInMigrations();
    List<String> crossings = new ArrayList<>();
    for (String module : modules()) {
      Set<String> own = owners.getOrDefault(module, Set.of());
      sources(module)
          .forEach(
              (file, text) -> {
                for (String table : tablesNamed(text)) {
                  if (tables.contains(table) && !own.contains(table)) {
                    crossings.add(module + ": " + SOURCES.relativize(file) + " names " + table);
                  }
                }
              });
    }
    assertThat(crossings)
        .as("SQL naming another module's table (owners: README, \"## Modules\")")
        .isEmpty();
  }

  @Test
  void everyTableHasExactlyOneOwner() {
    Map<String, List<String>> ownersOf = new TreeMap<>();
    owners()
        .forEach(
            (module, own) ->
                own.forEach(t -> ownersOf.computeIfAbsent(t, x -> new ArrayList<>()).add(module)));
    Set<String> tables = tablesInMigrations();
    assertThat(tables).as("tables created by the migrations").isNotEmpty();
    assertThat(new TreeSet<>(ownersOf.keySet()))
        .as("tables owned in the README = tables created by the migrations")
        .isEqualTo(tables);
    ownersOf.forEach((table, modules) -> assertThat(modules).as("owners of " + table).hasSize(1));
    assertThat(owners().keySet())
        .as("owning modules are packages of the server")
        .isSubsetOf(modules());
  }

  @Test
  void flagsAStatementThatNamesAnotherModulesTable() {
    String source =
        """
        class Catalog {
          String mine = "SELECT p.id FROM product p JOIN product_gtin g ON g.product_id = p.id";
          String crossing = "SELECT count(*) FROM unit WHERE product_id = ?";
          String list = \"""
              SELECT l.code
              FROM lot x, location l
              WHERE NOT EXISTS (SELECT 1 FROM stock s WHERE s.location_id = l.id)\""";
          String write = "UPDATE container SET location_id = ? WHERE id = ?";
          String cte = "WITH RECURSIVE tree (id) AS (SELECT 1) SELECT id FROM tree";
          String words = "no unit FROM here"; // a sentence, not SQL: 'here' is no table
        }
        """;
    assertThat(tablesNamed(source))
        .containsExactlyInAnyOrder(
            "product", "product_gtin", "unit", "lot", "location", "stock", "container", "here");
    assertThat(tablesNamed(source)).doesNotContain("tree");
  }

  /** Tables named by the SQL in a source text; CTE names left out. */
  static Set<String> tablesNamed(String source) {
    Set<String> named = new TreeSet<>();
    Set<String> ctes = new TreeSet<>();
    for (String literal : literals(source)) {
      Matcher cte = CTE.matcher(literal);
      while (cte.find()) {
        ctes.add(cte.group(1));
      }
      Matcher m = NAMED.matcher(literal);
      while (m.find()) {
        named.add(m.group(2));
        if (m.group(1).equals("FROM")) {
          // The rest of a comma-separated FROM list: ", lot x, location l".
          Matcher more = MORE_FROM.matcher(literal).region(m.end(), literal.length());
          while (more.lookingAt()) {
            named.add(more.group(1));
            more.region(more.end(), literal.length());
          }
        }
      }
    }
    named.removeAll(ctes);
    return named;
  }

  private static final Pattern NAMED =
      Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE|REFERENCES)\\s+([a-z_][a-z0-9_]*)");
  private static final Pattern MORE_FROM =
      Pattern.compile(
          "(?:\\s+(?!WHERE|JOIN|LEFT|INNER|ON|ORDER|GROUP|LIMIT)[a-z_][a-z0-9_]*)?\\s*,\\s*([a-z_][a-z0-9_]*)");
  private static final Pattern CTE =
      Pattern.compile(
          "(?:\\bWITH(?:\\s+RECURSIVE)?|,)\\s+([a-z_][a-z0-9_]*)\\s*(?:\\([^)]*\\))?\\s+AS\\s*\\(");
  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  private static final Pattern STRING = Pattern.compile("\"((?:\\\\.|[^\"\\\\\\n])*)\"");

  /** The string literals and text blocks of a Java source. */
  static List<String> literals(String source) {
    List<String> out = new ArrayList<>();
    Matcher blocks = TEXT_BLOCK.matcher(source);
    StringBuilder rest = new StringBuilder();
    int last = 0;
    while (blocks.find()) {
      out.add(blocks.group(1));
      rest.append(source, last, blocks.start());
      last = blocks.end();
    }
    rest.append(source.substring(last));
    Matcher strings = STRING.matcher(rest);
    while (strings.find()) {
      out.add(strings.group(1));
    }
    return out;
  }

  /** The server's modules: the packages right under io.unitrace. */
  static Set<String> modules() {
    try (Stream<Path> dirs = Files.list(SOURCES)) {
      Set<String> modules = new TreeSet<>();
      dirs.filter(Files::isDirectory).forEach(d -> modules.add(d.getFileName().toString()));
      assertThat(modules)
          .as("modules under " + SOURCES.toAbsolutePath())
          .contains("ledger", "inbound");
      return modules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every main source of a module, sub-packages included, by file. */
  static Map<Path, String> sources(String module) {
    try (Stream<Path> files = Files.walk(SOURCES.resolve(module))) {
      Map<Path, String> out = new LinkedHashMap<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        out.put(f, Files.readString(f));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tables the migrations create (shared and engine-specific). */
  static Set<String> tablesInMigrations() {
    Pattern create =
        Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");
    Pattern drop = Pattern.compile("(?i)DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");
    try (Stream<Path> files = Files.walk(MIGRATIONS)) {
      Set<String> tables = new TreeSet<>();
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".sql"))
              .sorted(TableOwnershipTest::byVersion)
              .toList()) {
        String sql = Files.readString(f);
        Matcher c = create.matcher(sql);
        while (c.find()) {
          tables.add(c.group(1).toLowerCase());
        }
        Matcher d = drop.matcher(sql);
        while (d.find()) {
          tables.remove(d.group(1).toLowerCase());
        }
      }
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int byVersion(Path a, Path b) {
    return Integer.compare(version(a), version(b));
  }

  private static int version(Path migration) {
    Matcher m = Pattern.compile("^V(\\d+)__").matcher(migration.getFileName().toString());
    return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
  }

  /** Module → tables it owns, read from the README's module map ("owns tables" column). */
  static Map<String, Set<String>> owners() {
    String readme;
    try {
      readme = Files.readString(README);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = readme.indexOf("## Modules");
    assertThat(start).as("the README has a \"## Modules\" section").isNotNegative();
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    Map<String, Set<String>> owners = new TreeMap<>();
    Pattern row = Pattern.compile("(?m)^\\|(.*)\\|(.*)\\|(.*)\\|\\s*$");
    Pattern ticked = Pattern.compile("`([^`]+)`");
    Matcher r = row.matcher(section);
    while (r.find()) {
      Matcher name = ticked.matcher(r.group(1));
      String module = null;
      while (name.find()) {
        module = name.group(1).replace("io.unitrace.", "");
      }
      if (module == null || module.endsWith("/")) {
        continue;
      }
      Set<String> own = new TreeSet<>();
      Matcher t = ticked.matcher(r.group(3));
      while (t.find()) {
        own.add(t.group(1));
      }
      owners.put(module, own);
    }
    assertThat(owners)
        .as("modules in the README's module map")
        .containsKeys("ledger", "inbound", "catalog");
    return owners;
  }
}
