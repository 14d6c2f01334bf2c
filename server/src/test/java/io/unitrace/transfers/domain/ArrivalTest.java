package io.unitrace.transfers.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.shared.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalTest {

  private static final List<Arrival.Line> LINES =
      List.of(
          Arrival.Line.piece("G/A", true),
          Arrival.Line.piece("G/B", false),
          Arrival.Line.piece("G/C", false),
          new Arrival.Line("G lot L1", 50, 20));

  /** What a clerk names, each at its position in the units list. */
  private static List<Arrival.Asked> asked(String... keys) {
    List<Arrival.Asked> asked = new java.util.ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      asked.add(new Arrival.Asked(keys[i], "units[" + i + "]"));
    }
    return asked;
  }

  @Test
  void namingNoUnitTakesEveryOneStillOnItsWay() {
    assertThat(Arrival.of(LINES, asked()))
        .containsExactly(
            new Arrival.Take("G/B", 1),
            new Arrival.Take("G/C", 1),
            new Arrival.Take("G lot L1", 30));
    assertThat(Arrival.of(LINES, null)).isEqualTo(Arrival.of(LINES, asked()));
  }

  @Test
  void namedUnitsArriveInTheOrderNamed() {
    assertThat(Arrival.of(LINES, asked("G/C", "G/B")))
        .containsExactly(new Arrival.Take("G/C", 1), new Arrival.Take("G/B", 1));
  }

  @Test
  void countedGoodsArriveInPartsAndNeverMoreThanIsStillOnItsWay() {
    assertThat(Arrival.of(LINES, List.of(new Arrival.Asked("G lot L1", 12L, "stock[0]"))))
        .containsExactly(new Arrival.Take("G lot L1", 12));
    assertThat(Arrival.of(LINES, List.of(new Arrival.Asked("G lot L1", "stock[0]"))))
        .containsExactly(new Arrival.Take("G lot L1", 30));
    assertThatThrownBy(
            () -> Arrival.of(LINES, List.of(new Arrival.Asked("G lot L1", 31L, "stock[0]"))))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("more-than-on-the-way");
              assertThat(p.field()).isEqualTo("stock[0].quantity");
              assertThat(p.getMessage()).contains("only 30 of G lot L1");
            });
    assertThatThrownBy(
            () -> Arrival.of(LINES, List.of(new Arrival.Asked("G lot L1", 0L, "stock[0]"))))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.field()).isEqualTo("stock[0].quantity"));
    assertThatThrownBy(
            () ->
                Arrival.of(
                    List.of(new Arrival.Line("G lot L1", 50, 50)),
                    List.of(new Arrival.Asked("G lot L1", 1L, "stock[0]"))))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("already-arrived"));
  }

  @Test
  void aUnitNotOnTheTransferArrivedOrNamedTwiceIsRefusedByItsPosition() {
    assertThatThrownBy(() -> Arrival.of(LINES, asked("G/B", "G/X")))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("not-on-transfer");
              assertThat(p.field()).isEqualTo("units[1]");
            });
    assertThatThrownBy(() -> Arrival.of(LINES, asked("G/A")))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("already-arrived"));
    assertThatThrownBy(() -> Arrival.of(LINES, asked("G/B", "G/B")))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("duplicate-in-request");
              assertThat(p.field()).isEqualTo("units[1]");
            });
  }

  @Test
  void aTransferWhollyArrivedTakesNothingMore() {
    assertThatThrownBy(() -> Arrival.of(List.of(Arrival.Line.piece("G/A", true)), asked()))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("transfer-received"));
  }
}
