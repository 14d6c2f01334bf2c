package io.unitrace.returns;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.catalog.Product;
import io.unitrace.catalog.SerialScope;
import io.unitrace.catalog.Tracking;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import io.unitrace.outbound.Sales;
import io.unitrace.returns.Verdict.Check.Severity;
import io.unitrace.returns.Verdict.Eligibility.Kind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict on a returned unit, judged from its facts alone: every check by its name. */
class ReturnChecksTest {

  static final String GTIN = "09506000134352";
  static final String OTHER_GTIN = "09506000134369";
  static final String SERIAL = "SN1001";
  static final long UNIT = 7;
  static final LocalDate SHIPPED_ON = LocalDate.of(2026, 11, 1);
  static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

  static Product product(boolean regulated) {
    return new Product(
        1,
        1,
        "PHONE",
        "Phone",
        List.of(Gtin.parse(GTIN)),
        Tracking.SERIAL,
        false,
        null,
        24,
        SerialScope.GTIN,
        null,
        null,
        List.of(),
        null,
        null,
        regulated);
  }

  static ReturnFacts.Known unit(UnitState state, List<Hold> holds) {
    return new ReturnFacts.Known(
        UNIT,
        GTIN,
        SERIAL,
        "PHONE",
        "LOT1",
        LocalDate.of(2028, 1, 31),
        state,
        holds,
        Map.of("IMEI", "356938035643809"));
  }

  static Sales.Sale sale(Integer returnDays, LocalDate shipDate, LocalDate warrantyUntil) {
    return new Sales.Sale(
        11,
        12,
        "WEB-1",
        "WEB",
        returnDays,
        "CUST1",
        "Ann Buyer",
        shipDate,
        warrantyUntil,
        1,
        UNIT,
        GTIN,
        SERIAL,
        null,
        1,
        0);
  }

  static Sales.Sale sale() {
    return sale(30, SHIPPED_ON, SHIPPED_ON.plusMonths(24));
  }

  static ReturnFacts.Scanned scanned(String gtin, String lot, LocalDate expiry) {
    return new ReturnFacts.Scanned("scan", gtin, SERIAL, lot, expiry);
  }

  static ReturnFacts.Scanned scanned() {
    return scanned(GTIN, null, null);
  }

  static ReturnFacts facts(
      ReturnFacts.Scanned scanned,
      ReturnFacts.Known unit,
      Sales.Sale sale,
      Rmas.Rma rma,
      String returnedBy,
      Map<String, String> identifiers) {
    return new ReturnFacts(
        scanned, unit, product(false), sale, rma, returnedBy, identifiers, TODAY);
  }

  static ReturnFacts shipped() {
    return facts(scanned(), unit(UnitState.SHIPPED, List.of()), sale(), null, null, Map.of());
  }

  static Rmas.Rma rmaFor(Long unitId, String serial) {
    return new Rmas.Rma(
        5,
        "RMA-000005",
        Rmas.Kind.SERIAL,
        null,
        "CUST1",
        "DEFECTIVE",
        null,
        "OPEN",
        List.of(new Rmas.Line(1, unitId, GTIN, serial, 1, null, null, 1, 0)));
  }

  static List<String> codes(Verdict v, Severity severity) {
    return v.checks().stream().filter(c -> c.severity() == severity).map(c -> c.code()).toList();
  }

  @Test
  void aCleanReturnNamesItsSaleAndWhereTheCreditGoes() {
    Verdict v = ReturnChecks.judge(shipped());
    assertThat(v.refused()).isFalse();
    assertThat(v.suspicious()).isFalse();
    assertThat(v.resaleable()).isTrue();
    assertThat(v.sale().order()).isEqualTo("WEB-1");
    assertThat(v.sale().channel()).isEqualTo("WEB");
    assertThat(v.sale().customer()).isEqualTo("CUST1");
    assertThat(v.sale().soldTo()).isEqualTo("Ann Buyer");
    assertThat(v.sale().shipDate()).isEqualTo(SHIPPED_ON);
    assertThat(v.sale().creditTo()).contains("WEB", "WEB-1");
    assertThat(codes(v, Severity.PASSED)).contains("shipped-by-us", "eligibility");
    assertThat(codes(v, Severity.SUSPECT)).isEmpty();
    assertThat(v.summary()).startsWith("Clean return");
  }

  @Test
  void aSerialWeHaveNoRecordOfWasNeverShippedByUs() {
    Verdict v = ReturnChecks.judge(facts(scanned(), null, null, null, null, Map.of()));
    assertThat(v.refused()).isTrue();
    assertThat(v.refusal().orElseThrow().code()).isEqualTo("never-shipped");
    assertThat(v.sale()).isNull();
    assertThat(v.serial()).isEqualTo(SERIAL);
  }

  @Test
  void aUnitStillInStockWasNeverShippedByUs() {
    Verdict v =
        ReturnChecks.judge(
            facts(scanned(), unit(UnitState.STORED, List.of()), null, null, null, Map.of()));
    assertThat(v.refused()).isTrue();
    assertThat(v.refusal().orElseThrow().code()).isEqualTo("never-shipped");
    assertThat(v.resaleable()).isFalse();
  }

