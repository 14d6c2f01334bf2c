package io.unitrace.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SsccAllocatorTest {

  @Test
  void aWrongInstallationPrefixStopsTheServerAtStartNotAtTheFirstPallet() {
    assertThatThrownBy(() -> new SsccAllocator(null, "95O6000", 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("4 to 12 digits");
    assertThatThrownBy(() -> new SsccAllocator(null, "123", 0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new SsccAllocator(null, "1234567890123", 0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new SsccAllocator(null, "9506000", 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("extension digit");
  }

  @Test
  void aPrefixLeavesTheRestOfSixteenDigitsToTheSerialReference() {
    assertThat(new SsccAllocator.Numbering(0, "9506000", SsccAllocator.Source.TENANT).capacity())
        .isEqualTo(1_000_000_000L);
    assertThat(
            new SsccAllocator.Numbering(0, "950600012345", SsccAllocator.Source.TENANT).capacity())
        .isEqualTo(10_000L);
    assertThat(new SsccAllocator.Numbering(9, "9506", SsccAllocator.Source.INSTALLATION).capacity())
        .isEqualTo(1_000_000_000_000L);
  }
}
