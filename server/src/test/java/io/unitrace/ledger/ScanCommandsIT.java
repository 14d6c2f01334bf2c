package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Scanners send GS1 data in whatever form their barcode holds; the ledger takes every form. */
class ScanCommandsIT extends IntegrationTest {

  @Test
  void registersUnitsFromDataMatrixBracketedAndDigitalLinkScans() {
    Site site = Site.create(admin);
    String raw = "]d201" + site.gtin + "21RAW-1";
    String bracketed = "(01)" + site.gtin + "(21)BR-1";
    String link = "https://id.example.com/01/" + site.gtin + "/21/DL-1";
    var r =
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(map("scan", raw), map("scan", bracketed), map("scan", link))));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.at("/unitCount").asInt()).isEqualTo(3);
    assertThat(site.api.get(site.unitPath("DL-1")).at("/state").asString()).isEqualTo("RECEIVED");
  }

  @Test
  void movesTheUnitAScanNamesAndKeepsTheRawScanInItsHistory() {
    Site site = Site.create(admin);
    site.register(site.dock, "SC-1");
    String scan = "]d201" + site.gtin + "21SC-1";
    var moved =
        site.api.post(
            "/api/v1/units/by-scan/move",
            map("scan", scan, "location", site.bin1, "device", "gun-3"));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    var history = site.api.get(site.unitPath("SC-1") + "/history");
    assertThat(history.at("/items/1/scan").asString()).isEqualTo(scan);
    assertThat(
            site.api
                .get(
                    "/api/v1/units/by-scan?scan="
                        + URLEncoder.encode(
                            "(01)" + site.gtin + "(21)SC-1", StandardCharsets.UTF_8))
                .at("/location")
                .asString())
        .isEqualTo(site.bin1);
  }

  @Test
  void rejectsAScanWithABadCheckDigitNamingTheAiAndPositionAndWritesNothing() {
    Site site = Site.create(admin);
    String badGtin = site.gtin.substring(0, 13) + ((site.gtin.charAt(13) - '0' + 1) % 10);
    var r =
        site.api.post(
            "/api/v1/units",
            map("location", site.dock, "units", list(map("scan", "(01)" + badGtin + "(21)X1"))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("gs1-check-digit");
    assertThat(r.at("/field").asString()).isEqualTo("units[0].scan");
    assertThat(r.at("/ai").asString()).isEqualTo("01");
    assertThat(r.at("/position").isNumber()).isTrue();
    assertThat(site.api.get("/api/v1/units?gtin=" + site.gtin).at("/items").size()).isZero();
  }

  @Test
  void rejectsAScanThatNamesNoUnit() {
    Site site = Site.create(admin);
    var r =
        site.api.post(
            "/api/v1/units/by-scan/move",
            map("scan", "(00)106141411234567897", "location", site.bin1));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("scan-not-a-unit");
  }
}
