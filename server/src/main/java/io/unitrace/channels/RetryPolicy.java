package io.unitrace.channels;

/**
 * When a failed webhook delivery is tried again: after {@code baseMillis}, then twice as long after
 * each further failure, never longer than {@code capMillis}; after {@code maxAttempts} failed
 * attempts in a round the delivery has failed (a redelivery request starts a new round).
 */
record RetryPolicy(long baseMillis, long capMillis, int maxAttempts) {

  RetryPolicy {
    if (baseMillis < 1 || capMillis < baseMillis || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "backoff needs 1 <= base <= cap (ms) and at least one attempt");
    }
  }

  /** True when a round with {@code attemptsInRound} failed attempts gets no more. */
  boolean exhausted(int attemptsInRound) {
    return attemptsInRound >= maxAttempts;
  }

  /** Milliseconds to wait after the {@code failedAttempts}-th failed attempt (1 = the first). */
  long delayAfter(int failedAttempts) {
    long delay = baseMillis;
    for (int i = 1; i < failedAttempts && delay < capMillis; i++) {
      delay *= 2;
    }
    return Math.min(delay, capMillis);
  }
}
