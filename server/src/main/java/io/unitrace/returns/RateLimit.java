package io.unitrace.returns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a caller's address), in memory: {@code burst} tokens at most, refilled at
 * {@code perMinute} tokens a minute; a request takes one. Each server keeps its own buckets, so N
 * servers behind a balancer let through up to N times the rate: enough against a script filling in
 * the public form, and no shared state to run.
 *
 * <p>Memory stays bounded: when more than {@code maxKeys} buckets exist, the ones that have filled
 * up again (a caller that went quiet) are dropped; forgetting a full bucket changes nothing.
 */
final class RateLimit {

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final int perMinute;
  private final int burst;
  private final int maxKeys;
  private final LongSupplier nanos;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Tokens as nanos of refill time: a full bucket holds {@code burst * nanosPerToken}. */
  private static final class Bucket {
    long tokensNanos;
    long at;

    Bucket(long tokensNanos, long at) {
      this.tokensNanos = tokensNanos;
      this.at = at;
    }
  }

  RateLimit(int perMinute, int burst, int maxKeys, LongSupplier nanos) {
    if (perMinute < 1 || burst < 1) {
      throw new IllegalArgumentException("a rate limit needs at least 1 a minute and a burst of 1");
    }
    this.perMinute = perMinute;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.nanos = nanos;
  }

  private long nanosPerToken() {
    return MINUTE_NANOS / perMinute;
  }

  /**
   * Takes a token for {@code key}: 0 when granted, else the whole seconds (at least 1) to wait
   * until the next token.
   */
  long take(String key) {
    long now = nanos.getAsLong();
    long per = nanosPerToken();
    long full = per * burst;
    if (buckets.size() > maxKeys) {
      buckets.values().removeIf(b -> refilled(b, now, full) >= full);
    }
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(full, now));
    synchronized (b) {
      b.tokensNanos = refilled(b, now, full);
      b.at = now;
      if (b.tokensNanos >= per) {
        b.tokensNanos -= per;
        return 0;
      }
      long wait = per - b.tokensNanos;
      return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    }
  }

  private static long refilled(Bucket b, long now, long full) {
    long elapsed = Math.max(0, now - b.at);
    return Math.min(full, b.tokensNanos + elapsed);
  }
}
