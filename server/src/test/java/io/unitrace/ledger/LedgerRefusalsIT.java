package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger's refusals as a client meets them over HTTP: problem+json naming the failure, the
 * offending field and, for a refused transition, the rule; and nothing written at all: the client's
 * events, entries, units, field values, lots and containers are exactly as before.
 *
 * <p>The rules themselves (serials, lots, custom fields, the state machine, holds, containers) are
 * checked against the ledger's services in the module tests ({@code *RefusalsModuleTest}). Here
 * stay what only HTTP shows (a body that is not JSON, an unknown hold name, header limits, roles
 * and clients, a request of 5,000 serials), what depends on the database engine (unique values and
 * serials, nested containers), and one refusal of each family, so the mapping of each to
 * problem+json stays covered on both databases.
 */
class LedgerRefusalsIT extends IntegrationTest {

  @Autowired JdbcClient db;

  /**
   * Sends a request that must be refused and checks that it wrote nothing, neither in the ledger
   * nor in the unit's history.
   */
  private Api.Response refused(Clerk clerk, String serial, Supplier<Api.Response> request) {
    Footprint before = Footprint.of(db, clerk.tenant);
    int historyBefore =
        serial == null
            ? 0
            : ok(clerk.api.get(clerk.unitPath(serial) + "/history")).at("/items").size();

    Api.Response r = request.get();

    assertThat(r.status()).as(r.toString()).isBetween(400, 499);
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    assertThat(r.at("/type").asString()).isEqualTo("/problems/" + r.problemCode());
    assertThat(r.at("/detail").asString()).isNotBlank();
    assertThat(Footprint.of(db, clerk.tenant)).as("nothing was written by " + r).isEqualTo(before);
    if (serial != null) {
      assertThat(ok(clerk.api.get(clerk.unitPath(serial) + "/history")).at("/items").size())
          .isEqualTo(historyBefore);
    }
    return r;
  }

  private Api.Response refused(Clerk clerk, Supplier<Api.Response> request) {
    return refused(clerk, null, request);
  }

