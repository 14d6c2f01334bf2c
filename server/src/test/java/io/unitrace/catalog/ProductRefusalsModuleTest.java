package io.unitrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unitrace.facility.Facility;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.Problem;
import io.unitrace.support.ModuleTest;
import io.unitrace.support.Site;
import io.unitrace.tenancy.Tenants;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the catalog refuses in a product's definition, one at a time or in a CSV file: the refusal
 * names the field (and, for a file, the row and column), and no product is created or changed, not
 * even from the file's good rows. How the refusals reach a client as problem+json stays with {@code
 * CatalogIT} and {@code ProductImportIT}.
 */
@ModuleTest
class ProductRefusalsModuleTest {

  /**
   * The catalog asks the ledger whether units of a product exist; without the ledger here, none do,
   * which is true of every product these tests make.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class NoUnitsYet {

    @Bean
    ProductsInUse productsInUse() {
      return new ProductsInUse() {
        @Override
        public boolean hasUnits(long productId) {
          return false;
        }

        @Override
        public boolean hasUnitsWithGtin(long tenantId, Gtin gtin) {
          return false;
        }
      };
    }
  }

  @Autowired Catalog catalog;
  @Autowired ProductImport imports;
  @Autowired Tenants tenants;
  @Autowired Facility facility;

  String dock;
  String bin1;
  String bin2;
  String quarantine;

  @BeforeAll
  void buildWarehouse() {
    String wh = unique("WH");
    facility.createWarehouse(wh, "Warehouse " + wh, null);
    dock = facility.createLocation(wh, null, wh + "-DOCK", null, "AREA", LocationType.DOCK).code();
    String zone =
        facility.createLocation(wh, null, wh + "-Z1", null, "ZONE", LocationType.STORAGE).code();
    bin1 = facility.createLocation(wh, zone, wh + "-B1", null, "BIN", LocationType.STORAGE).code();
    bin2 = facility.createLocation(wh, zone, wh + "-B2", null, "BIN", LocationType.STORAGE).code();
    quarantine =
        facility.createLocation(wh, null, wh + "-Q", null, "AREA", LocationType.QUARANTINE).code();
  }

  @Test
  void aProductDefinitionThatContradictsItselfIsRefusedNamingTheField() {
    long client = newClient();
    record Case(Catalog.ProductSpec spec, String field) {}
    CustomField imei = new CustomField("IMEI", CustomField.Type.TEXT, false, true);
    CustomField imeiAgain = new CustomField("IMEI", CustomField.Type.NUMBER, false, false);
    List<Case> cases =
        List.of(
            new Case(spec("bad sku!", "n", Tracking.NONE), "sku"),
            new Case(spec(unique("S"), " ", Tracking.NONE), "name"),
            new Case(spec(unique("S"), "n", null), "tracking"),
            new Case(
                spec(
                    unique("S"),
                    Tracking.SERIAL,
                    null,
                    SerialScope.MANUFACTURER,
                    null,
                    null,
                    null,
                    null),
                "manufacturer"),
            new Case(
                spec(unique("S"), Tracking.SERIAL, null, null, "[unclosed", null, null, null),
                "serialPattern"),
            new Case(
                spec(unique("S"), Tracking.NONE, -1, null, null, null, null, null),
                "shelfLifeDays"),
            new Case(
                spec(
                    unique("S"),
                    Tracking.SERIAL,
                    null,
                    null,
                    null,
                    List.of(imei, imeiAgain),
                    null,
                    null),
                "customFields"));

    for (Case c : cases) {
      Problem p = refused(client, () -> catalog.create(client, c.spec()));

      assertThat(p.code()).as(p.getMessage()).isEqualTo("invalid-field");
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.field()).as(p.getMessage()).isEqualTo(c.field());
    }
  }

  @Test
  void aFixedBinMustBeAnExistingStorageLocationAndShelfLifeNotNegative() {
    long client = newClient();
    record Case(Catalog.ProductSpec spec, String field, String detail) {}
    List<Case> cases =
        List.of(
            new Case(
                spec(unique("S"), Tracking.NONE, null, null, null, null, unique("NOWHERE"), null),
                "fixedBin",
                "no location"),
            new Case(
                spec(unique("S"), Tracking.NONE, null, null, null, null, dock, null),
                "fixedBin",
                "DOCK"),
            new Case(
                spec(unique("S"), Tracking.NONE, null, null, null, null, quarantine, null),
                "fixedBin",
                "QUARANTINE"),
            new Case(
                spec(unique("S"), Tracking.NONE, null, null, null, null, null, -1),
                "minShelfLifeDays",
                "negative"));
    for (Case c : cases) {
      Problem p = refused(client, () -> catalog.create(client, c.spec()));

      assertThat(p.code()).as(p.getMessage()).isEqualTo("invalid-field");
      assertThat(p.field()).as(p.getMessage()).isEqualTo(c.field());
      assertThat(p.getMessage()).contains(c.detail());
    }

    String sku = unique("SKU");
    catalog.create(client, spec(sku, "Phone", Tracking.SERIAL));
    Problem replace =
        refused(
            client,
            () ->
                catalog.replace(
                    client, sku, spec(sku, Tracking.SERIAL, null, null, null, null, dock, null)));

    assertThat(replace.field()).isEqualTo("fixedBin");
    Product unchanged = catalog.bySku(client, sku).orElseThrow();
    assertThat(unchanged.name()).isEqualTo("Phone");
    assertThat(unchanged.fixedBinId()).isNull();
  }

  @Test
  void replacingAProductChangesItsDescriptionButNeverItsSku() {
    long client = newClient();
    String sku = unique("SKU");
    String gtin = Site.randomGtin();
    String extra = Site.randomGtin();
    catalog.create(
        client,
        new Catalog.ProductSpec(
            sku,
            "Phone",
            List.of(gtin),
            Tracking.SERIAL,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(new CustomField("IMEI", CustomField.Type.TEXT, false, true)),
            null,
            null,
            null));

    Product replaced =
        catalog.replace(
            client,
            sku,
            new Catalog.ProductSpec(
                sku,
                "Phone, refurbished",
                List.of(gtin, extra),
                Tracking.SERIAL,
                null,
                null,
                6,
                null,
                null,
                null,
                List.of(new CustomField("IMEI", CustomField.Type.TEXT, true, true)),
                null,
                null,
                null));
    Problem renamed =
        refused(client, () -> catalog.replace(client, sku, spec(sku + "X", "n", Tracking.SERIAL)));
    Problem missing =
        refused(
            client, () -> catalog.replace(client, unique("NOPE"), spec("x", "n", Tracking.NONE)));

    assertThat(replaced.name()).isEqualTo("Phone, refurbished");
    assertThat(replaced.gtins()).extracting(Gtin::value).containsExactlyInAnyOrder(gtin, extra);
    assertThat(replaced.warrantyMonths()).isEqualTo(6);
    assertThat(replaced.customFields().get(0).required()).isTrue();
    assertThat(renamed.status()).isEqualTo(400);
    assertThat(renamed.field()).isEqualTo("sku");
    assertThat(catalog.bySku(client, sku + "X")).isEmpty();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("unknown-sku");
  }

  @Test
  void aLotNeitherExpiresBeforeItWasMadeNorHasALongCodeNorBelongsToAProductNotTrackedByLot() {
    long client = newClient();
    String insulin = unique("SKU");
    catalog.create(
        client,
        new Catalog.ProductSpec(
            insulin,
            "Insulin",
            null,
            Tracking.LOT,
            true,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    String phone = unique("SKU");
    catalog.create(client, spec(phone, "Phone", Tracking.SERIAL));

    Problem backwards =
        refused(
            client,
            () ->
                catalog.createLot(
                    client, insulin, "C1", LocalDate.of(2025, 7, 1), LocalDate.of(2025, 6, 30)));
    Problem tooLong =
        refused(client, () -> catalog.createLot(client, insulin, "L".repeat(21), null, null));
    Problem notLotted = refused(client, () -> catalog.createLot(client, phone, "X1", null, null));

    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.field()).isEqualTo("expiresOn");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.code()).isEqualTo("invalid-lot");
    assertThat(notLotted.status()).isEqualTo(422);
    assertThat(notLotted.code()).isEqualTo("not-lot-tracked");
    assertThat(catalog.lots(client, insulin)).as("no lot was created").isEmpty();
  }

  // Import from CSV

  @Test
  void anUnknownTrackingModeInRowSevenNamesRowAndColumn() {
    long client = newClient();
    String prefix = unique("IMP");
    StringBuilder csv = new StringBuilder("sku,name,tracking\n");
    for (int line = 2; line <= 9; line++) {
      csv.append(prefix)
          .append('-')
          .append(line)
          .append(",Item,")
          .append(line == 7 ? "BY_WEIGHT" : "NONE")
          .append('\n');
    }

    Problem p = refused(client, () -> imports.run(client, new StringReader(csv.toString())));

    assertThat(p.status()).isEqualTo(400);
    assertThat(p.field()).isEqualTo("row 7: tracking");
    assertThat(p.getMessage()).contains("BY_WEIGHT");
  }

  @Test
  void anUnknownOrMissingColumnRefusesTheFile() {
    long client = newClient();
    String sku = unique("IMP");

    Problem unknown =
        refused(
            client,
            () ->
                imports.run(
                    client,
                    new StringReader("sku,name,tracking,colour\n" + sku + ",n,NONE,red\n")));
    Problem missing =
        refused(client, () -> imports.run(client, new StringReader("sku,name\n" + sku + ",n\n")));

    assertThat(unknown.code()).isEqualTo("unknown-column");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.field()).isEqualTo("header");
    assertThat(unknown.getMessage()).contains("colour");
    assertThat(missing.code()).isEqualTo("missing-column");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.getMessage()).contains("tracking");
  }

  @Test
  void theFixedBinAndMinimumShelfLifeColumnsAreImportedAndBadValuesNameRowAndColumn() {
    long client = newClient();
    String a = unique("IMP");
    String b = unique("IMP");
    imports.run(
        client,
        new StringReader(
            "sku,name,tracking,fixed_bin,min_shelf_life_days\n"
                + a
                + ",Serum,LOT,"
                + bin1
                + ",30\n"
                + b
                + ",Gauze,NONE,,\n"));
    Product serum = catalog.bySku(client, a).orElseThrow();
    assertThat(catalog.fixedBinCode(serum)).isEqualTo(bin1);
    assertThat(serum.minShelfLifeDays()).isEqualTo(30);
    Product gauze = catalog.bySku(client, b).orElseThrow();
    assertThat(gauze.fixedBinId()).isNull();
    assertThat(gauze.minShelfLifeDays()).isNull();

    record Case(String cell, String minDays, String field) {}
    for (Case c :
        List.of(
            new Case(dock, "1", "row 3: fixed_bin"),
            new Case(unique("NOWHERE"), "1", "row 3: fixed_bin"),
            new Case(bin2, "-5", "row 3: min_shelf_life_days"),
            new Case(bin2, "soon", "row 3: min_shelf_life_days"))) {
      String csv =
          "sku,name,tracking,fixed_bin,min_shelf_life_days\n"
              + unique("IMP")
              + ",Fresh,NONE,,\n"
              + a
              + ",Serum,LOT,"
              + c.cell()
              + ","
              + c.minDays()
              + "\n";

      Problem p = refused(client, () -> imports.run(client, new StringReader(csv)));

      assertThat(p.code()).as(p.getMessage()).isEqualTo("invalid-field");
      assertThat(p.field()).as(p.getMessage()).isEqualTo(c.field());
    }
    Product still = catalog.bySku(client, a).orElseThrow();
    assertThat(catalog.fixedBinCode(still)).isEqualTo(bin1);
    assertThat(still.minShelfLifeDays()).isEqualTo(30);
  }

  private long newClient() {
    return tenants.create(unique("T"), "Client").id();
  }

  /**
   * Runs a command that must be refused and checks that the client's products are exactly as
   * before: none created, none changed.
   */
  private Problem refused(long client, ThrowingCallable command) {
    List<Product> before = catalog.list(client, null, 1000).items();

    Throwable thrown = catchThrowable(command);

    assertThat(thrown).as("the command is refused").isInstanceOf(Problem.class);
    assertThat(catalog.list(client, null, 1000).items())
        .as("no product was created or changed")
        .isEqualTo(before);
    return (Problem) thrown;
  }

  private static Catalog.ProductSpec spec(String sku, String name, Tracking tracking) {
    return new Catalog.ProductSpec(
        sku, name, null, tracking, null, null, null, null, null, null, null, null, null, null);
  }

  private static Catalog.ProductSpec spec(
      String sku,
      Tracking tracking,
      Integer shelfLifeDays,
      SerialScope serialScope,
      String serialPattern,
      List<CustomField> customFields,
      String fixedBin,
      Integer minShelfLifeDays) {
    return new Catalog.ProductSpec(
        sku,
        "n",
        null,
        tracking,
        null,
        shelfLifeDays,
        null,
        serialScope,
        null,
        serialPattern,
        customFields,
        fixedBin,
        minShelfLifeDays,
        null);
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }
}
