package io.unitrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.shared.Problem;
import org.junit.jupiter.api.Test;

class CatalogInputTest {

  @Test
  void serialsAndLotCodesRefuseBadTextWithAPlainExceptionThatSaysWhy() {
    assertThatThrownBy(() -> new Serial("A B"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("' ' at position 2");
    assertThatThrownBy(() -> new LotCode("L".repeat(21)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("a lot code has 1 to 20 characters");
    assertThatThrownBy(() -> new LotCode("L#1"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a lot code may hold only GS1 character set 82");
  }

  @Test
  void aBadSerialInARequestIsRefusedAtTheFieldThatCarriedIt() {
    assertThatThrownBy(() -> CatalogInput.serial("units[3].serial", "A B"))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.code()).isEqualTo("invalid-serial");
              assertThat(p.field()).isEqualTo("units[3].serial");
              assertThat(p.getMessage()).contains("' ' at position 2");
            });
    assertThat(CatalogInput.serial("serial", "SN-1")).isEqualTo(new Serial("SN-1"));
  }

  @Test
  void aBadLotCodeInARequestIsRefusedAtTheFieldThatCarriedIt() {
    assertThatThrownBy(() -> CatalogInput.lot("items[0].lot", ""))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("invalid-lot");
              assertThat(p.field()).isEqualTo("items[0].lot");
              assertThat(p.getMessage()).isEqualTo("a lot code has 1 to 20 characters");
            });
  }
}
