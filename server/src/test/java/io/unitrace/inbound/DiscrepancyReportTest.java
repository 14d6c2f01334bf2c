package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The discrepancy report, built from a receipt's rows without a database. */
class DiscrepancyReportTest {

  private static final String PHONE = "09506000134352";
  private static final String SYRUP = "09506000134369";

  private static final Receipt RECEIPT =
      new Receipt(
          7, 1L, "PO-1", "ACME", 2L, "ASN-1", "DOCK-1", "Q-1", "OPEN", "ann", 0, null, null, null,
          20);

  private static DiscrepancyReport.Exception exception(
      ScanOutcome outcome, String gtin, String serial, String lot, int quantity) {
    return new DiscrepancyReport.Exception(
        outcome.name(), PHONE.equals(gtin) ? "PHONE" : "SYRUP", gtin, serial, lot, quantity);
  }

  @Test
  void announcedSerialsNotTakenInAreShortPerProductWithTheirSerials() {
    List<Report.Line> lines =
        DiscrepancyReport.shortOfAsn(
            List.of(
                new DiscrepancyReport.MissingSerial("PHONE", PHONE, "A1"),
                new DiscrepancyReport.MissingSerial("PHONE", PHONE, "A2")),
            Map.of(),
            List.of());

    assertThat(lines)
        .extracting(Report.Line::outcome, Report.Line::count, Report.Line::serials)
        .containsExactly(tuple("SHORT", 2, List.of("A1", "A2")));
  }

  @Test
  void pendingQuantitiesAreShortPerProductAndLot() {
    List<Report.Line> lines =
        DiscrepancyReport.shortOfAsn(
            List.of(),
            Map.of(SYRUP, "SYRUP"),
            List.of(
                new AnnouncedItem(SYRUP, null, "L1", null, null, null, 3),
                new AnnouncedItem(SYRUP, null, "L1", null, null, null, 2),
                new AnnouncedItem(SYRUP, null, null, null, null, null, 4)));

    assertThat(lines)
        .extracting(Report.Line::sku, Report.Line::lot, Report.Line::count)
        .containsExactly(tuple("SYRUP", "L1", 5), tuple("SYRUP", null, 4));
  }

  @Test
  void withoutAnAsnWhatThePurchaseOrderStillHasOpenIsShortAndNotFoundIsNotShortTwice() {
    List<Report.Line> lines =
        DiscrepancyReport.shortOfPo(
            List.of(
                new DiscrepancyReport.Ordered(1, "PHONE", 10),
                new DiscrepancyReport.Ordered(2, "SYRUP", 5)),
            Map.of(1L, 6, 2L, 5),
            Map.of(1L, 1));

    assertThat(lines)
        .extracting(Report.Line::sku, Report.Line::count)
        .containsExactly(tuple("PHONE", 3));
  }

  @Test
  void groupsEachExceptionInItsSectionAndUnitsFoundMissingCountShort() {
    Report report =
        DiscrepancyReport.of(
            RECEIPT,
            Receiving.Counters.of(20, 12, java.util.Map.of()),
            List.of(new Report.Line("SHORT", "PHONE", PHONE, 1, List.of("A9"), null)),
            List.of(
                exception(ScanOutcome.DAMAGED, PHONE, "A3", null, 1),
                exception(ScanOutcome.DUPLICATE, PHONE, "A4", null, 1),
                exception(ScanOutcome.EXPIRED, SYRUP, null, "L1", 4),
                exception(ScanOutcome.MARKED_DAMAGED, PHONE, "A5", null, 1),
                exception(ScanOutcome.NOT_FOUND, PHONE, "A6", null, 1),
                exception(ScanOutcome.OVER_QUANTITY, SYRUP, null, "L1", 2),
                exception(ScanOutcome.UNEXPECTED, PHONE, "A7", null, 1),
                exception(ScanOutcome.UNKNOWN_GTIN, "04012345000016", null, null, 1),
                exception(ScanOutcome.WRONG_PRODUCT, PHONE, "A8", null, 1)));

    assertThat(report.shortLines())
        .extracting(Report.Line::outcome)
        .containsExactly("SHORT", "NOT_FOUND");
    assertThat(report.over()).extracting(Report.Line::outcome).containsExactly("OVER_QUANTITY");
    assertThat(report.unexpected())
        .extracting(Report.Line::outcome)
        .containsExactly("UNEXPECTED", "UNKNOWN_GTIN", "WRONG_PRODUCT");
    assertThat(report.damaged())
        .extracting(Report.Line::outcome)
        .containsExactly("DAMAGED", "MARKED_DAMAGED");
    assertThat(report.suspect()).extracting(Report.Line::serials).containsExactly(List.of("A4"));
    assertThat(report.quality())
        .extracting(Report.Line::lot, Report.Line::count)
        .containsExactly(tuple("L1", 4));
    assertThat(report.expected()).isEqualTo(20);
    assertThat(report.received()).isEqualTo(12);
    assertThat(report.clean()).isFalse();
  }

  @Test
  void serialsOfOneOutcomeAndProductShareALineCountedGoodsOneLinePerLot() {
    Report report =
        DiscrepancyReport.of(
            RECEIPT,
            Receiving.Counters.of(0, 0, java.util.Map.of()),
            List.of(),
            List.of(
                exception(ScanOutcome.UNEXPECTED, PHONE, "A1", "B1", 1),
                exception(ScanOutcome.UNEXPECTED, PHONE, "A2", "B2", 1),
                exception(ScanOutcome.UNEXPECTED, SYRUP, null, "L1", 3),
                exception(ScanOutcome.UNEXPECTED, SYRUP, null, "L1", 2),
                exception(ScanOutcome.UNEXPECTED, SYRUP, null, "L2", 1)));

    assertThat(report.unexpected())
        .extracting(Report.Line::gtin, Report.Line::lot, Report.Line::count, Report.Line::serials)
        .containsExactly(
            tuple(PHONE, null, 2, List.of("A1", "A2")),
            tuple(SYRUP, "L1", 5, List.of()),
            tuple(SYRUP, "L2", 1, List.of()));
  }

  @Test
  void aReceiptWithoutExceptionsOrShortagesIsClean() {
    assertThat(
            DiscrepancyReport.of(
                    RECEIPT, Receiving.Counters.of(1, 1, java.util.Map.of()), List.of(), List.of())
                .clean())
        .isTrue();
  }
}
