package io.unitrace.transfers.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.shared.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalTest {

  private static final List<Arrival.Line> LINES =
      List.of(
          new Arrival.Line("G/A", true),
          new Arrival.Line("G/B", false),
          new Arrival.Line("G/C", false));

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
    assertThat(Arrival.of(LINES, asked())).containsExactly("G/B", "G/C");
    assertThat(Arrival.of(LINES, null)).containsExactly("G/B", "G/C");
  }

  @Test
  void namedUnitsArriveInTheOrderNamed() {
    assertThat(Arrival.of(LINES, asked("G/C", "G/B"))).containsExactly("G/C", "G/B");
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
    assertThatThrownBy(() -> Arrival.of(List.of(new Arrival.Line("G/A", true)), asked()))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("transfer-received"));
  }
}
