package io.unitrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.ledger.Units;
import org.junit.jupiter.api.Test;

class StockReasonsTest {

  @Test
  void everythingAvailableNeedsNoReason() {
    assertThat(StockReasons.of(line(5, 5, 0, 0, "STORAGE"))).isNull();
  }

  @Test
  void heldAndAllocatedAreNamedBeforeWhatTheLocationExplains() {
    assertThat(StockReasons.of(line(6, 2, 1, 3, "STORAGE")))
        .isEqualTo("1 held · 3 allocated to orders");
    assertThat(StockReasons.of(line(4, 0, 1, 0, "DOCK")))
        .isEqualTo("1 held · 3 on a dock, not yet put away");
    assertThat(StockReasons.of(line(2, 0, 0, 0, "QUARANTINE"))).isEqualTo("2 in quarantine");
    assertThat(StockReasons.of(line(1, 0, 0, 0, "PACKING"))).isEqualTo("1 at packing");
    assertThat(StockReasons.of(line(7, 0, 2, 0, "TRANSIT")))
        .isEqualTo("2 held · 5 on the way here by a transfer");
  }

  private static Units.StockLine line(
      long quantity, long available, long held, long allocated, String type) {
    return new Units.StockLine(
        "BIN", "SKU", null, null, quantity, available, held, allocated, type);
  }
}
