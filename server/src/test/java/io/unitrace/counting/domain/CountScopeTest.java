package io.unitrace.counting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.counting.domain.Reconciliation.Goods;
import io.unitrace.counting.domain.Reconciliation.Recorded;
import io.unitrace.counting.domain.Reconciliation.SeenUnit;
import io.unitrace.counting.domain.Reconciliation.ShelfUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountScopeTest {

  static final long HERE = 10;
  static final String PHONE = "09506000134352";
  static final String TABLET = "09506000134369";
  static final long SALINE = 7;
  static final long GLOVES = 8;

  static final CountScope PHONES =
      CountScope.of(List.of(new CountScope.Product(1, List.of(PHONE), null)));

  @Test
  void aCountBySkuDoesNotReportOtherProductsInTheLocation() {
    List<Discrepancy> d =
        Reconciliation.of(
            HERE,
            PHONES,
            List.of(new ShelfUnit(PHONE, "A"), new ShelfUnit(TABLET, "T1")),
            List.of(
                new SeenUnit(PHONE, "A", new Recorded("STORED", HERE, true)),
                new SeenUnit(TABLET, "T2", null)),
            List.of(new Goods(GLOVES, null, 20)),
            List.of(new Goods(GLOVES, null, 3)));
    assertThat(d).isEmpty();
  }

  @Test
  void aMissingUnitOfTheCountedSkuIsMissingAsUsual() {
    List<Discrepancy> d =
        Reconciliation.of(
            HERE,
            PHONES,
            List.of(new ShelfUnit(PHONE, "A"), new ShelfUnit(PHONE, "B")),
            List.of(new SeenUnit(PHONE, "A", new Recorded("STORED", HERE, true))),
            List.of(),
            List.of());
    assertThat(d).singleElement().extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.MISSING);
    assertThat(d.get(0).serial()).isEqualTo("B");
  }

  @Test
  void aCountByLotComparesOnlyThatLot() {
    CountScope lotL1 = CountScope.of(List.of(new CountScope.Product(SALINE, List.of(), "L1")));
    List<Discrepancy> d =
        Reconciliation.of(
            HERE,
            lotL1,
            List.of(),
            List.of(),
            List.of(new Goods(SALINE, "L1", 10), new Goods(SALINE, "L2", 5)),
            List.of(new Goods(SALINE, "L1", 8)));
    assertThat(d).singleElement().extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.SHORT);
    assertThat(d.get(0).lot()).isEqualTo("L1");
    assertThat(lotL1.countsGoods(SALINE, "L2")).isFalse();
    assertThat(lotL1.countsGoods(GLOVES, null)).isFalse();
  }

  @Test
  void aCountOfLocationsCountsEverything() {
    CountScope all = CountScope.of(List.of());
    assertThat(all.isEverything()).isTrue();
    assertThat(all.countsUnit(TABLET)).isTrue();
    assertThat(all.countsGoods(GLOVES, null)).isTrue();
    assertThat(PHONES.countsUnit(PHONE)).isTrue();
    assertThat(PHONES.countsUnit(TABLET)).isFalse();
  }

  @Test
  void aCountByProductAskedAboutOtherProductsOnlyCountsNothingOfThem() {
    CountScope none = CountScope.only(List.of());
    assertThat(none.isEverything()).isFalse();
    assertThat(none.countsUnit(PHONE)).isFalse();
    assertThat(none.countsGoods(GLOVES, null)).isFalse();
    assertThat(
            Reconciliation.of(
                HERE,
                none,
                List.of(new ShelfUnit(TABLET, "T1")),
                List.of(new SeenUnit(PHONE, "X", null)),
                List.of(new Goods(GLOVES, null, 4)),
                List.of()))
        .isEmpty();
  }
}
