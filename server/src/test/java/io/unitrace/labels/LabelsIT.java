package io.unitrace.labels;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Sscc;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Labels over HTTP from what the ledger knows: they scan back to the unit, container or location
 * they are for.
 */
class LabelsIT extends IntegrationTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  record Fetched(int status, String contentType, String disposition, byte[] body) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    Api.Response problem() {
      return new Api.Response(status, contentType, text(), Api.JSON.readTree(text()));
    }
  }

  @Test
  void aUnitLabelScansBackToTheUnitInEverySymbologyAndFormat() {
    Site site = Site.create(admin);
    String gtin = lotProduct(site, "Insulin pen <5 ml> & cap");
    Site.ok(
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(
                    map(
                        "gtin",
                        gtin,
                        "serial",
                        "SN_1>(2)",
                        "lot",
                        "LOT-42",
                        "expiry",
                        "2031-03-31"),
                    map(
                        "gtin",
                        gtin,
                        "serial",
                        "A/B%C",
                        "lot",
                        "LOT-42",
                        "expiry",
                        "2031-03-31")))));
    String path = "/api/v1/labels/units/01/" + gtin + "/21/SN_1%3E(2)";
    Map<String, String> unit =
        new TreeMap<>(Map.of("01", gtin, "21", "SN_1>(2)", "10", "LOT-42", "17", "310331"));

    Fetched png = fetch(site.tenant, path);
    Fetched gs1_128 = fetch(site.tenant, path + "?symbology=gs1-128&format=png");
    Fetched qr = fetch(site.tenant, path + "?symbology=QR");
    Fetched symbolOnly = fetch(site.tenant, path + "?layout=symbol");
    Fetched svg = fetch(site.tenant, path + "?format=svg");
    Fetched zpl = fetch(site.tenant, path + "?format=zpl");
    Fetched zpl128 = fetch(site.tenant, path + "?format=zpl&symbology=gs1-128");

    assertThat(png.status()).isEqualTo(200);
    assertThat(png.contentType()).isEqualTo("image/png");
    assertThat(png.disposition()).startsWith("inline").contains(".png");
    List<String> dataMatrix = LabelScanner.scanLabel(png.body());
    assertThat(dataMatrix).singleElement().satisfies(s -> assertThat(s).startsWith("]d2"));
    assertThat(LabelScanner.elements(dataMatrix)).isEqualTo(unit);
    assertThat(LabelScanner.elements(LabelScanner.scanLabel(gs1_128.body()))).isEqualTo(unit);
    assertThat(LabelScanner.scanLabel(gs1_128.body()))
        .allSatisfy(s -> assertThat(s).startsWith("]C1"));
    List<String> link = LabelScanner.scanLabel(qr.body());
    assertThat(link)
        .singleElement()
        .satisfies(
            s -> assertThat(s).startsWith("]Q1https://id.gs1.org/01/" + gtin + "/10/LOT-42/21/"));
    assertThat(LabelScanner.elements(link)).isEqualTo(unit);
    assertThat(LabelScanner.elements(List.of(LabelScanner.scanSymbol(symbolOnly.body()))))
        .isEqualTo(unit);

    assertThat(svg.contentType()).isEqualTo("image/svg+xml");
    Document document = SvgReader.parse(svg.text());
    assertThat(SvgReader.texts(document))
        .contains(
            "Insulin pen <5 ml> & cap",
            "(01)" + gtin + "(17)310331(10)LOT-42(21)SN_1>(2)",
            "GTIN " + gtin,
            "SN   SN_1>(2)",
            "LOT  LOT-42",
            "EXP  2031-03-31");

    assertThat(zpl.contentType()).startsWith("application/zpl");
    assertThat(zpl.text())
        .startsWith("^XA")
        .contains("^BXN,4,200,,,,_^FD_101" + gtin)
        .contains("21SN__1>(2)")
        .endsWith("^XZ\n");
    assertThat(LabelScanner.elements(ZplReader.scans(zpl.text()))).isEqualTo(unit);
    assertThat(zpl128.text())
        .contains("^BCN,80,N,N,N^FD>;>801" + gtin)
        .contains(">8")
        .contains("SN_1>0(2)");
    assertThat(LabelScanner.elements(ZplReader.scans(zpl128.text()))).isEqualTo(unit);

    Fetched slash = fetch(site.tenant, "/api/v1/labels/units/01/" + gtin + "/21/A%2FB%25C");
    assertThat(LabelScanner.elements(LabelScanner.scanLabel(slash.body())).get("21"))
        .isEqualTo("A/B%C");
  }

  @Test
  void aLogisticLabelCountsTheUnitsOfNestedContainersAndEndsWithTheSscc() {
    Site site = Site.create(admin);
    String gtin = lotProduct(site, "Insulin pen");
    String pallet =
        Site.ok(
                site.api.post(
                    "/api/v1/containers",
                    map("sscc", sscc(), "kind", "PALLET", "location", site.dock)))
            .at("/sscc")
            .asString();
    String caseA =
        Site.ok(
                site.api.post(
                    "/api/v1/containers",
                    map("sscc", sscc(), "kind", "CASE", "location", site.dock)))
            .at("/sscc")
            .asString();
    List<Object> units = new ArrayList<>();
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      units.add(map("gtin", gtin, "serial", "P" + i, "lot", "L7", "expiry", "2029-12-31"));
      keys.add(map("gtin", gtin, "serial", "P" + i));
    }
    Site.ok(site.api.post("/api/v1/units", map("location", site.dock, "units", units)));
    Site.ok(site.api.post("/api/v1/units/pack", map("units", keys.subList(0, 3), "into", caseA)));
    Site.ok(site.api.post("/api/v1/units/pack", map("units", keys.subList(3, 5), "into", pallet)));
    Site.ok(site.api.post("/api/v1/containers/" + caseA + "/pack", map("into", pallet)));

    Fetched label = fetch(site.tenant, "/api/v1/labels/containers/" + pallet);
    Fetched zpl = fetch(site.tenant, "/api/v1/labels/containers/" + pallet + "?format=zpl");
    Fetched inner = fetch(site.tenant, "/api/v1/labels/containers/" + caseA + "?format=svg");

    assertThat(label.status()).isEqualTo(200);
    Map<String, String> expected =
        new TreeMap<>(Map.of("00", pallet, "02", gtin, "37", "5", "10", "L7", "17", "291231"));
    assertThat(LabelScanner.elements(LabelScanner.scanLabel(label.body()))).isEqualTo(expected);
    assertThat(LabelScanner.elements(ZplReader.scans(zpl.text()))).isEqualTo(expected);
    List<String> symbols = ZplReader.scans(zpl.text());
    assertThat(symbols.get(symbols.size() - 1))
        .as("the SSCC is the bottom symbol")
        .isEqualTo("]C100" + pallet);
    assertThat(ZplReader.texts(zpl.text()))
        .contains("SSCC " + pallet, "PALLET", "COUNT   5", "CONTENT " + gtin);
    assertThat(SvgReader.texts(SvgReader.parse(inner.text())))
        .contains("COUNT   3", "(00)" + caseA);
  }

  @Test
  void theBatchOfAContainerIsOneZplDocumentWithALabelPerUnitNestedOnesIncluded() {
    Site site = Site.create(admin);
    String pallet =
        Site.ok(site.api.post("/api/v1/containers", map("sscc", sscc(), "location", site.dock)))
            .at("/sscc")
            .asString();
    String tote =
        Site.ok(
                site.api.post(
                    "/api/v1/containers",
                    map("sscc", sscc(), "kind", "TOTE", "location", site.dock)))
            .at("/sscc")
            .asString();
    site.register(site.dock, "B1", "B2", "B3", "OUTSIDE");
    Site.ok(
        site.api.post(
            "/api/v1/units/pack", map("units", list(site.unitKey("B1")), "into", pallet)));
    Site.ok(
        site.api.post(
            "/api/v1/units/pack",
            map("units", list(site.unitKey("B2"), site.unitKey("B3")), "into", tote)));
    Site.ok(site.api.post("/api/v1/containers/" + tote + "/pack", map("into", pallet)));

    Fetched batch =
        fetch(site.tenant, "/api/v1/labels/containers/" + pallet + "/units?symbology=gs1-128");
    Fetched asPng = fetch(site.tenant, "/api/v1/labels/containers/" + pallet + "/units?format=png");

    assertThat(batch.status()).isEqualTo(200);
    assertThat(batch.contentType()).startsWith("application/zpl");
    List<String> formats = ZplReader.formats(batch.text());
    assertThat(formats).hasSize(3);
    List<String> serials =
        formats.stream()
            .map(f -> LabelScanner.elements(ZplReader.scans(f)).get("21"))
            .sorted()
            .toList();
    assertThat(serials).containsExactly("B1", "B2", "B3");
    assertThat(formats)
        .allSatisfy(f -> assertThat(f).contains("^BC").contains(">;>801" + site.gtin));
    assertThat(asPng.status()).isEqualTo(400);
    assertThat(asPng.problem().at("/field").asString()).isEqualTo("format");
  }

  @Test
  void aLocationLabelIsCode128OfItsCodeForTheOperatorsStaffOnly() {
    Site site = Site.create(admin);
    String client = unique("client");
    Site.ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                client,
                "password",
                "client-password",
                "role",
                "CLIENT",
                "tenants",
                list(site.tenant))));

    Fetched png = fetch(null, "/api/v1/labels/locations/" + site.bin1);
    Fetched zpl = fetch(null, "/api/v1/labels/locations/" + site.bin1 + "?format=zpl");
    Fetched byClient =
        fetchAs(basic(client, "client-password"), null, "/api/v1/labels/locations/" + site.bin1);

    assertThat(LabelScanner.scanLabel(png.body())).containsExactly("]C0" + site.bin1);
    assertThat(ZplReader.scans(zpl.text())).containsExactly("]C0" + site.bin1);
    assertThat(zpl.text()).doesNotContain(">8");
    assertThat(byClient.status()).isEqualTo(403);
  }

  @Test
  void whatDoesNotExistIsNotFoundAndBadParametersAreRefusedNamingThem() {
    Site site = Site.create(admin);
    site.register(site.dock, "K1");
    String unit = "/api/v1/labels/units/01/" + site.gtin + "/21/K1";

    Fetched unknownUnit = fetch(site.tenant, "/api/v1/labels/units/01/" + site.gtin + "/21/NOPE");
    Fetched unknownContainer = fetch(site.tenant, "/api/v1/labels/containers/" + sscc());
    Fetched unknownBatch = fetch(site.tenant, "/api/v1/labels/containers/" + sscc() + "/units");
    Fetched unknownLocation = fetch(null, "/api/v1/labels/locations/NOPE-" + unique("L"));
    Fetched badFormat = fetch(site.tenant, unit + "?format=pdf");
    Fetched badSymbology = fetch(site.tenant, unit + "?symbology=ean13");
    Fetched badLayout = fetch(site.tenant, unit + "?layout=poster");
    Fetched badGtin = fetch(site.tenant, "/api/v1/labels/units/01/09506000134353/21/K1");
    Fetched badSscc = fetch(site.tenant, "/api/v1/labels/containers/123");

    for (Fetched notFound : List.of(unknownUnit, unknownContainer, unknownBatch, unknownLocation)) {
      assertThat(notFound.status()).isEqualTo(404);
      assertThat(notFound.contentType()).startsWith("application/problem+json");
    }
    assertThat(unknownUnit.problem().problemCode()).isEqualTo("unknown-unit");
    assertThat(unknownContainer.problem().problemCode()).isEqualTo("unknown-container");
    assertThat(unknownLocation.problem().problemCode()).isEqualTo("unknown-location");
    Map<Fetched, String> fields =
        Map.of(
            badFormat,
            "format",
            badSymbology,
            "symbology",
            badLayout,
            "layout",
            badGtin,
            "gtin",
            badSscc,
            "sscc");
    fields.forEach(
        (r, field) -> {
          assertThat(r.status()).as(field).isEqualTo(400);
          assertThat(r.problem().at("/field").asString()).isEqualTo(field);
        });
  }

  @Test
  void anotherClientsUnitsAndContainersHaveNoLabels() {
    Site mine = Site.create(admin);
    Site theirs = Site.create(admin);
    theirs.register(theirs.dock, "T1");
    String container =
        Site.ok(theirs.api.post("/api/v1/containers", map("sscc", sscc(), "location", theirs.dock)))
            .at("/sscc")
            .asString();

    Fetched unit = fetch(mine.tenant, "/api/v1/labels/units/01/" + theirs.gtin + "/21/T1");
    Fetched pallet = fetch(mine.tenant, "/api/v1/labels/containers/" + container);
    Fetched own = fetch(theirs.tenant, "/api/v1/labels/units/01/" + theirs.gtin + "/21/T1");

    assertThat(unit.status()).isEqualTo(404);
    assertThat(pallet.status()).isEqualTo(404);
    assertThat(own.status()).isEqualTo(200);
  }

  private Fetched fetch(String tenant, String path) {
    return fetchAs(basic("admin", ADMIN_PASSWORD), tenant, path);
  }

  private Fetched fetchAs(String authorization, String tenant, String path) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("Authorization", authorization);
      if (tenant != null) {
        b.header("X-Tenant", tenant);
      }
      HttpResponse<byte[]> r = HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Fetched(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(""),
          r.headers().firstValue("Content-Disposition").orElse(""),
          r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** An SSCC no other test uses: a random serial reference under GS1's example prefix. */
  private static String sscc() {
    return Sscc.of(0, "9506000", ThreadLocalRandom.current().nextLong(1_000_000_000L)).value();
  }

  /** A product tracked by lot and serial, with expiry, in the site's client: its GTIN. */
  private static String lotProduct(Site site, String name) {
    String gtin = Site.randomGtin();
    Site.ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("LOT"),
                "name",
                name,
                "gtins",
                list(gtin),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true)));
    return gtin;
  }
}
