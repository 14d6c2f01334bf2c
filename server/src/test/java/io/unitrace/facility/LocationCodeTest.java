package io.unitrace.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocationCodeTest {

  @Test
  void aLocationCodeHoldsAtMostWhatTheLocationTableStores() {
    assertThat(new LocationCode("A".repeat(60)).value()).hasSize(60);
    assertThatThrownBy(() -> new LocationCode("A".repeat(61)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("a location code has at most 60 characters, got 61");
  }

  @Test
  void aBlankLocationCodeNamesNoLocation() {
    assertThatThrownBy(() -> new LocationCode(" "))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("a location code must not be blank");
    assertThatThrownBy(() -> new LocationCode(null))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }
}
