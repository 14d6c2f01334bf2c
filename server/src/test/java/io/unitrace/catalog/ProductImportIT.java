package io.unitrace.catalog;

import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Products from CSV: all rows or none, and a refusal names the row and the column. */
class ProductImportIT extends IntegrationTest {

  private static final String HEADER =
      "sku,name,gtins,tracking,expiry_tracked,shelf_life_days,warranty_months\n";

  @Test
  void fiveHundredRowsAreCreatedAndAReimportUpdatesThem() {
    Site site = Site.create(admin);
    String prefix = unique("IMP");
    List<String> gtins = new ArrayList<>();
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 1; i <= 500; i++) {
      String gtin = Site.randomGtin();
      gtins.add(gtin);
      csv.append(prefix)
          .append('-')
          .append(i)
          .append(",\"Item ")
          .append(i)
          .append(", boxed\",")
          .append(gtin)
          .append(',')
          .append(i % 2 == 0 ? "LOT" : "SERIAL")
          .append(',')
          .append(i % 2 == 0 ? "yes" : "no")
          .append(',')
          .append(i)
          .append(",12\n");
    }
    var first = site.api.postCsv("/api/v1/products/import", csv.toString());
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.at("/created").asInt()).isEqualTo(500);
    assertThat(first.at("/updated").asInt()).isZero();

    List<JsonNode> all = allProducts(site);
    assertThat(all).hasSize(501);
    var p42 = ok(site.api.get("/api/v1/products/" + prefix + "-42"));
    assertThat(p42.at("/name").asString()).isEqualTo("Item 42, boxed");
    assertThat(p42.at("/gtins/0").asString()).isEqualTo(gtins.get(41));
    assertThat(p42.at("/tracking").asString()).isEqualTo("LOT");
    assertThat(p42.at("/expiryTracked").asBoolean()).isTrue();
    assertThat(p42.at("/shelfLifeDays").asInt()).isEqualTo(42);
    assertThat(p42.at("/warrantyMonths").asInt()).isEqualTo(12);

    String again =
        csv.toString().replace(", boxed\"", ", loose\"") + prefix + "-501,New,,NONE,,,\n";
    var second = site.api.postCsv("/api/v1/products/import", again);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.at("/created").asInt()).isEqualTo(1);
    assertThat(second.at("/updated").asInt()).isEqualTo(500);
    assertThat(ok(site.api.get("/api/v1/products/" + prefix + "-42")).at("/name").asString())
        .isEqualTo("Item 42, loose");
    assertThat(allProducts(site)).hasSize(502);
  }

  @Test
  void aBadGtinInRowSevenRefusesTheFileNamingRowAndColumnAndWritesNothing() {
    Site site = Site.create(admin);
    String prefix = unique("IMP");
    StringBuilder csv = new StringBuilder(HEADER);
    for (int line = 2; line <= 12; line++) {
      String gtin = Site.randomGtin();
      if (line == 7) {
        gtin = gtin.substring(0, 13) + ((gtin.charAt(13) - '0' + 1) % 10);
      }
      csv.append(prefix)
          .append('-')
          .append(line)
          .append(",Item,")
          .append(gtin)
          .append(",SERIAL,,,\n");
    }
    var r = site.api.postCsv("/api/v1/products/import", csv.toString());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.problemCode()).isEqualTo("invalid-gtin");
    assertThat(r.at("/field").asString()).isEqualTo("row 7: gtins[0]");
    for (int line = 2; line <= 12; line++) {
      assertThat(site.api.get("/api/v1/products/" + prefix + "-" + line).status())
          .as("row " + line)
          .isEqualTo(404);
    }
    assertThat(allProducts(site)).hasSize(1);
  }

  @Test
  void aConflictFoundWhileWritingRowThreeHundredUndoesTheRowsBeforeIt() {
    Site site = Site.create(admin);
    String prefix = unique("IMP");
    StringBuilder csv = new StringBuilder(HEADER);
    for (int line = 2; line <= 310; line++) {
      // row 300 claims the GTIN of the product the site already has: only the database can tell
      String gtin = line == 300 ? site.gtin : Site.randomGtin();
      csv.append(prefix)
          .append('-')
          .append(line)
          .append(",Item,")
          .append(gtin)
          .append(",SERIAL,,,\n");
    }
    var r = site.api.postCsv("/api/v1/products/import", csv.toString());
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.problemCode()).isEqualTo("duplicate-gtin");
    assertThat(r.at("/field").asString()).startsWith("row 300: gtins");
    assertThat(site.api.get("/api/v1/products/" + prefix + "-2").status()).isEqualTo(404);
    assertThat(site.api.get("/api/v1/products/" + prefix + "-299").status()).isEqualTo(404);
    assertThat(allProducts(site)).hasSize(1);
  }

  @Test
  void anUpdateByImportKeepsTheCustomFieldsAndCannotChangeTrackingOfAProductInUse() {
    Site site = Site.create(admin);
    var renamed =
        site.api.postCsv(
            "/api/v1/products/import",
            "sku,name,gtins,tracking\n" + site.sku + ",Phone X," + site.gtin + ",SERIAL\n");
    assertThat(renamed.at("/updated").asInt()).isEqualTo(1);
    var product = ok(site.api.get("/api/v1/products/" + site.sku));
    assertThat(product.at("/name").asString()).isEqualTo("Phone X");
    assertThat(product.at("/customFields/0/name").asString()).isEqualTo("IMEI");

    site.register(site.dock, unique("SN"));
    String newSku = unique("IMP");
    var refused =
        site.api.postCsv(
            "/api/v1/products/import",
            "sku,name,gtins,tracking\n"
                + newSku
                + ",Fresh,,NONE\n"
                + site.sku
                + ",Phone Y,"
                + site.gtin
                + ",NONE\n");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.problemCode()).isEqualTo("product-in-use");
    assertThat(refused.at("/field").asString()).isEqualTo("row 3: tracking");
    assertThat(site.api.get("/api/v1/products/" + newSku).status()).isEqualTo(404);
    assertThat(ok(site.api.get("/api/v1/products/" + site.sku)).at("/name").asString())
        .isEqualTo("Phone X");
  }

  private static List<JsonNode> allProducts(Site site) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      var page =
          ok(
              site.api.get(
                  "/api/v1/products?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor)));
      page.at("/items").forEach(all::add);
      cursor =
          page.at("/next").isMissingNode() || page.at("/next").isNull()
              ? null
              : page.at("/next").asString();
    } while (cursor != null);
    return all;
  }
}
