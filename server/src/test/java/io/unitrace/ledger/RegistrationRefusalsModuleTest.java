package io.unitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.shared.Problem;
import io.unitrace.support.Site;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every way the unit book refuses units to register, and a unit's custom fields: bad GTINs and
 * serials, the product's tracking and lot rules, custom fields, where the units are. The refusal
 * names the unit it is about ({@code units[3].gtin}), so a clerk with a list of 500 finds the
 * culprit. How these reach a client as problem+json is {@code LedgerRefusalsIT}'s business.
 */
class RegistrationRefusalsModuleTest extends LedgerModuleTest {

  @Test
  void rejectsRegistrationWithAnUnknownGtinNamingTheUnitItIsIn() {
    Client client = newClient();
    List<UnitBook.NewUnit> list = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      list.add(client.unit("SN-" + i));
    }
    String stranger = Site.randomGtin();
    list.set(3, new UnitBook.NewUnit(stranger, "SN-3", null, null, null, null));

    Problem p = refused(client, () -> client.registerAt(bin1, list));

    assertProblem(p, 422, "unknown-gtin", "units[3].gtin");
    assertThat(p.getMessage()).contains(stranger);
  }

  @Test
  void rejectsRegistrationWithAGtinWhoseCheckDigitIsWrong() {
    Client client = newClient();
    String g = client.gtin;
    String wrong = g.substring(0, 13) + (char) ('0' + (g.charAt(13) - '0' + 1) % 10);

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1,
                    List.of(
                        client.unit("SN-1"),
                        new UnitBook.NewUnit(wrong, "SN-2", null, null, null, null))));

    assertProblem(p, 400, "invalid-gtin", "units[1].gtin");
  }

  @Test
  void rejectsASerialLongerThanTwentyCharacters() {
    Client client = newClient();

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1,
                    List.of(
                        client.unit("SN-1"), client.unit("SN-2"), client.unit("S".repeat(21)))));

    assertProblem(p, 400, "invalid-serial", "units[2].serial");
  }

  @Test
  void rejectsAnEmptySerial() {
    Client client = newClient();

    Problem p = refused(client, () -> client.registerAt(bin1, List.of(client.unit(""))));

    assertProblem(p, 400, "invalid-serial", "units[0].serial");
  }

  @Test
  void rejectsASerialThatDoesNotMatchTheProductsPattern() {
    Client client = newClient();
    String router = client.product(io.unitrace.catalog.Tracking.SERIAL, false, "R[0-9]{6}", null);

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1,
                    List.of(
                        new UnitBook.NewUnit(router, "R123456", null, null, null, null),
                        new UnitBook.NewUnit(router, "X123456", null, null, null, null))));

    assertProblem(p, 400, "serial-format", "units[1].serial");
  }

  @Test
  void rejectsTheSameSerialTwiceInOneRequest() {
    Client client = newClient();

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1, List.of(client.unit("SN-1"), client.unit("SN-2"), client.unit("SN-1"))));

    assertProblem(p, 400, "duplicate-in-request", "units[2].serial");
  }

  // Custom fields

  @Test
  void rejectsAUnitWithoutARequiredCustomField() {
    Client client = newClient();
    String handset = client.handset();

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1,
                    List.of(
                        withFields(handset, "H1", Map.of("IMEI", Floor.imei())),
                        withFields(handset, "H2", Map.of("firmware", "1.0")))));

    assertProblem(p, 400, "missing-field", "units[1].fields.IMEI");
  }

  @Test
  void rejectsACustomFieldTheProductDoesNotHave() {
    Client client = newClient();

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1, List.of(withFields(client.gtin, "SN-1", Map.of("colour", "red")))));

    assertProblem(p, 400, "unknown-field", "units[0].fields.colour");
  }

  @Test
  void rejectsAnEmptyFieldValue() {
    Client client = newClient();
    client.register(bin1, "SN-1");

    Problem p =
        refused(
            client,
            "SN-1",
            () -> book.setFields(client.scope, client.ref("SN-1"), Map.of("IMEI", " "), meta()));

    assertProblem(p, 400, "invalid-field", "fields.IMEI");
  }

  @Test
  void rejectsSettingNoFieldsAtAll() {
    Client client = newClient();
    client.register(bin1, "SN-1");

    Problem p =
        refused(
            client,
            "SN-1",
            () -> book.setFields(client.scope, client.ref("SN-1"), Map.of(), meta()));

    assertProblem(p, 400, "invalid-field", "fields");
  }

  // Lots

  @Test
  void rejectsANewLotOfAnExpiryTrackedProductWithoutItsExpiry() {
    Client client = newClient();
    String vaccine = client.medicine();

    Problem p =
        refused(
            client,
            () -> client.registerAt(bin1, List.of(lotUnit(vaccine, "V1", "L1", null, null))));

    assertProblem(p, 400, "expiry-required", "units[0].expiry");
  }

  @Test
  void rejectsAnExpiryThatContradictsTheLotsRecordedOne() {
    Client client = newClient();
    String vaccine = client.medicine();
    client.registerAt(bin1, List.of(lotUnit(vaccine, "V1", "L1", LocalDate.of(2027, 1, 31), null)));

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1, List.of(lotUnit(vaccine, "V2", "L1", LocalDate.of(2028, 1, 31), null))));

    assertProblem(p, 422, "lot-expiry-mismatch", "units[0].expiry");
  }

  @Test
  void rejectsALotThatWouldExpireBeforeItWasMade() {
    Client client = newClient();
    String vaccine = client.medicine();

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1,
                    List.of(
                        lotUnit(
                            vaccine,
                            "V1",
                            "L1",
                            LocalDate.of(2024, 1, 31),
                            LocalDate.of(2025, 1, 31)))));

    assertProblem(p, 400, "invalid-field", "units[0].expiry");
  }

  @Test
  void rejectsAManufacturingDateThatContradictsTheLotsRecordedOne() {
    Client client = newClient();
    String vaccine = client.medicine();
    client.registerAt(
        bin1,
        List.of(
            lotUnit(vaccine, "V1", "L1", LocalDate.of(2027, 1, 31), LocalDate.of(2025, 1, 31))));

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1, List.of(lotUnit(vaccine, "V2", "L1", null, LocalDate.of(2025, 2, 28)))));

    assertProblem(p, 422, "lot-date-mismatch", "units[0].manufactured");
  }

  @Test
  void rejectsALotCodeOutsideGs1CharacterSet82() {
    Client client = newClient();
    String vaccine = client.medicine();

    Problem p =
        refused(
            client,
            () ->
                client.registerAt(
                    bin1, List.of(lotUnit(vaccine, "V1", "L#1", LocalDate.of(2027, 1, 31), null))));

    assertProblem(p, 400, "invalid-lot", "units[0].lot");
    assertThat(p.getMessage()).contains("a lot code");
  }

  @Test
  void rejectsALotForAProductNotTrackedByLot() {
    Client client = newClient();

    Problem p =
        refused(
            client,
            () -> client.registerAt(bin1, List.of(lotUnit(client.gtin, "SN-1", "L1", null, null))));

    assertProblem(p, 400, "not-lot-tracked", "units[0].lot");
  }

  // Where, how many, why

  @Test
  void rejectsRegistrationAtAnUnknownLocation() {
    Client client = newClient();

    Problem p =
        refused(
            client,
            () -> client.registerAt("NOWHERE-" + Floor.unique("L"), List.of(client.unit("SN-1"))));

    assertProblem(p, 422, "unknown-location", "location");
  }

  @Test
  void rejectsRegistrationWithoutALocationUnlessTheUnitsAreExpected() {
    Client client = newClient();

    Problem p = refused(client, () -> client.registerAt(null, List.of(client.unit("SN-1"))));

    assertProblem(p, 400, "invalid-field", "location");
    book.register(
        client.scope,
        new UnitBook.Registration(List.of(client.unit("SN-1")), null, true, null),
        meta());
    assertThat(units.require(client.scope, client.ref("SN-1")).state())
        .as("announced units need no location")
        .isEqualTo(UnitState.EXPECTED);
  }

  @Test
  void rejectsRegistrationOfNoUnitsAndOfAnUnknownReason() {
    Client client = newClient();

    assertProblem(
        refused(client, () -> client.registerAt(bin1, List.of())), 400, "invalid-field", "units");
    assertProblem(
        refused(
            client,
            () ->
                book.register(
                    client.scope,
                    new UnitBook.Registration(
                        List.of(client.unit("SN-1")), bin1, false, "FOUND_ON_STREET"),
                    meta())),
        400,
        "invalid-field",
        "reason");
  }
}
