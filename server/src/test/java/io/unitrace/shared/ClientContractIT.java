package io.unitrace.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import unitrace.client.ApiClient;
import unitrace.client.ApiException;
import unitrace.client.api.CatalogApi;
import unitrace.client.api.ContainersApi;
import unitrace.client.api.FacilityApi;
import unitrace.client.api.Gs1Api;
import unitrace.client.api.IntegrityApi;
import unitrace.client.api.LabelsApi;
import unitrace.client.api.SsccApi;
import unitrace.client.api.TenancyApi;
import unitrace.client.api.UnitsApi;
import unitrace.client.model.CatalogProductSpec;
import unitrace.client.model.ContainersApiNewContainer;
import unitrace.client.model.CustomField;
import unitrace.client.model.CustomFieldType;
import unitrace.client.model.EventType;
import unitrace.client.model.FacilityApiNewLocation;
import unitrace.client.model.FacilityApiNewWarehouse;
import unitrace.client.model.Gs1ApiScanBody;
import unitrace.client.model.LocationType;
import unitrace.client.model.SsccApiNumberingBody;
import unitrace.client.model.TenancyApiNewTenant;
import unitrace.client.model.TenancyApiNewToken;
import unitrace.client.model.Tracking;
import unitrace.client.model.UnitState;
import unitrace.client.model.UnitsApiMoveBody;
import unitrace.client.model.UnitsApiRegisterBody;
import unitrace.client.model.UnitsApiUnitBody;
import unitrace.client.model.UnitsHistoryEntry;

/**
 * The committed OpenAPI document (src/test/resources/openapi/unitrace.json) is the one a Java
 * client is generated from at build time (openapi-generator, pom.xml); it must be the document the
 * server serves, and that client must carry the README's first walk, so the code and the contract
 * cannot drift apart.
 */
class ClientContractIT extends IntegrationTest {

  static final String COMMITTED = "/openapi/unitrace.json";
  static final Path LIVE_COPY = Path.of("target", "openapi", "unitrace.json");

  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Test
  void theCommittedDocumentIsTheOneTheServerServes() throws Exception {
    var live = Api.anonymous(port).get("/v3/api-docs");
    assertThat(live.status()).isEqualTo(200);
    JsonNode committed;
    try (InputStream in = ClientContractIT.class.getResourceAsStream(COMMITTED)) {
      committed = Api.JSON.readTree(in);
    }
    if (!committed.equals(live.json())) {
      Files.createDirectories(LIVE_COPY.getParent());
      Files.writeString(LIVE_COPY, PRETTY.writeValueAsString(live.json()) + "\n");
      fail(
          "the API changed but server/src/test/resources/openapi/unitrace.json did not (first"
              + " difference at "
              + firstDifference("", committed, live.json())
              + "): review the served document, written to server/"
              + LIVE_COPY
              + ", copy it over the committed one (cp server/"
              + LIVE_COPY
              + " server/src/test/resources/openapi/unitrace.json) and build again, so the client"
              + " is generated from it");
    }
  }

