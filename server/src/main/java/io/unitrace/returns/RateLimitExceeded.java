package io.unitrace.returns;

import io.unitrace.shared.Problem;

/** A caller over its rate: HTTP 429, to try again after {@code retryAfterSeconds}. */
public class RateLimitExceeded extends Problem {

  private final long retryAfterSeconds;

  RateLimitExceeded(long retryAfterSeconds) {
    super(
        429,
        "rate-limited",
        null,
        "too many registrations from your address: try again in "
            + retryAfterSeconds
            + (retryAfterSeconds == 1 ? " second" : " seconds"));
    this.retryAfterSeconds = retryAfterSeconds;
    with("retryAfterSeconds", retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