  private static void assertIllegal(Api.Response r, String rule) {
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.problemCode()).as(r.toString()).isEqualTo("illegal-transition");
    assertThat(r.at("/rule").asString()).as(r.toString()).isEqualTo(rule);
  }

  private static void assertProblem(Api.Response r, int status, String code, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo(field);
  }

  // Registration input, custom fields that must be unique, lots

  @Test
  void rejectsASerialWithACharacterOutsideGs1CharacterSet82() {
    Clerk clerk = Clerk.inSharedClient(admin, port);

    Api.Response r =
        refused(
            clerk,
            () ->
                clerk.api.post(
                    "/api/v1/units",
                    map(
                        "location",
                        clerk.bin1,
                        "units",
                        list(clerk.unitKey("SN-1"), clerk.unitKey("SN#2")))));

    assertProblem(r, 400, "invalid-serial", "units[1].serial");
    assertThat(r.at("/detail").asString()).contains("'#'").contains("position 3");
  }

  @Test
  void rejectsAnImeiAlreadyRecordedOnAnotherUnit() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    String imei = Floor.imei();
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.bin1,
                "units",
                list(map("gtin", clerk.gtin, "serial", "SN-1", "fields", map("IMEI", imei))))));

    Api.Response r =
        refused(
            clerk,
            () ->
                clerk.api.post(
                    "/api/v1/units",
                    map(
                        "location",
                        clerk.bin1,
                        "units",
                        list(
                            map(
                                "gtin",
                                clerk.gtin,
                                "serial",
                                "SN-2",
                                "fields",
                                map("IMEI", Floor.imei())),
                            map(
                                "gtin",
                                clerk.gtin,
                                "serial",
                                "SN-3",
                                "fields",
                                map("IMEI", imei))))));

    assertProblem(r, 409, "duplicate-field-value", "fields");
  }

  @Test
  void rejectsTwoNewUnitsSharingAnImei() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    String imei = Floor.imei();

    Api.Response r =
        refused(
            clerk,
            () ->
                clerk.api.post(
                    "/api/v1/units",
                    map(
                        "location",
                        clerk.bin1,
                        "units",
                        list(
                            map("gtin", clerk.gtin, "serial", "SN-1", "fields", map("IMEI", imei)),
                            map(
                                "gtin",
                                clerk.gtin,
                                "serial",
                                "SN-2",
                                "fields",
                                map("IMEI", imei))))));

    assertProblem(r, 409, "duplicate-field-value", "fields");
  }

  @Test
  void rejectsSettingAnImeiThatAnotherUnitCarries() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    String imei = Floor.imei();
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.bin1,
                "units",
                list(
                    map("gtin", clerk.gtin, "serial", "SN-1", "fields", map("IMEI", imei)),
                    clerk.unitKey("SN-2")))));

    Api.Response r =
        refused(
            clerk,
            "SN-2",
            () ->
                clerk.api.post(
                    clerk.unitPath("SN-2") + "/fields", map("fields", map("IMEI", imei))));

    assertProblem(r, 409, "duplicate-field-value", "fields");
  }

  @Test
  void sameImeiIsFineForAnotherClient() {
    Clerk a = Clerk.inSharedClient(admin, port);
    Clerk b = Clerk.forNewClient(admin, port);
    String imei = Floor.imei();
    ok(
        a.api.post(
            "/api/v1/units",
            map(
                "location",
                a.bin1,
                "units",
                list(map("gtin", a.gtin, "serial", "SN-1", "fields", map("IMEI", imei))))));

    Api.Response r =
        b.api.post(
            "/api/v1/units",
            map(
                "location",
                b.bin1,
                "units",
                list(map("gtin", b.gtin, "serial", "SN-1", "fields", map("IMEI", imei)))));

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  @Test
  void rejectsAUnitOfALotTrackedProductWithoutItsLot() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    String vaccine = clerk.medicine();

    Api.Response r =
        refused(
            clerk,
            () ->
                clerk.api.post(
                    "/api/v1/units",
                    map(
                        "location",
                        clerk.bin1,
                        "units",
                        list(
                            map(
                                "gtin",
                                vaccine,
                                "serial",
                                "V1",
                                "lot",
                                "L1",
                                "expiry",
                                "2027-01-31"),
                            map("gtin", vaccine, "serial", "V2")))));

    assertProblem(r, 400, "lot-required", "units[1].lot");
  }

  @Test
  void rejectsABodyThatIsNotJson() {
    Clerk clerk = Clerk.inSharedClient(admin, port);

    Api.Response r =
        refused(clerk, () -> clerk.api.post("/api/v1/units", "{\"units\": [ {\"gtin\": "));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("malformed-body");
  }

  @Test
  void rejectsBulkRegistrationWhenOneOfFiveThousandSerialsExistsAndCreatesNoneOfThem() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    List<String> serials = Floor.serials("BULK-", 5000);
    clerk.register(clerk.bin1, serials.get(3210));
    Footprint before = Footprint.of(db, clerk.tenant);

    Api.Response r = clerk.api.post("/api/v1/units", clerk.registration(clerk.dock, serials));

    assertProblem(r, 409, "duplicate-serial", "units[3210].serial");
    assertThat(r.at("/count").asInt()).isEqualTo(1);
    assertThat(r.at("/serials").toString()).isEqualTo("[\"" + serials.get(3210) + "\"]");
    assertThat(Footprint.of(db, clerk.tenant)).isEqualTo(before);
    assertThat(ok(clerk.api.get("/api/v1/units?gtin=" + clerk.gtin)).at("/items").size())
        .isEqualTo(1);
    assertThat(clerk.api.get(clerk.unitPath(serials.get(0))).status()).isEqualTo(404);
  }

  // Locations, tenants, roles, containers

  @Test
  void rejectsAMoveToAnUnknownLocation() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response r =
        refused(
            clerk,
            "SN-1",
            () ->
                clerk.api.post(
                    clerk.unitPath("SN-1") + "/move",
                    map("location", "NO-SUCH-BIN-" + unique("X"))));

    assertProblem(r, 422, "unknown-location", "location");
  }

  @Test
  void rejectsAMoveWithoutALocation() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response r =
        refused(
            clerk,
            "SN-1",
            () -> clerk.api.post(clerk.unitPath("SN-1") + "/move", map("device", "gun-1")));

    assertProblem(r, 400, "invalid-field", "location");
  }

  @Test
  void unitOfAnotherClientDoesNotExistForThisOne() {
    Clerk owner = Clerk.inSharedClient(admin, port);
    Clerk other = Clerk.forNewClient(admin, port);
    owner.register(owner.bin1, "SN-1");
    Footprint ownerBefore = Footprint.of(db, owner.tenant);

    Api.Response read = other.api.get(owner.unitPath("SN-1"));
    Api.Response move =
        refused(
            other,
            () -> other.api.post(owner.unitPath("SN-1") + "/move", map("location", other.bin2)));
    Api.Response hold =
        refused(
            other,
            () ->
                other.api.post(
                    owner.unitPath("SN-1") + "/holds", map("hold", "SUSPECT", "reason", "x")));
    Api.Response register =
        refused(
            other,
            () ->
                other.api.post(
                    "/api/v1/units",
                    map("location", other.bin1, "units", list(owner.unitKey("SN-2")))));

    assertThat(read.status()).isEqualTo(404);
    assertThat(read.problemCode()).isEqualTo("unknown-unit");
    assertThat(move.status()).isEqualTo(404);
    assertThat(move.problemCode()).isEqualTo("unknown-unit");
    assertThat(hold.problemCode()).isEqualTo("unknown-unit");
    assertProblem(register, 422, "unknown-gtin", "units[0].gtin");
    assertThat(Footprint.of(db, owner.tenant)).isEqualTo(ownerBefore);
  }

  @Test
  void operatorCannotWorkForAClientNotGrantedToThem() {
    Clerk mine = Clerk.forNewClient(admin, port);
    Clerk theirs = Clerk.inSharedClient(admin, port);
    theirs.register(theirs.bin1, "SN-1");
    Api operator = Floor.person(admin, port, mine.tenant, "OPERATOR");

    Api.Response r =
        refused(
            theirs,
            "SN-1",
            () ->
                operator
                    .in(theirs.tenant)
                    .post(theirs.unitPath("SN-1") + "/move", map("location", theirs.bin2)));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.problemCode()).isEqualTo("forbidden");
  }

  @Test
  void containerOfAnotherClientIsUnknownToThisOne() {
    Clerk owner = Clerk.inSharedClient(admin, port);
    Clerk other = Clerk.forNewClient(admin, port);
    String pallet = owner.container("PALLET", owner.bin1);
    other.register(other.bin1, "SN-1");

    Api.Response r =
        refused(
            other,
            "SN-1",
            () ->
                other.api.post(
                    "/api/v1/units/pack",
                    map("units", list(other.unitKey("SN-1")), "into", pallet)));

    assertProblem(r, 422, "unknown-container", "into");
  }

  @Test
  void onlyASupervisorReleasesHoldsAndAdjustsStock() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/holds", map("hold", "QC", "reason", "sample")));
    Api operator = Floor.person(admin, port, clerk.tenant, "OPERATOR");

    Api.Response release =
        refused(
            clerk,
            "SN-1",
            () ->
                operator.post(
                    clerk.unitPath("SN-1") + "/holds/release", map("hold", "QC", "reason", "ok")));
    Api.Response lost =
        refused(
            clerk,
            "SN-1",
            () ->
                operator.post(
                    clerk.unitPath("SN-1") + "/adjustments",
                    map("kind", "LOST", "reason", "gone")));

    assertThat(release.status()).isEqualTo(403);
    assertThat(lost.status()).isEqualTo(403);
    assertThat(
            ok(operator.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin2)))
                .at("/units/0/location")
                .asString())
        .as("an operator moves units")
        .isEqualTo(clerk.bin2);
  }

  @Test
  void clientUserReadsButNeverWrites() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");
    Api client = Floor.person(admin, port, clerk.tenant, "CLIENT");

    Api.Response r =
        refused(
            clerk,
            "SN-1",
            () ->
                client.post(
                    clerk.unitPath("SN-1") + "/holds", map("hold", "QC", "reason", "mine")));

    assertThat(r.status()).isEqualTo(403);
    assertThat(ok(client.get(clerk.unitPath("SN-1"))).at("/state").asString()).isEqualTo("STORED");
  }

  @Test
  void rejectsAHoldThatIsNotOneOfTheKnownHoldsNamingTheField() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response r =
        refused(
            clerk,
            "SN-1",
            () -> clerk.api.post(clerk.unitPath("SN-1") + "/holds", map("hold", "STOLEN")));

    assertProblem(r, 400, "malformed-body", "hold");
  }

  @Test
  void rejectsAnInvalidSsccNamingWhereItCameFrom() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    assertProblem(
        refused(
            clerk,
            () ->
                clerk.api.post(
                    "/api/v1/units/pack",
                    map("units", list(clerk.unitKey("SN-1")), "into", "123"))),
        400,
        "invalid-sscc",
        "into");
    assertProblem(
        refused(
            clerk,
            () ->
                clerk.api.post(
                    "/api/v1/containers/123456789012345678/move", map("location", clerk.bin1))),
        400,
        "invalid-sscc",
        "sscc");
  }

  @Test
  void rejectsAnIdempotencyKeyLongerThanOneHundredCharacters() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response r =
        refused(
            clerk,
            "SN-1",
            () ->
                clerk.api.post(
                    clerk.unitPath("SN-1") + "/move",
                    map("location", clerk.bin2),
                    "k".repeat(101)));

    assertProblem(r, 400, "invalid-header", "Idempotency-Key");
  }

  // Transitions the state machine refuses, serials that exist, container cycles

  @Test
  void rejectsMoveOfUnitInsideAContainer() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");
    String tote = clerk.container("TOTE", clerk.bin1);
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("SN-1")), "into", tote)));

    Api.Response r =
        refused(
            clerk,
            "SN-1",
            () -> clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin2)));

    assertIllegal(r, "unit-in-container");
    assertThat(r.at("/field").asString()).isEqualTo("unit");
    assertThat(r.at("/unit").asString()).isEqualTo("(01)" + clerk.gtin + "(21)SN-1");
  }

  @Test
  void registeringASerialThatExistsIsAConflictNamingIt() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response r =
        refused(
            clerk,
            "SN-1",
            () ->
                clerk.api.post(
                    "/api/v1/units",
                    map(
                        "location",
                        clerk.dock,
                        "units",
                        list(clerk.unitKey("SN-0"), clerk.unitKey("SN-1")))));

    assertProblem(r, 409, "duplicate-serial", "units[1].serial");
  }

  @Test
  void containerCannotBePackedIntoItselfOrIntoOneItHolds() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");
    String pallet = clerk.container("PALLET", clerk.bin1);
    String kase = clerk.container("CASE", clerk.bin2);
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("SN-1")), "into", pallet)));
    ok(clerk.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    assertProblem(
        refused(
            clerk,
            "SN-1",
            () -> clerk.api.post("/api/v1/containers/" + pallet + "/pack", map("into", kase))),
        422,
        "container-cycle",
        "into");
    assertProblem(
        refused(
            clerk,
            "SN-1",
            () -> clerk.api.post("/api/v1/containers/" + pallet + "/pack", map("into", pallet))),
        422,
        "container-cycle",
        "into");
  }
}
