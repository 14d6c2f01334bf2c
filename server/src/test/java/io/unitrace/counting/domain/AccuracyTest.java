package io.unitrace.counting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.counting.domain.Accuracy.CountedLocation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyTest {

  static final LocalDate MON = LocalDate.of(2026, 3, 2);
  static final LocalDate TUE = MON.plusDays(1);

  @Test
  void recordAccuracyIsCleanLocationsOverLocationsCountedAndUnitAccuracySerialsFoundOverExpected() {
    List<Accuracy.Warehouse> out =
        Accuracy.of(
            List.of(
                new CountedLocation("WH1", MON, 0, 10, 0),
                new CountedLocation("WH1", MON, 2, 10, 1),
                new CountedLocation("WH1", TUE, 1, 0, 0),
                new CountedLocation("WH1", TUE, 0, 5, 0)));
    assertThat(out).hasSize(1);
    Accuracy.Figures all = out.get(0).figures();
    assertThat(all.locationsCounted()).isEqualTo(4);
    assertThat(all.locationsWithoutDiscrepancy()).isEqualTo(2);
    assertThat(all.inventoryRecordAccuracy()).isEqualByComparingTo("0.5");
    assertThat(all.serialsExpected()).isEqualTo(25);
    assertThat(all.serialsFoundWhereRecorded()).isEqualTo(24);
    assertThat(all.unitAccuracy()).isEqualTo(new BigDecimal("0.9600"));

    List<Accuracy.Day> days = out.get(0).days();
    assertThat(days).extracting(Accuracy.Day::day).containsExactly(MON, TUE);
    assertThat(days.get(0).figures().inventoryRecordAccuracy()).isEqualByComparingTo("0.5");
    assertThat(days.get(0).figures().unitAccuracy()).isEqualByComparingTo("0.95");
    assertThat(days.get(1).figures().inventoryRecordAccuracy()).isEqualByComparingTo("0.5");
    assertThat(days.get(1).figures().unitAccuracy()).isEqualByComparingTo("1");
  }

  @Test
  void warehousesAreKeptApartInCodeOrder() {
    List<Accuracy.Warehouse> out =
        Accuracy.of(
            List.of(
                new CountedLocation("WH2", MON, 1, 3, 3),
                new CountedLocation("WH1", TUE, 0, 3, 0)));
    assertThat(out).extracting(Accuracy.Warehouse::warehouse).containsExactly("WH1", "WH2");
    assertThat(out.get(0).figures().unitAccuracy()).isEqualByComparingTo("1");
    assertThat(out.get(1).figures().inventoryRecordAccuracy()).isEqualByComparingTo("0");
    assertThat(out.get(1).figures().unitAccuracy()).isEqualByComparingTo("0");
  }

  @Test
  void withNothingCountedThereIsNoFigureAndARatioIsNullWithoutADenominator() {
    assertThat(Accuracy.of(List.of())).isEmpty();
    Accuracy.Figures onlyGoods =
        Accuracy.of(List.of(new CountedLocation("WH1", MON, 1, 0, 0))).get(0).figures();
    assertThat(onlyGoods.unitAccuracy()).isNull();
    assertThat(onlyGoods.inventoryRecordAccuracy()).isEqualByComparingTo("0");
    assertThat(Accuracy.ratio(2, 3)).isEqualTo(new BigDecimal("0.6667"));
  }

  @Test
  void accuracyIsGivenPerAbcClassAndPerWeekOrMonthOfApproval() {
    LocalDate nextMonday = MON.plusWeeks(1);
    LocalDate april = LocalDate.of(2026, 4, 1);
    List<CountedLocation> counted =
        List.of(
            new CountedLocation("WH1", MON, 0, 4, 0, "A", TUE),
            new CountedLocation("WH1", MON, 1, 4, 1, "A", nextMonday),
            new CountedLocation("WH1", MON, 0, 2, 0, "C", april),
            new CountedLocation("WH1", MON, 1, 0, 0, null, TUE));

    List<Accuracy.ClassFigures> classes = Accuracy.byClass(counted);
    assertThat(classes).extracting(Accuracy.ClassFigures::abcClass).containsExactly("A", "C", null);
    assertThat(classes.get(0).figures().inventoryRecordAccuracy()).isEqualByComparingTo("0.5");
    assertThat(classes.get(0).figures().unitAccuracy()).isEqualByComparingTo("0.875");
    assertThat(classes.get(1).figures().inventoryRecordAccuracy()).isEqualByComparingTo("1");

    List<Accuracy.Period> weeks = Accuracy.series(counted, Accuracy.Granularity.WEEK);
    assertThat(weeks)
        .extracting(Accuracy.Period::start)
        .containsExactly(MON, nextMonday, LocalDate.of(2026, 3, 30));
    assertThat(weeks.get(0).figures().locationsCounted()).isEqualTo(2);
    List<Accuracy.Period> months = Accuracy.series(counted, Accuracy.Granularity.MONTH);
    assertThat(months)
        .extracting(Accuracy.Period::start)
        .containsExactly(LocalDate.of(2026, 3, 1), april);
    assertThat(months.get(0).figures().locationsCounted()).isEqualTo(3);
    assertThat(months.get(0).figures().locationsWithoutDiscrepancy()).isEqualTo(1);
  }
}