  @Test
  void aUnitBackAlreadyIsRefusedAsAlreadyReturned() {
    for (UnitState state : List.of(UnitState.RETURNED, UnitState.IN_REPAIR, UnitState.STORED)) {
      Verdict v =
          ReturnChecks.judge(
              facts(scanned(), unit(state, List.of()), sale(), null, null, Map.of()));
      assertThat(v.refusal().orElseThrow().code()).as("%s", state).isEqualTo("already-returned");
    }
  }

  @Test
  void aUnitReturnedByAnotherCustomerIsSuspect() {
    Verdict v =
        ReturnChecks.judge(
            facts(
                scanned(), unit(UnitState.SHIPPED, List.of()), sale(), null, "Mallory", Map.of()));
    assertThat(v.refused()).isFalse();
    assertThat(v.suspicious()).isTrue();
    assertThat(v.resaleable()).isFalse();
    assertThat(codes(v, Severity.SUSPECT)).containsExactly("other-customer");
  }

  @Test
  void theSoldToCustomerByCodeOrByNameIsTheSameCustomer() {
    for (String by : List.of("cust1", " Ann Buyer ")) {
      Verdict v =
          ReturnChecks.judge(
              facts(scanned(), unit(UnitState.SHIPPED, List.of()), sale(), null, by, Map.of()));
      assertThat(v.suspicious()).as(by).isFalse();
      assertThat(codes(v, Severity.PASSED)).contains("same-customer");
    }
  }

  @Test
  void aSerialTheRmaDoesNotNameIsNotAuthorised() {
    Verdict v =
        ReturnChecks.judge(
            facts(
                scanned(),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                rmaFor(99L, "SN9999"),
                null,
                Map.of()));
    assertThat(v.suspicious()).isTrue();
    assertThat(codes(v, Severity.SUSPECT)).containsExactly("not-authorised");
    assertThat(v.checks().stream().filter(c -> c.code().equals("not-authorised")).findFirst())
        .get()
        .extracting(Verdict.Check::message)
        .asString()
        .contains("SN9999", SERIAL);
  }

  @Test
  void theSerialTheRmaNamesIsAuthorised() {
    Verdict v =
        ReturnChecks.judge(
            facts(
                scanned(),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                rmaFor(UNIT, SERIAL),
                null,
                Map.of()));
    assertThat(v.suspicious()).isFalse();
    assertThat(codes(v, Severity.PASSED)).contains("authorised");
  }

  @Test
  void aSerialUnderAnotherGtinIsASwappedUnit() {
    Verdict v =
        ReturnChecks.judge(
            facts(
                scanned(OTHER_GTIN, null, null),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                null,
                null,
                Map.of()));
    assertThat(v.suspicious()).isTrue();
    assertThat(codes(v, Severity.SUSPECT)).containsExactly("swapped-unit");
  }

  @Test
  void anotherLotOrExpiryIsASwappedUnit() {
    Verdict lot =
        ReturnChecks.judge(
            facts(
                scanned(GTIN, "LOT2", null),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                null,
                null,
                Map.of()));
    assertThat(codes(lot, Severity.SUSPECT)).containsExactly("swapped-unit");
    Verdict expiry =
        ReturnChecks.judge(
            facts(
                scanned(GTIN, "LOT1", LocalDate.of(2029, 1, 31)),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                null,
                null,
                Map.of()));
    assertThat(codes(expiry, Severity.SUSPECT)).containsExactly("swapped-unit");
    Verdict same =
        ReturnChecks.judge(
            facts(
                scanned(GTIN, "LOT1", LocalDate.of(2028, 1, 31)),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                null,
                null,
                Map.of()));
    assertThat(same.suspicious()).isFalse();
  }

  @Test
  void anImeiThatDoesNotMatchTheRecordIsAnIdentifierMismatch() {
    Verdict v =
        ReturnChecks.judge(
            facts(
                scanned(),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                null,
                null,
                Map.of("IMEI", "990000862471854")));
    assertThat(v.suspicious()).isTrue();
    assertThat(codes(v, Severity.SUSPECT)).containsExactly("identifier-mismatch");
  }

  @Test
  void anIdentifierIsComparedWhateverTheCaseOfItsName() {
    Verdict mismatch =
        ReturnChecks.judge(
            facts(
                scanned(),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                null,
                null,
                Map.of("imei", "990000862471854")));
    assertThat(codes(mismatch, Severity.SUSPECT)).containsExactly("identifier-mismatch");
    Verdict match =
        ReturnChecks.judge(
            facts(
                scanned(),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                null,
                null,
                Map.of("imei", " 356938035643809 ")));
    assertThat(match.suspicious()).isFalse();
    assertThat(codes(match, Severity.PASSED)).contains("identifier-matches");
  }

