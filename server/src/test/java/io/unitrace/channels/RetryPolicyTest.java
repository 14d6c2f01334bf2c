package io.unitrace.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When a failed webhook delivery is tried again. */
class RetryPolicyTest {

  @Test
  void theWaitDoublesAfterEachFailureUpToTheCap() {
    RetryPolicy p = new RetryPolicy(1000, 60_000, 8);
    assertThat(p.delayAfter(1)).isEqualTo(1000);
    assertThat(p.delayAfter(2)).isEqualTo(2000);
    assertThat(p.delayAfter(3)).isEqualTo(4000);
    assertThat(p.delayAfter(6)).isEqualTo(32_000);
    assertThat(p.delayAfter(7)).isEqualTo(60_000);
    assertThat(p.delayAfter(1000)).isEqualTo(60_000);
  }

  @Test
  void aDeliveryHasFailedWhenItsAttemptsAreUsedUp() {
    RetryPolicy p = new RetryPolicy(1000, 60_000, 3);
    assertThat(p.exhausted(2)).isFalse();
    assertThat(p.exhausted(3)).isTrue();
  }

  @Test
  void aPolicyWithoutAttemptsOrWithACapBelowItsBaseIsRefused() {
    assertThatThrownBy(() -> new RetryPolicy(1000, 500, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1000, 5000, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
