package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.unitrace.catalog.Product;
import io.unitrace.catalog.SerialScope;
import io.unitrace.catalog.Tracking;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A whole request judged at once, without HTTP or a database: the quantity splits, what earlier
 * items of the same request took, and the refusals that name an item.
 */
class JudgingTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
  private static final String PHONE = "09506000134352";
  private static final String SYRUP = "09506000134369";
  private static final String SCREWS = "09506000134376";

  private static final Product PHONES = product(1, "PHONE", PHONE, Tracking.SERIAL);
  private static final Product SYRUPS = product(2, "SYRUP", SYRUP, Tracking.LOT);
  private static final Product SCREW = product(3, "SCREW", SCREWS, Tracking.NONE);

  /** The facts of one request, all empty until a test says otherwise. */
  private static final class Given {
    boolean po;
    boolean asn;
    final Set<SerialOf> receivedHere = new HashSet<>();
    final Map<ScopedSerial, ReceiptFacts.Existing> existing = new HashMap<>();
    final Map<SerialOf, ScanChecks.Announced> announced = new HashMap<>();
    final Map<String, List<ScanChecks.Announced>> announcedLots = new HashMap<>();
    final Map<LotOf, Long> announcedQuantities = new HashMap<>();
    final Map<LotOf, Long> receivedQuantities = new HashMap<>();
    final Map<LotOf, Long> missingQuantities = new HashMap<>();
    final Map<ProductLot, LocalDate> lotExpiries = new HashMap<>();
    final Map<Long, Integer> ordered = new HashMap<>();
    final Map<Long, Integer> receivedForPo = new HashMap<>();

    Given ordering(Product p, int quantity, int receivedBefore) {
      po = true;
      ordered.put(p.id(), quantity);
      receivedForPo.put(p.id(), receivedBefore);
      return this;
    }

    Given announcing(String gtin, String lot, long quantity, long receivedBefore) {
      asn = true;
      announcedLots
          .computeIfAbsent(gtin, g -> new ArrayList<>())
          .add(new ScanChecks.Announced(lot, null));
      announcedQuantities.put(new LotOf(gtin, lot), quantity);
      receivedQuantities.merge(new LotOf(gtin, lot), receivedBefore, Long::sum);
      return this;
    }

    List<Judged> judge(Candidate... candidates) {
      ReceiptFacts facts =
          new ReceiptFacts(
              po,
              asn,
              Map.of(PHONE, PHONES, SYRUP, SYRUPS, SCREWS, SCREW),
              receivedHere,
              existing,
              announced,
              announcedLots,
              announcedQuantities,
              receivedQuantities,
              missingQuantities,
              lotExpiries,
              ordered,
              receivedForPo);
      return Judging.judge(Arrays.asList(candidates), facts, TODAY);
    }
  }

  private static Product product(long id, String sku, String gtin, Tracking tracking) {
    return new Product(
        id,
        1,
        sku,
        sku,
        List.of(new Gtin(gtin)),
        tracking,
        false,
        null,
        null,
        SerialScope.GTIN,
        null,
        null,
        List.of(),
        null,
        null,
        false);
  }

  private static Candidate unit(String gtin, String serial) {
    return new Candidate(
        gtin, serial, null, null, null, null, null, false, false, Map.of(), false, null, 1, "",
        null);
  }

  private static Candidate quantity(String gtin, String lot, int quantity) {
    return new Candidate(
        gtin, null, lot, null, null, null, null, false, false, Map.of(), false, null, quantity, "",
        null);
  }

  private static Candidate notFound(Candidate c) {
    return new Candidate(
        c.gtin(),
        c.serial(),
        c.lot(),
        c.expiry(),
        c.manufactured(),
        c.sscc(),
        c.scan(),
        false,
        true,
        c.fields(),
        false,
        c.announced(),
        c.quantity(),
        c.at(),
        c.vendorLot());
  }

  private static Candidate withExpiry(Candidate c, LocalDate expiry) {
    return new Candidate(
        c.gtin(),
        c.serial(),
        c.lot(),
        expiry,
        LocalDate.of(2026, 1, 1),
        c.sscc(),
        c.scan(),
        c.damaged(),
        c.missing(),
        c.fields(),
        c.needsLabel(),
        c.announced(),
        c.quantity(),
        c.at(),
        c.vendorLot());
  }

  private static Problem refusal(Given given, Candidate... candidates) {
    try {
      given.judge(candidates);
    } catch (Problem p) {
      return p;
    }
    throw new AssertionError("the request was not refused");
  }

  // The purchase order ---------------------------------------------------------------------------

  @Test
  void splitsAQuantityAtWhatThePurchaseOrderStillHasOpen() {
    List<Judged> judged = new Given().ordering(SCREW, 10, 7).judge(quantity(SCREWS, null, 5));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(tuple(ScanOutcome.RECEIVED, 3), tuple(ScanOutcome.OVER_QUANTITY, 2));
  }

  @Test
  void aQuantityWithinWhatThePurchaseOrderHasOpenIsReceivedWhole() {
    List<Judged> judged = new Given().ordering(SCREW, 10, 7).judge(quantity(SCREWS, null, 3));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(tuple(ScanOutcome.RECEIVED, 3));
  }

  @Test
  void aQuantityOfAProductTheOrderHasAllOfIsOverWhole() {
    List<Judged> judged = new Given().ordering(SCREW, 10, 10).judge(quantity(SCREWS, null, 4));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(tuple(ScanOutcome.OVER_QUANTITY, 4));
  }

  @Test
  void aQuantityOfAProductThePurchaseOrderDoesNotOrderIsAWrongProductWhole() {
    List<Judged> judged = new Given().ordering(PHONES, 5, 0).judge(quantity(SCREWS, null, 4));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(tuple(ScanOutcome.WRONG_PRODUCT, 4));
  }

  @Test
  void withoutAPurchaseOrderAQuantityIsNeverSplit() {
    List<Judged> judged = new Given().judge(quantity(SCREWS, null, 500));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(tuple(ScanOutcome.RECEIVED, 500));
  }

  @Test
  void whatEarlierItemsOfTheRequestTookCountsAgainstThePurchaseOrder() {
    List<Judged> judged =
        new Given().ordering(PHONES, 1, 0).judge(unit(PHONE, "A1"), unit(PHONE, "A2"));

    assertThat(judged)
        .extracting(Judged::outcome)
        .containsExactly(ScanOutcome.RECEIVED, ScanOutcome.OVER_QUANTITY);
  }

  @Test
  void theOverPartOfASplitDoesNotCountAgainstThePurchaseOrder() {
    List<Judged> judged =
        new Given()
            .ordering(SCREW, 10, 0)
            .judge(quantity(SCREWS, null, 12), quantity(SCREWS, null, 1));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity(), Judged::countsAgainstPo)
        .containsExactly(
            tuple(ScanOutcome.RECEIVED, 10, true),
            tuple(ScanOutcome.OVER_QUANTITY, 2, false),
            tuple(ScanOutcome.OVER_QUANTITY, 1, false));
  }

  // The ASN --------------------------------------------------------------------------------------

  @Test
  void countsMoreOfALotThanTheAsnAnnouncedAsUnexpected() {
    List<Judged> judged =
        new Given().announcing(SYRUP, "L1", 10, 4).judge(quantity(SYRUP, "L1", 8));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity(), Judged::lot)
        .containsExactly(
            tuple(ScanOutcome.RECEIVED, 6, "L1"), tuple(ScanOutcome.UNEXPECTED, 2, "L1"));
  }

  @Test
  void aLotTheReceiptHasAllOfAlreadyIsUnexpectedWhole() {
    List<Judged> judged =
        new Given().announcing(SYRUP, "L1", 10, 10).judge(quantity(SYRUP, "L1", 3));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(tuple(ScanOutcome.UNEXPECTED, 3));
  }

  @Test
  void whatEarlierItemsOfTheRequestTookOfALotCountsAgainstTheAsn() {
    List<Judged> judged =
        new Given()
            .announcing(SYRUP, "L1", 10, 0)
            .judge(quantity(SYRUP, "L1", 6), quantity(SYRUP, "L1", 6));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(
            tuple(ScanOutcome.RECEIVED, 6),
            tuple(ScanOutcome.RECEIVED, 4),
            tuple(ScanOutcome.UNEXPECTED, 2));
  }

  @Test
  void aLotTheAsnDoesNotAnnounceOfAnAnnouncedProductDiffersFromTheAsn() {
    List<Judged> judged =
        new Given().announcing(SYRUP, "L1", 10, 0).judge(quantity(SYRUP, "L2", 3));

    assertThat(judged).extracting(Judged::outcome).containsExactly(ScanOutcome.LOT_MISMATCH);
  }

  @Test
  void splitsAtThePurchaseOrderFirstAndThenAtTheAsn() {
    List<Judged> judged =
        new Given()
            .ordering(SYRUPS, 10, 0)
            .announcing(SYRUP, "L1", 5, 0)
            .judge(quantity(SYRUP, "L1", 12));

    assertThat(judged)
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(
            tuple(ScanOutcome.RECEIVED, 5),
            tuple(ScanOutcome.UNEXPECTED, 5),
            tuple(ScanOutcome.OVER_QUANTITY, 2));
  }

  @Test
  void aSerialTakesItsLotAndExpiryFromItsAnnouncement() {
    Given given = new Given();
    given.asn = true;
    given.announced.put(
        new SerialOf(PHONE, "A1"), new ScanChecks.Announced("B7", TODAY.plusYears(2)));

    Judged j = given.judge(unit(PHONE, "A1")).get(0);

    assertThat(j.outcome()).isEqualTo(ScanOutcome.RECEIVED);
    assertThat(j.lot()).isEqualTo("B7");
    assertThat(j.expiry()).isEqualTo(TODAY.plusYears(2));
  }

  @Test
  void aSerialTheAsnDoesNotAnnounceIsUnexpected() {
    Given given = new Given();
    given.asn = true;

    assertThat(given.judge(unit(PHONE, "A1")))
        .extracting(Judged::outcome)
        .containsExactly(ScanOutcome.UNEXPECTED);
  }

  // Serials seen before --------------------------------------------------------------------------

  @Test
  void judgesASerialScannedTwiceInOneConfirmationAsARepeat() {
    List<Judged> judged = new Given().judge(unit(PHONE, "A1"), unit(PHONE, "A1"));

    assertThat(judged)
        .extracting(Judged::outcome)
        .containsExactly(ScanOutcome.RECEIVED, ScanOutcome.REPEAT);
  }

  @Test
  void aSerialThisReceiptTookInBeforeIsARepeat() {
    Given given = new Given();
    given.receivedHere.add(new SerialOf(PHONE, "A1"));

    assertThat(given.judge(unit(PHONE, "A1")))
        .extracting(Judged::outcome)
        .containsExactly(ScanOutcome.REPEAT);
  }

  @Test
  void aSerialInStockIsADuplicateNamingTheUnitToSuspect() {
    Given given = new Given();
    given.existing.put(
        new ScopedSerial("gtin:" + PHONE, "A1"),
        new ReceiptFacts.Existing(42, UnitState.STORED, 0));

    Judged j = given.judge(unit(PHONE, "A1")).get(0);

    assertThat(j.outcome()).isEqualTo(ScanOutcome.DUPLICATE);
    assertThat(j.existing().id()).isEqualTo(42);
  }

  @Test
  void anExpectedUnitWithTheSerialIsReceivedNotDuplicated() {
    Given given = new Given();
    given.existing.put(
        new ScopedSerial("gtin:" + PHONE, "A1"),
        new ReceiptFacts.Existing(42, UnitState.EXPECTED, 0));

    Judged j = given.judge(unit(PHONE, "A1")).get(0);

    assertThat(j.outcome()).isEqualTo(ScanOutcome.RECEIVED);
    assertThat(j.existing()).isNull();
  }

  @Test
  void aGtinOfNoProductIsUnknownNotRefused() {
    assertThat(new Given().judge(unit("04012345000016", "X")))
        .extracting(Judged::outcome)
        .containsExactly(ScanOutcome.UNKNOWN_GTIN);
  }

  // Not found
  // --------------------------------------------------------------------------------------

  @Test
  void aUnitThisReceiptTookInCanBeReportedNotFound() {
    Given given = new Given();
    given.receivedHere.add(new SerialOf(PHONE, "A1"));

    assertThat(given.judge(notFound(unit(PHONE, "A1"))))
        .extracting(Judged::outcome, Judged::receivedDelta)
        .containsExactly(tuple(ScanOutcome.NOT_FOUND, -1));
  }

  @Test
  void refusesToReportNotFoundAUnitThisReceiptNeverTookIn() {
    Problem p = refusal(new Given(), notFound(unit(PHONE, "A1")).at("items[0]."));

    assertThat(p.code()).isEqualTo("not-received-here");
    assertThat(p.field()).isEqualTo("items[0].scan");
  }

  @Test
  void aQuantityReportedNotFoundIsNeverSplit() {
    Given given = new Given().ordering(SCREW, 10, 10);
    given.receivedQuantities.put(new LotOf(SCREWS, null), 10L);

    assertThat(given.judge(notFound(quantity(SCREWS, null, 4))))
        .extracting(j -> j.outcome(), j -> j.c().quantity())
        .containsExactly(tuple(ScanOutcome.NOT_FOUND, 4));
  }

  @Test
  void quantitiesReportedNotFoundCountAgainstWhatTheReceiptTookIn() {
    Given given = new Given();
    given.receivedQuantities.put(new LotOf(SCREWS, null), 5L);
    given.missingQuantities.put(new LotOf(SCREWS, null), 1L);

    Problem p =
        refusal(given, notFound(quantity(SCREWS, null, 3)), notFound(quantity(SCREWS, null, 3)));

    assertThat(p.code()).isEqualTo("not-received-here");
    assertThat(p.getMessage()).startsWith("this receipt took in 1 of " + SCREWS);
  }

  // Lots and their expiry ------------------------------------------------------------------------

  @Test
  void aQuantityWithoutALabelExpiryTakesItsLotsExpiry() {
    Given given = new Given();
    given.lotExpiries.put(new ProductLot(2, "L1"), TODAY.minusDays(1));

    Judged j = given.judge(quantity(SYRUP, "L1", 3)).get(0);

    assertThat(j.outcome()).isEqualTo(ScanOutcome.EXPIRED);
    assertThat(j.expiry()).isEqualTo(TODAY.minusDays(1));
  }

  @Test
  void aLabelExpiryThatContradictsItsLotIsAMismatchAndTheLotKeepsItsExpiry() {
    Given given = new Given();
    given.lotExpiries.put(new ProductLot(2, "L1"), TODAY.plusYears(1));

    Judged j = given.judge(withExpiry(quantity(SYRUP, "L1", 3), TODAY.plusYears(2))).get(0);

    assertThat(j.outcome()).isEqualTo(ScanOutcome.LOT_MISMATCH);
    assertThat(j.expiry()).isEqualTo(TODAY.plusYears(2));
    assertThat(j.lotExpiry()).isEqualTo(TODAY.plusYears(1));
  }

  // Refusals -------------------------------------------------------------------------------------

  @Test
  void refusesAQuantityOfASerializedProduct() {
    Problem p = refusal(new Given(), quantity(PHONE, null, 3).at("items[2]."));

    assertThat(p.code()).isEqualTo("serial-required");
    assertThat(p.field()).isEqualTo("items[2].serial");
  }

  @Test
  void refusesASerialOfACountedProduct() {
    Problem p = refusal(new Given(), unit(SCREWS, "S1"));

    assertThat(p.code()).isEqualTo("not-serialized");
    assertThat(p.field()).isEqualTo("scan");
  }

  @Test
  void aTrackingMismatchAnywhereRefusesTheRequestBeforeAnyItemIsJudged() {
    Problem p =
        refusal(
            new Given(),
            quantity(SYRUP, null, 1).at("items[0]."),
            unit(SCREWS, "S1").at("items[1]."));

    assertThat(p.code()).isEqualTo("not-serialized");
    assertThat(p.field()).isEqualTo("items[1].scan");
  }

  @Test
  void refusesAQuantityOfALotTrackedProductWithoutItsLot() {
    Problem p = refusal(new Given(), quantity(SYRUP, null, 1).at("items[0]."));

    assertThat(p.code()).isEqualTo("lot-required");
    assertThat(p.field()).isEqualTo("items[0].lot");
  }

  @Test
  void refusesALotOnAProductNotTrackedByLot() {
    Problem p = refusal(new Given(), quantity(SCREWS, "L1", 1));

    assertThat(p.code()).isEqualTo("not-lot-tracked");
    assertThat(p.field()).isEqualTo("lot");
  }

  @Test
  void aLotAnnouncedForTheItemNeedNotBeScanned() {
    assertThat(
            new Given()
                .judge(
                    Candidate.announced(
                        new AnnouncedItem(SYRUP, null, "L1", null, null, null, 4), null)))
        .extracting(Judged::lot, Judged::outcome)
        .containsExactly(tuple("L1", ScanOutcome.RECEIVED));
  }
}
