package io.unitrace.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private final LoginThrottle throttle =
      new LoginThrottle(
          new LoginThrottle.Limits(
              3, 10, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(1), 1000));

  private void fail(String user, String address, Instant at) {
    assertThat(throttle.attempt(user, address, at).allowed()).isTrue();
    throttle.failed(user, address, at);
  }

  @Test
  void aUserMayFailThreeTimesFreelyThenEachFailureOpensADoublingWait() {
    for (int i = 0; i < 3; i++) {
      fail("ana", "10.0.0.1", T0);
    }
    // The fourth attempt is heard; failing, it opens a wait of 1 s.
    fail("ana", "10.0.0.1", T0);
    var refused = throttle.attempt("ana", "10.0.0.1", T0.plusMillis(999));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1));
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);

    fail("ana", "10.0.0.1", T0.plusSeconds(1));
    assertThat(throttle.attempt("ana", "10.0.0.1", T0.plusMillis(2999)).allowed()).isFalse();
    fail("ana", "10.0.0.1", T0.plusSeconds(3));
    assertThat(throttle.attempt("ana", "10.0.0.1", T0.plusSeconds(3).plusMillis(3999)).allowed())
        .isFalse();
    assertThat(throttle.attempt("ana", "10.0.0.1", T0.plusSeconds(7)).allowed()).isTrue();
  }

  @Test
  void theWaitStopsGrowingAtTheMaximum() {
    assertThat(throttle.waitAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.waitAfter(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(throttle.waitAfter(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(throttle.waitAfter(1_000_000)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aRefusedAttemptChangesNothing() {
    for (int i = 0; i < 4; i++) {
      fail("ben", "10.0.0.2", T0);
    }
    for (int i = 0; i < 1000; i++) {
      assertThat(throttle.attempt("ben", "10.0.0.2", T0.plusMillis(500)).allowed()).isFalse();
    }
    assertThat(throttle.failuresOf("ben")).isEqualTo(4);
    assertThat(throttle.attempt("ben", "10.0.0.2", T0.plusSeconds(1)).allowed()).isTrue();
  }

  @Test
  void aSuccessClearsTheUserButOtherUsersAreNotAffected() {
    for (int i = 0; i < 3; i++) {
      fail("cy", "10.0.0.3", T0);
    }
    assertThat(throttle.attempt("cy", "10.0.0.3", T0).allowed()).isTrue();
    throttle.succeeded("cy", "10.0.0.3", T0);
    assertThat(throttle.failuresOf("cy")).isZero();
    assertThat(throttle.attempt("cy", "10.0.0.3", T0).allowed()).isTrue();
    assertThat(throttle.attempt("dee", "10.0.0.4", T0).allowed()).isTrue();
  }

  @Test
  void oneAddressGuessingManyUsersIsThrottledForEveryUser() {
    for (int i = 0; i < 11; i++) {
      fail("user" + i, "10.0.0.5", T0);
    }
    var refused = throttle.attempt("somebody-else", "10.0.0.5", T0.plusMillis(10));
    assertThat(refused.allowed()).isFalse();
    assertThat(throttle.attempt("somebody-else", "10.0.0.6", T0.plusMillis(10)).allowed()).isTrue();
  }

  @Test
  void failuresAreForgottenAnHourAfterTheLastAttempt() {
    for (int i = 0; i < 5; i++) {
      fail("eve", "10.0.0.7", T0.plusSeconds(100 * i));
    }
    Instant later = T0.plusSeconds(400).plus(Duration.ofHours(1)).plusSeconds(60);
    assertThat(throttle.attempt("eve", "10.0.0.7", later).allowed()).isTrue();
    assertThat(throttle.failuresOf("eve")).isZero();
  }

  /** {@code tries} attempts at once from 16 threads, none settled: how many were heard. */
  private int heardAtOnce(String user, String address, int tries) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger heard = new AtomicInteger();
    for (int i = 0; i < tries; i++) {
      pool.submit(
          () -> {
            start.await();
            if (throttle.attempt(user, address, T0).allowed()) {
              heard.incrementAndGet();
            }
            return null;
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    return heard.get();
  }

  @Test
  void parallelGuessesPastTheFreeFailuresAreHeardOneAtATime() throws Exception {
    for (int i = 0; i < 3; i++) {
      fail("fay", "10.0.0.8", T0.minusSeconds(10));
    }
    assertThat(heardAtOnce("fay", "10.0.0.8", 200)).isEqualTo(1);
  }

  @Test
  void parallelGuessesAfterAFailureAreHeardOnlyUpToTheFreeOnesLeft() throws Exception {
    fail("gus", "10.0.0.10", T0.minusSeconds(10));
    assertThat(heardAtOnce("gus", "10.0.0.10", 200)).isEqualTo(2);
  }

  @Test
  void honestParallelSignInsAreAllHeardUpToABurst() throws Exception {
    assertThat(heardAtOnce("scanner", "10.0.0.11", 40)).isEqualTo(40);
    assertThat(heardAtOnce("fleet", "10.0.0.12", 200)).isEqualTo(LoginThrottle.BURST);
  }

  @Test
  void successesNeverCountAgainstTheAddress() {
    for (int i = 0; i < 500; i++) {
      assertThat(throttle.attempt("user" + i, "10.0.0.13", T0).allowed()).isTrue();
      throttle.succeeded("user" + i, "10.0.0.13", T0);
    }
    assertThat(throttle.attempt("last", "10.0.0.13", T0).allowed()).isTrue();
  }

  @Test
  void aSprayOfOneOffNamesCannotGrowTheTablePastItsCapacity() {
    LoginThrottle small =
        new LoginThrottle(
            new LoginThrottle.Limits(
                3,
                1_000_000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofHours(1),
                100));
    for (int i = 0; i < 10_000; i++) {
      if (small.attempt("random-" + i, "10.0.0.9", T0).allowed()) {
        small.failed("random-" + i, "10.0.0.9", T0);
      }
    }
    for (int i = 0; i < 9_000; i++) {
      assertThat(small.failuresOf("random-" + i)).isZero();
    }
  }
}
