package io.unitrace.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.shared.Problem;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading channel orders from JSON and CSV into one typed request, before any look-up. */
class OrderImportTest {

  private static final String GLN = "9506000000008";
  private static final String GTIN = "09506000134352";

  private static OrderImport.OrderForm order(OrderImport.LineForm... lines) {
    return new OrderImport.OrderForm(
        "WEB",
        "W-1001",
        "WH1",
        null,
        new OrderImport.PartyForm("Ann Buyer", "1 Main St", GLN),
        null,
        "2031-03-01",
        null,
        new ArrayList<>(List.of(lines)));
  }

  private static OrderImport.LineForm line(String sku, long quantity) {
    return new OrderImport.LineForm(sku, null, null, null, quantity, null);
  }

  private static Problem refusal(Runnable r) {
    try {
      r.run();
    } catch (Problem p) {
      return p;
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void aJsonOrderIsReadWithShipToDefaultingToSoldTo() {
    OrderImport.OrderRequest r = OrderImport.fromJson(order(line(" PHONE-1 ", 3))).request();
    assertThat(r.channel()).isEqualTo("WEB");
    assertThat(r.shipTo()).isEqualTo(r.soldTo());
    assertThat(r.soldTo().gln()).isEqualTo(GLN);
    assertThat(r.requestedShipDate()).isEqualTo(LocalDate.of(2031, 3, 1));
    assertThat(r.lines()).hasSize(1);
    assertThat(r.lines().get(0).sku()).isEqualTo("PHONE-1");
    assertThat(r.lines().get(0).quantity()).isEqualTo(3);
  }

  @Test
  void aSerialLineOrdersExactlyOneUnitAndMayLeaveItsQuantityOut() {
    var r =
        OrderImport.fromJson(
                order(new OrderImport.LineForm(null, "9506000134352", null, "SN-1", null, null)))
            .request();
    assertThat(r.lines().get(0).quantity()).isEqualTo(1);
    assertThat(r.lines().get(0).gtin().value()).isEqualTo(GTIN);
    assertThat(r.lines().get(0).serial().value()).isEqualTo("SN-1");
  }

  @Test
  void refusesASerialLineWithAQuantityOtherThanOne() {
    Problem p =
        refusal(
            () ->
                OrderImport.fromJson(
                    order(
                        line("A", 1),
                        new OrderImport.LineForm("B", null, null, "SN-1", 2L, null))));
    assertThat(p.code()).isEqualTo("serial-quantity");
    assertThat(p.field()).isEqualTo("lines[1].quantity");
  }

  @Test
  void refusesAQuantityBelowOne() {
    Problem p = refusal(() -> OrderImport.fromJson(order(line("A", 0))));
    assertThat(p.field()).isEqualTo("lines[0].quantity");
  }

  @Test
  void refusesALineThatNamesNoProduct() {
    Problem p =
        refusal(
            () ->
                OrderImport.fromJson(
                    order(new OrderImport.LineForm(null, null, null, null, 1L, null))));
    assertThat(p.field()).isEqualTo("lines[0].sku");
  }

  @Test
  void refusesAGlnWithAWrongCheckDigitNamingTheParty() {
    OrderImport.OrderForm o = order(line("A", 1));
    OrderImport.OrderForm bad =
        new OrderImport.OrderForm(
            o.channel(),
            o.channelOrderId(),
            o.warehouse(),
            null,
            o.soldTo(),
            new OrderImport.PartyForm("Depot", null, "9506000000009"),
            null,
            null,
            o.lines());
    Problem p = refusal(() -> OrderImport.fromJson(bad));
    assertThat(p.code()).isEqualTo("invalid-gln");
    assertThat(p.field()).isEqualTo("shipTo.gln");
  }

  @Test
  void refusesABadDateAnEmptyOrderAndAMissingChannel() {
    OrderImport.OrderForm o = order(line("A", 1));
    assertThat(
            refusal(
                    () ->
                        OrderImport.fromJson(
                            new OrderImport.OrderForm(
                                "WEB",
                                "1",
                                "WH1",
                                null,
                                o.soldTo(),
                                null,
                                "2031-02-30",
                                null,
                                o.lines())))
                .field())
        .isEqualTo("requestedShipDate");
    assertThat(
            refusal(
                    () ->
                        OrderImport.fromJson(
                            new OrderImport.OrderForm(
                                "WEB", "1", "WH1", null, o.soldTo(), null, null, null, List.of())))
                .field())
        .isEqualTo("lines");
    assertThat(
            refusal(
                    () ->
                        OrderImport.fromJson(
                            new OrderImport.OrderForm(
                                " ", "1", "WH1", null, o.soldTo(), null, null, null, o.lines())))
                .field())
        .isEqualTo("channel");
    assertThat(
            refusal(
                    () ->
                        OrderImport.fromJson(
                            new OrderImport.OrderForm(
                                "WEB", "1", "WH1", null, null, null, null, null, o.lines())))
                .field())
        .isEqualTo("soldTo.name");
  }

  @Test
  void refusesASerialOutsideTheGs1CharacterSet() {
    Problem p =
        refusal(
            () ->
                OrderImport.fromJson(
                    order(new OrderImport.LineForm("A", null, null, "SN 1", null, null))));
    assertThat(p.code()).isEqualTo("invalid-serial");
    assertThat(p.field()).isEqualTo("lines[0].serial");
  }

  @Test
  void csvRowsWithTheSameChannelOrderIdFormOneOrderInTheOrderOfTheirFirstRows() {
    String csv =
        """
        channel,channelOrderId,warehouse,soldToName,soldToGln,sku,lot,quantity,lineMinShelfLifeDays
        WEB,W-2,WH1,Bob,,PHONE-1,,2,
        WEB,W-1,WH1,Ann,9506000000008,PILLS,L1,5,90
        WEB,W-2,,,,CASE-1,,1,
        AMAZON,W-1,WH1,Cid,,PHONE-1,,1,
        """;
    List<OrderImport.Incoming> orders = OrderImport.fromCsv(new StringReader(csv));
    assertThat(orders).hasSize(3);
    assertThat(orders.get(0).request().channelOrderId()).isEqualTo("W-2");
    assertThat(orders.get(0).request().lines()).hasSize(2);
    assertThat(orders.get(0).request().lines().get(1).sku()).isEqualTo("CASE-1");
    assertThat(orders.get(1).request().lines().get(0).lot().value()).isEqualTo("L1");
    assertThat(orders.get(1).request().lines().get(0).minShelfLifeDays()).isEqualTo(90);
    assertThat(orders.get(2).request().channel()).isEqualTo("AMAZON");
    assertThat(orders.get(1).where().line(0, "minShelfLifeDays"))
        .isEqualTo("row 3: lineMinShelfLifeDays");
    assertThat(orders.get(0).where().header("soldTo.gln")).isEqualTo("row 2: soldToGln");
  }

  @Test
  void aCsvRefusalNamesTheRowAndColumn() {
    String csv =
        """
        channel,channelOrderId,warehouse,soldToName,sku,quantity
        WEB,W-1,WH1,Ann,PHONE-1,2
        WEB,W-1,WH1,Ann,PHONE-2,many
        """;
    Problem p = refusal(() -> OrderImport.fromCsv(new StringReader(csv)));
    assertThat(p.field()).isEqualTo("row 3: quantity");
  }

  @Test
  void csvRowsOfOneOrderMustAgreeOnTheOrdersColumns() {
    String csv =
        """
        channel,channelOrderId,warehouse,soldToName,sku,quantity
        WEB,W-1,WH1,Ann,PHONE-1,2
        WEB,W-1,WH2,Ann,PHONE-2,1
        """;
    Problem p = refusal(() -> OrderImport.fromCsv(new StringReader(csv)));
    assertThat(p.code()).isEqualTo("inconsistent-order");
    assertThat(p.field()).isEqualTo("row 3: warehouse");
  }

  @Test
  void refusesAnUnknownCsvColumnAndAnEmptyCsv() {
    assertThat(
            refusal(() -> OrderImport.fromCsv(new StringReader("channel,price\nWEB,1\n"))).code())
        .isEqualTo("unknown-column");
    assertThat(
            refusal(() -> OrderImport.fromCsv(new StringReader("channel,channelOrderId\n"))).code())
        .isEqualTo("empty-csv");
  }

  @Test
  void theSameOrderAsJsonAndAsCsvHasTheSameDigest() {
    String csv =
        """
        channel,channelOrderId,warehouse,soldToName,soldToAddress,soldToGln,requestedShipDate,sku,quantity
        WEB,W-1001,WH1, Ann Buyer ,1 Main St,9506000000008,2031-03-01,PHONE-1,3
        """;
    String fromCsv = OrderImport.fromCsv(new StringReader(csv)).get(0).request().digest();
    String fromJson = OrderImport.fromJson(order(line("PHONE-1", 3))).request().digest();
    assertThat(fromCsv).isEqualTo(fromJson).hasSize(64);
  }

  @Test
  void anyChangeToAnOrderChangesItsDigest() {
    String first = OrderImport.fromJson(order(line("PHONE-1", 3))).request().digest();
    assertThat(OrderImport.fromJson(order(line("PHONE-1", 4))).request().digest())
        .isNotEqualTo(first);
    assertThat(OrderImport.fromJson(order(line("PHONE-1", 3), line("X", 1))).request().digest())
        .isNotEqualTo(first);
  }

  @Test
  void aLineMinimumShelfLifeBeatsTheOrdersWhichBeatsTheCustomers() {
    assertThat(Order.effectiveMinShelfLife(30, 60, 90)).hasValue(30);
    assertThat(Order.effectiveMinShelfLife(null, 60, 90)).hasValue(60);
    assertThat(Order.effectiveMinShelfLife(null, null, 90)).hasValue(90);
    assertThat(Order.effectiveMinShelfLife(null, null, null)).isEmpty();
    assertThat(Order.effectiveMinShelfLife(0, 60, 90)).hasValue(0);
  }

  @Test
  void anOrderAnswersTheEffectiveMinimumShelfLifeOfEachLine() {
    Order.Line own = new Order.Line(1, 1, 7, null, null, null, 2, 10, "OPEN");
    Order.Line none = new Order.Line(2, 2, 7, null, null, null, 2, null, "OPEN");
    Order.Party p = new Order.Party("Ann", null, null);
    Order withCustomer =
        new Order(1, "WEB", "W-1", 1, 5L, 120, null, p, p, null, "OPEN", List.of(own, none));
    assertThat(withCustomer.minShelfLifeDays(own)).hasValue(10);
    assertThat(withCustomer.minShelfLifeDays(none)).hasValue(120);
    Order plain = new Order(1, "WEB", "W-1", 1, null, null, null, p, p, null, "OPEN", List.of());
    assertThat(plain.minShelfLifeDays(none)).isEmpty();
  }

  @Test
  void refusalsAreThrownAsProblems() {
    assertThatThrownBy(() -> OrderImport.fromJson(null)).isInstanceOf(Problem.class);
  }
}
