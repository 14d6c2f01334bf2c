package io.unitrace.recalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.shared.Problem;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetingTest {

  private static final String GTIN = "09506000134352";

  private static Targeting.Asked lots(String product, String... lots) {
    return new Targeting.Asked(
        "Battery",
        null,
        "lots",
        product,
        lots == null ? null : Arrays.asList(lots),
        null,
        null,
        null);
  }

  @Test
  void aLotRecallNamesAProductAndItsLotsOnceEach() {
    Targeting.Checked c = Targeting.check(lots(" SKU-1 ", "L1", " L2", "L1"));
    assertThat(c.mode()).isEqualTo(TargetMode.LOTS);
    assertThat(c.product()).isEqualTo("SKU-1");
    assertThat(c.lots()).containsExactly("L1", "L2");
  }

  @Test
  void aLotRecallWithoutLotsOrWithAnEmptyOneIsRefusedAtTheField() {
    assertField(() -> Targeting.check(lots("SKU-1")), "lots");
    assertField(() -> Targeting.check(lots("SKU-1", "L1", " ")), "lots[1]");
    assertField(() -> Targeting.check(lots(null, "L1")), "product");
  }

  @Test
  void receiptDaysCoverWholeUtcDaysAndMustBeInOrder() {
    Targeting.Checked c =
        Targeting.check(
            new Targeting.Asked(
                "t",
                null,
                "RECEIPT_DATES",
                "SKU",
                null,
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 1),
                null));
    assertThat(c.registeredFrom()).isEqualTo(1772323200000L);
    assertThat(c.registeredTo() - c.registeredFrom()).isEqualTo(86_400_000L);
    assertField(
        () ->
            Targeting.check(
                new Targeting.Asked(
                    "t",
                    null,
                    "RECEIPT_DATES",
                    "SKU",
                    null,
                    LocalDate.of(2026, 3, 2),
                    LocalDate.of(2026, 3, 1),
                    null)),
        "receivedTo");
    assertField(
        () ->
            Targeting.check(
                new Targeting.Asked(
                    "t", null, "RECEIPT_DATES", "SKU", null, null, LocalDate.now(), null)),
        "receivedFrom");
  }

  @Test
  void aSerialListTakesFieldsOrScansAndNamesTheBadEntry() {
    Targeting.Checked c =
        Targeting.check(
            new Targeting.Asked(
                "t",
                null,
                "SERIALS",
                null,
                null,
                null,
                null,
                List.of(
                    new Targeting.UnitEntry(GTIN, "A1", null),
                    new Targeting.UnitEntry(null, null, "(01)" + GTIN + "(21)A2"),
                    new Targeting.UnitEntry(GTIN, "A1", null))));
    assertThat(c.units()).hasSize(2);
    assertThat(c.units().get(1).serial().value()).isEqualTo("A2");
    assertField(
        () ->
            Targeting.check(
                new Targeting.Asked(
                    "t",
                    null,
                    "SERIALS",
                    null,
                    null,
                    null,
                    null,
                    List.of(
                        new Targeting.UnitEntry(GTIN, "A1", null),
                        new Targeting.UnitEntry("0950600013435", "A2", null)))),
        "units[1].gtin");
    assertField(
        () ->
            Targeting.check(
                new Targeting.Asked("t", null, "SERIALS", null, null, null, null, List.of())),
        "units");
  }

  @Test
  void aCsvUploadSkipsItsHeaderAndBlankLinesAndNamesABadLine() {
    List<Targeting.UnitEntry> units =
        Targeting.csv("GTIN,Serial\r\n" + GTIN + ",\"A1\"\r\n\r\n(01)" + GTIN + "(21)A2\r\n");
    assertThat(units).hasSize(2);
    assertThat(units.get(0).serial()).isEqualTo("A1");
    assertThat(units.get(1).scan()).isEqualTo("(01)" + GTIN + "(21)A2");
    assertField(() -> Targeting.csv(GTIN + ",A1\n" + GTIN + "9,A2\n"), "line 2.gtin");
    assertField(() -> Targeting.csv("\n\n"), "units");
  }

  @Test
  void aCampaignNeedsATitleAndAKnownMode() {
    assertField(
        () ->
            Targeting.check(
                new Targeting.Asked(" ", null, "LOTS", "S", List.of("L"), null, null, null)),
        "title");
    assertField(
        () ->
            Targeting.check(
                new Targeting.Asked("t", null, "BY_MOOD", "S", List.of("L"), null, null, null)),
        "mode");
  }

  private static void assertField(Runnable r, String field) {
    assertThatThrownBy(r::run)
        .isInstanceOf(Problem.class)
        .satisfies(p -> assertThat(((Problem) p).field()).isEqualTo(field));
  }
}
