package io.unitrace.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockLevelTest {

  @Test
  void stockGrowsAndShrinksByTheChange() {
    assertThat(StockLevel.EMPTY.apply(12).apply(-5)).isEqualTo(new StockLevel(7));
  }

  @Test
  void takingAllThatIsThereLeavesNothing() {
    assertThat(new StockLevel(7).apply(-7)).isEqualTo(StockLevel.EMPTY);
  }

  @Test
  void takingMoreThanIsThereIsRefusedNamingTheRule() {
    assertThatThrownBy(() -> new StockLevel(7).apply(-8))
        .isInstanceOfSatisfying(
            TransitionRefused.class, r -> assertThat(r.rule()).isEqualTo("insufficient-stock"));
  }

  @Test
  void aChangeOfNothingIsNoChange() {
    assertThatThrownBy(() -> new StockLevel(7).apply(0))
        .isInstanceOfSatisfying(
            TransitionRefused.class, r -> assertThat(r.rule()).isEqualTo("no-quantity"));
  }

  @Test
  void aLevelIsNeverNegative() {
    assertThatThrownBy(() -> new StockLevel(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
