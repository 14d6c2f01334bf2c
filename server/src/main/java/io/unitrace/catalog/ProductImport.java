package io.unitrace.catalog;

import io.unitrace.shared.CsvInput;
import io.unitrace.shared.Problem;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products from CSV, all or nothing: every row is checked before anything is written, and one bad
 * row refuses the file, naming the row and column. Existing SKUs are replaced, new ones created.
 *
 * <p>Columns: sku, name, gtins (separated by '|'), tracking, expiry_tracked, shelf_life_days,
 * warranty_months, serial_scope, manufacturer, serial_pattern, fixed_bin (a STORAGE location code),
 * min_shelf_life_days. Only sku, name and tracking are required.
 */
@Component
public class ProductImport {

  public record Result(int created, int updated) {}

  static final Set<String> COLUMNS =
      Set.of(
          "sku",
          "name",
          "gtins",
          "tracking",
          "expiry_tracked",
          "shelf_life_days",
          "warranty_months",
          "serial_scope",
          "manufacturer",
          "serial_pattern",
          "fixed_bin",
          "min_shelf_life_days");

  private static final List<String> REQUIRED = List.of("sku", "name", "tracking");

  private final Catalog catalog;

  ProductImport(Catalog catalog) {
    this.catalog = catalog;
  }

  @Transactional
  public Result run(long tenantId, Reader csv) {
    List<Catalog.ProductSpec> specs = new ArrayList<>();
    try (CSVParser parser = CsvInput.open(csv, COLUMNS, REQUIRED)) {
      for (CSVRecord r : parser) {
        String row = "row " + (r.getRecordNumber() + 1) + ": ";
        Catalog.ProductSpec spec =
            new Catalog.ProductSpec(
                get(r, "sku"),
                get(r, "name"),
                gtins(r),
                parseEnum(Tracking.class, get(r, "tracking"), row + "tracking"),
                bool(get(r, "expiry_tracked"), row + "expiry_tracked"),
                integer(get(r, "shelf_life_days"), row + "shelf_life_days"),
                integer(get(r, "warranty_months"), row + "warranty_months"),
                parseEnum(SerialScope.class, get(r, "serial_scope"), row + "serial_scope"),
                get(r, "manufacturer"),
                get(r, "serial_pattern"),
                List.of(),
                get(r, "fixed_bin"),
                integer(get(r, "min_shelf_life_days"), row + "min_shelf_life_days"),
                null);
        specs.add(inColumns(() -> catalog.validate(spec, row)));
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      if (e instanceof Problem p) {
        throw p;
      }
      throw Problem.badRequest("malformed-csv", null, "the CSV cannot be read: " + e.getMessage());
    }
    int created = 0;
    int updated = 0;
    int row = 1;
    for (Catalog.ProductSpec spec : specs) {
      row++;
      try {
        if (catalog.bySku(tenantId, spec.sku()).isPresent()) {
          var existing = catalog.bySku(tenantId, spec.sku()).orElseThrow();
          catalog.replace(
              tenantId,
              spec.sku(),
              new Catalog.ProductSpec(
                  spec.sku(),
                  spec.name(),
                  spec.gtins(),
                  spec.tracking(),
                  spec.expiryTracked(),
                  spec.shelfLifeDays(),
                  spec.warrantyMonths(),
                  spec.serialScope(),
                  spec.manufacturer(),
                  spec.serialPattern(),
                  existing.customFields(),
                  spec.fixedBin(),
                  spec.minShelfLifeDays(),
                  null));
          updated++;
        } else {
          catalog.create(tenantId, spec);
          created++;
        }
      } catch (Problem p) {
        throw new Problem(
            p.status(),
            p.code(),
            "row " + row + ": " + p.field(),
            "row " + row + ": " + p.getMessage());
      }
    }
    return new Result(created, updated);
  }

  /**
   * Runs a check whose refusal names a JSON field ("row 7: fixedBin") and names the CSV column
   * instead ("row 7: fixed_bin"): the person fixing the file sees column headers, not JSON.
   */
  private static <T> T inColumns(Supplier<T> check) {
    try {
      return check.get();
    } catch (Problem p) {
      if (p.field() == null) {
        throw p;
      }
      String column = p.field().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
      Problem renamed =
          new Problem(p.status(), p.code(), column, p.getMessage().replace(p.field(), column));
      p.extras().forEach(renamed::with);
      throw renamed;
    }
  }

  private static String get(CSVRecord r, String column) {
    return CsvInput.cell(r, column);
  }

  private static List<String> gtins(CSVRecord r) {
    String v = get(r, "gtins");
    return v == null
        ? List.of()
        : Arrays.stream(v.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String v, String field) {
    if (v == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, v.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "invalid-field",
          field,
          "'" + v + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  private static Boolean bool(String v, String field) {
    if (v == null) {
      return false;
    }
    return switch (v.strip().toLowerCase()) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw Problem.badRequest("invalid-field", field, "'" + v + "' is not true or false");
    };
  }

  private static Integer integer(String v, String field) {
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest("invalid-field", field, "'" + v + "' is not a whole number");
    }
  }
}
