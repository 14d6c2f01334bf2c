package io.unitrace.counting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.counting.domain.AbcClassification.Classified;
import io.unitrace.counting.domain.AbcClassification.Sku;
import io.unitrace.counting.domain.AbcClassification.Source;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AbcClassificationTest {

  private static Map<String, AbcClass> classes(List<Classified> c) {
    return c.stream().collect(Collectors.toMap(Classified::sku, Classified::abcClass));
  }

  @Test
  void theSkusMakingTheFirstEightyPercentOfMovementsAreANextFifteenBRestC() {
    List<Classified> c =
        AbcClassification.of(
            List.of(
                new Sku(1, "P1", 10),
                new Sku(2, "P2", 5),
                new Sku(3, "P3", 3),
                new Sku(4, "P4", 1),
                new Sku(5, "P5", 1),
                new Sku(6, "P6", 0)),
            Map.of());
    // Before P3: 15 of 20 (75 %) → A; before P4: 18 (90 %) → B; before P5: 19 (95 %) → C.
    assertThat(classes(c))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "P1", AbcClass.A,
                "P2", AbcClass.A,
                "P3", AbcClass.A,
                "P4", AbcClass.B,
                "P5", AbcClass.C,
                "P6", AbcClass.C));
    assertThat(c.get(0).sku()).isEqualTo("P1");
    assertThat(c).allMatch(x -> x.source() == Source.COMPUTED);
  }

  @Test
  void theSkuThatCrossesEightyPercentIsStillA() {
    assertThat(
            classes(
                AbcClassification.of(
                    List.of(new Sku(1, "P1", 16), new Sku(2, "P2", 2), new Sku(3, "P3", 2)),
                    Map.of())))
        .containsEntry("P1", AbcClass.A)
        .containsEntry("P2", AbcClass.B)
        .containsEntry("P3", AbcClass.B);
  }

  @Test
  void skusWithoutMovementAreCAndNothingMovingMakesEveryoneC() {
    assertThat(
            classes(
                AbcClassification.of(List.of(new Sku(1, "P1", 0), new Sku(2, "P2", 0)), Map.of())))
        .containsEntry("P1", AbcClass.C)
        .containsEntry("P2", AbcClass.C);
  }

  @Test
  void aClassSetByASupervisorWins() {
    List<Classified> c =
        AbcClassification.of(
            List.of(new Sku(1, "P1", 10), new Sku(2, "P2", 0)),
            Map.of(2L, AbcClass.A, 1L, AbcClass.C));
    assertThat(classes(c)).containsEntry("P1", AbcClass.C).containsEntry("P2", AbcClass.A);
    assertThat(c).allMatch(x -> x.source() == Source.SET);
    assertThat(c.get(0).movements()).isEqualTo(10);
  }

  @Test
  void aClassIsReadFromItsLetter() {
    assertThat(AbcClass.parse(" b")).isEqualTo(AbcClass.B);
    assertThat(AbcClass.parse("D")).isNull();
    assertThat(AbcClass.A.everyDays()).isLessThan(AbcClass.B.everyDays());
  }
}