  @Test
  void anIdentifierWithNothingOnRecordIsOnlySaid() {
    Verdict v =
        ReturnChecks.judge(
            facts(
                scanned(),
                unit(UnitState.SHIPPED, List.of()),
                sale(),
                null,
                null,
                Map.of("MAC", "00:11:22:33:44:55")));
    assertThat(v.suspicious()).isFalse();
    assertThat(codes(v, Severity.INFO)).contains("identifier-not-recorded");
  }

  @Test
  void aRecalledOrSuspectUnitIsSuspicious() {
    Verdict recalled =
        ReturnChecks.judge(
            facts(
                scanned(),
                unit(UnitState.SHIPPED, List.of(Hold.RECALL)),
                sale(),
                null,
                null,
                Map.of()));
    assertThat(codes(recalled, Severity.SUSPECT)).containsExactly("recalled");
    Verdict suspect =
        ReturnChecks.judge(
            facts(
                scanned(),
                unit(UnitState.SHIPPED, List.of(Hold.SUSPECT)),
                sale(),
                null,
                null,
                Map.of()));
    assertThat(codes(suspect, Severity.SUSPECT)).containsExactly("suspect");
    assertThat(suspect.summary()).contains("quarantine");
  }

  @Test
  void aRegulatedProductScannedInFullIsVerified() {
    ReturnFacts f =
        new ReturnFacts(
            scanned(GTIN, "LOT1", LocalDate.of(2028, 1, 31)),
            unit(UnitState.SHIPPED, List.of()),
            product(true),
            sale(),
            null,
            null,
            Map.of(),
            TODAY);
    Verdict v = ReturnChecks.judge(f);
    assertThat(codes(v, Severity.PASSED)).contains("regulated-verified");
    assertThat(v.resaleable()).isTrue();
  }

  @Test
  void aRegulatedProductWithoutLotAndExpiryInTheScanIsNotResaleable() {
    ReturnFacts f =
        new ReturnFacts(
            scanned(),
            unit(UnitState.SHIPPED, List.of()),
            product(true),
            sale(),
            null,
            null,
            Map.of(),
            TODAY);
    Verdict v = ReturnChecks.judge(f);
    assertThat(v.refused()).isFalse();
    assertThat(v.suspicious()).isFalse();
    assertThat(v.resaleable()).isFalse();
    Verdict.Check c =
        v.checks().stream().filter(x -> x.code().equals("regulated-unverified")).findFirst().get();
    assertThat(c.message()).contains("lot", "expiry");
    assertThat(v.summary()).contains("Not resaleable");
  }

  @Test
  void aRegulatedProductScannedBySerialAloneLacksItsGtin() {
    ReturnFacts f =
        new ReturnFacts(
            new ReturnFacts.Scanned(SERIAL, null, SERIAL, null, null),
            unit(UnitState.SHIPPED, List.of()),
            product(true),
            sale(),
            null,
            null,
            Map.of(),
            TODAY);
    Verdict v = ReturnChecks.judge(f);
    assertThat(codes(v, Severity.INFO)).contains("regulated-unverified");
    assertThat(v.resaleable()).isFalse();
  }

  @Test
  void withinTheChannelsWindowItIsAReturn() {
    var e = ReturnChecks.eligibility(sale(30, SHIPPED_ON, null), SHIPPED_ON.plusDays(30));
    assertThat(e.kind()).isEqualTo(Kind.RETURN_WINDOW);
    assertThat(e.until()).isEqualTo(SHIPPED_ON.plusDays(30));
  }

  @Test
  void pastTheWindowButUnderWarrantyItIsAWarrantyReturn() {
    var e =
        ReturnChecks.eligibility(
            sale(30, SHIPPED_ON, SHIPPED_ON.plusMonths(24)), SHIPPED_ON.plusDays(31));
    assertThat(e.kind()).isEqualTo(Kind.WARRANTY);
    assertThat(e.until()).isEqualTo(SHIPPED_ON.plusMonths(24));
  }

  @Test
  void pastBothItIsNeither() {
    var e =
        ReturnChecks.eligibility(
            sale(30, SHIPPED_ON, SHIPPED_ON.plusMonths(1)), SHIPPED_ON.plusMonths(2));
    assertThat(e.kind()).isEqualTo(Kind.NONE);
    assertThat(e.until()).isNull();
    var noWindow = ReturnChecks.eligibility(sale(null, SHIPPED_ON, null), SHIPPED_ON);
    assertThat(noWindow.kind()).isEqualTo(Kind.NONE);
    assertThat(noWindow.message()).contains("the channel has none");
  }

  @Test
  void aReturnPastEveryWindowIsStillTakenInButSaysSo() {
    ReturnFacts f =
        new ReturnFacts(
            scanned(),
            unit(UnitState.SHIPPED, List.of()),
            product(false),
            sale(30, SHIPPED_ON.minusYears(3), SHIPPED_ON.minusYears(1)),
            null,
            null,
            Map.of(),
            TODAY);
    Verdict v = ReturnChecks.judge(f);
    assertThat(v.refused()).isFalse();
    assertThat(v.eligibility().kind()).isEqualTo(Kind.NONE);
    assertThat(codes(v, Severity.INFO)).contains("eligibility");
  }
}