  /**
   * README, "A first walk through the API", step by step through the generated client: a client, a
   * warehouse with a dock and a bin, a serialized product, a unit registered (twice under one
   * Idempotency-Key), moved, its history, the ledger verified, an API token, a label, SSCC
   * numbering, a pallet, and a barcode read.
   */
  @Test
  void theFirstWalkOfTheReadmeRunsThroughTheGeneratedClient() throws Exception {
    ApiClient asAdmin = client("Basic " + base64("admin:" + ADMIN_PASSWORD));
    String acme = unique("acme").toLowerCase();
    String warehouse = unique("WH");
    String dock = unique("DOCK-");
    String bin = unique("A-01-");
    String gtin = Site.randomGtin();

    var tenant =
        new TenancyApi(asAdmin)
            .tenancyCreateTenant(new TenancyApiNewTenant().code(acme).name("Acme Electronics"));
    assertThat(tenant.getCode()).isEqualTo(acme);

    FacilityApi facility = new FacilityApi(asAdmin);
    facility.facilityCreateWarehouse(
        new FacilityApiNewWarehouse().code(warehouse).name("Main warehouse"));
    var dockLocation =
        facility.facilityCreateLocation(
            new FacilityApiNewLocation()
                .warehouse(warehouse)
                .code(dock)
                .type(LocationType.DOCK)
                .level("AREA"));
    assertThat(dockLocation.getType()).isEqualTo(LocationType.DOCK);
    facility.facilityCreateLocation(
        new FacilityApiNewLocation().warehouse(warehouse).code(bin).type(LocationType.STORAGE));

    var product =
        new CatalogApi(asAdmin)
            .catalogCreate(
                new CatalogProductSpec()
                    .sku("PHONE-1")
                    .name("Phone")
                    .gtins(List.of(gtin))
                    .tracking(Tracking.SERIAL)
                    .customFields(
                        List.of(
                            new CustomField()
                                .name("IMEI")
                                .type(CustomFieldType.TEXT)
                                .required(false)
                                .unique(true))),
                acme);
    assertThat(product.getSku()).isEqualTo("PHONE-1");

    UnitsApi units = new UnitsApi(asAdmin);
    UnitsApiRegisterBody registration =
        new UnitsApiRegisterBody()
            .location(dock)
            .units(
                List.of(
                    new UnitsApiUnitBody()
                        .gtin(gtin)
                        .serial("SN1")
                        .fields(Map.of("IMEI", "356938035643809"))));
    var registered = units.unitsRegister(registration, "scan-0001", acme);
    assertThat(registered.getType()).isEqualTo(EventType.REGISTERED);
    assertThat(registered.getUnitCount()).isEqualTo(1);
    var again = units.unitsRegister(registration, "scan-0001", acme);
    assertThat(again.getRepeated()).isTrue();
    assertThat(again.getEventId()).isEqualTo(registered.getEventId());

    var moved = units.unitsMove(gtin, "SN1", new UnitsApiMoveBody().location(bin), null, acme);
    assertThat(moved.getType()).isEqualTo(EventType.MOVED);
    var unit = units.unitsUnit(gtin, "SN1", acme);
    assertThat(unit.getLocation()).isEqualTo(bin);
    assertThat(unit.getState()).isEqualTo(UnitState.STORED);
    assertThat(unit.getFields()).containsEntry("IMEI", "356938035643809");

    List<UnitsHistoryEntry> history = units.unitsHistory(gtin, "SN1", null, null, acme).getItems();
    assertThat(history)
        .extracting(UnitsHistoryEntry::getType)
        .containsExactly(EventType.REGISTERED, EventType.MOVED);
    assertThat(history.get(1).getPrevHash()).isEqualTo(history.get(0).getHash());

    assertThat(new IntegrityApi(asAdmin).integrityVerify(acme).getIntact()).isTrue();

    var token =
        new TenancyApi(asAdmin)
            .tenancyIssue(new TenancyApiNewToken().name("scanner-7").tenant(acme).scope("write"));
    assertThat(token.getToken()).startsWith("ut_");
    // The bearer scheme: a token works in its own client without the X-Tenant header.
    assertThat(
            new UnitsApi(client("Bearer " + token.getToken()))
                .unitsUnit(gtin, "SN1", null)
                .getSerial())
        .isEqualTo("SN1");

    File label = new LabelsApi(asAdmin).labelsUnit(gtin, "SN1", null, null, null, acme);
    byte[] png = Files.readAllBytes(label.toPath());
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

    new SsccApi(asAdmin)
        .ssccConfigure(acme, new SsccApiNumberingBody().companyPrefix("9506000").extensionDigit(0));
    var pallet =
        new ContainersApi(asAdmin)
            .containersCreateContainer(
                new ContainersApiNewContainer().kind("PALLET").location(dock), acme);
    assertThat(pallet.getSscc()).hasSize(18).startsWith("09506000");

    Object parsed =
        new Gs1Api(asAdmin)
            .gs1Parse(new Gs1ApiScanBody().scan("(01)09506000134352(17)201225(10)ABC123(21)XYZ"));
    assertThat(parsed.toString()).contains("ABC123").contains("XYZ");

    // A refusal reaches the client as the documented problem.
    assertThatThrownBy(() -> units.unitsUnit(gtin, "NO-SUCH-SERIAL", acme))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(Api.JSON.readTree(e.getResponseBody()).path("code").asString())
                  .isNotBlank();
            });
  }

  /** The JSON pointer of the first place where the two documents differ. */
  private static String firstDifference(String at, JsonNode committed, JsonNode served) {
    if (committed.isObject() && served.isObject()) {
      java.util.Set<String> names = new java.util.TreeSet<>(committed.propertyNames());
      names.addAll(served.propertyNames());
      for (String name : names) {
        JsonNode a = committed.path(name);
        JsonNode b = served.path(name);
        if (!a.equals(b)) {
          return firstDifference(at + "/" + name.replace("~", "~0").replace("/", "~1"), a, b);
        }
      }
    }
    if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
      for (int i = 0; i < committed.size(); i++) {
        if (!committed.get(i).equals(served.get(i))) {
          return firstDifference(at + "/" + i, committed.get(i), served.get(i));
        }
      }
    }
    return at.isEmpty() ? "/" : at;
  }

  private ApiClient client(String authorization) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    client.setRequestInterceptor(request -> request.header("Authorization", authorization));
    return client;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
