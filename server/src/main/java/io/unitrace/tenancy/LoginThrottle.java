package io.unitrace.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often a password may be tried, per user name and per caller address.
 *
 * <p>Design note. Each key (a user name, an address) may fail {@code free} times; after that every
 * further attempt opens a wait of {@code base × 2^(n-1)}, capped at {@code max}, before the next
 * one is heard. An attempt claims its place before the password is checked (it counts as a failure
 * in advance and is taken back if it succeeds), so parallel guesses cannot slip through together
 * during the check. A refused attempt changes nothing and costs no bcrypt: that is what keeps a
 * guessing client from slowing everyone else. A success clears the user's count; an address keeps
 * its failures (one good account must not launder a spray of guesses). A key is forgotten {@code
 * forgetAfter} after its last attempt, and the table is swept of forgotten keys when it grows past
 * {@code capacity}, so guessing with random names cannot fill the heap.
 *
 * <p>The counts live in this server's memory: with N servers, a guesser gets up to N times the
 * rate.
 */
final class LoginThrottle {

  /** The limits; {@code free} failures per user and per address before waits begin. */
  record Limits(
      int freePerUser,
      int freePerAddress,
      Duration base,
      Duration max,
      Duration forgetAfter,
      int capacity) {

    Limits {
      if (freePerUser < 0 || freePerAddress < 0 || capacity < 1) {
        throw new IllegalArgumentException("login throttle counts must be positive");
      }
      if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
        throw new IllegalArgumentException("login throttle waits need 0 < base <= max");
      }
    }
  }

  /** The answer to an attempt: go ahead, or wait this long before trying again. */
  record Verdict(boolean allowed, Duration retryAfter) {

    static final Verdict GO = new Verdict(true, Duration.ZERO);

    /** Whole seconds, rounded up, for Retry-After. */
    long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  private record Count(int attempts, Instant last, Instant blockedUntil) {}

  private final Limits limits;
  private final Map<String, Count> users = new ConcurrentHashMap<>();
  private final Map<String, Count> addresses = new ConcurrentHashMap<>();

  LoginThrottle(Limits limits) {
    this.limits = limits;
  }

  /**
   * Claims an attempt for {@code user} from {@code address} at {@code now}: allowed, and counted as
   * a failure until {@link #succeeded} says otherwise, or refused with the time left to wait.
   */
  Verdict attempt(String user, String address, Instant now) {
    sweep(now);
    Duration wait = longer(waiting(users, user, now), waiting(addresses, address, now));
    if (!wait.isZero()) {
      return new Verdict(false, wait);
    }
    claim(users, user, limits.freePerUser(), now);
    claim(addresses, address, limits.freePerAddress(), now);
    return Verdict.GO;
  }

  /** The claimed attempt was the right password: the user starts afresh. */
  void succeeded(String user, String address) {
    users.remove(key(user));
    addresses.computeIfPresent(
        key(address),
        (k, c) ->
            c.attempts() <= 1 ? null : new Count(c.attempts() - 1, c.last(), c.blockedUntil()));
  }

  /** Failures counted against {@code user} (for tests and the log). */
  int failuresOf(String user) {
    Count c = users.get(key(user));
    return c == null ? 0 : c.attempts();
  }

  private static Duration waiting(Map<String, Count> table, String key, Instant now) {
    Count c = table.get(key(key));
    if (c == null || c.blockedUntil() == null || !c.blockedUntil().isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, c.blockedUntil());
  }

  private void claim(Map<String, Count> table, String key, int free, Instant now) {
    table.compute(
        key(key),
        (k, c) -> {
          int attempts = (c == null || forgotten(c, now) ? 0 : c.attempts()) + 1;
          Instant until = attempts > free ? now.plus(waitAfter(attempts - free)) : null;
          return new Count(attempts, now, until);
        });
  }

  /** The wait after the {@code n}th failure past the free ones: base, doubling, up to max. */
  Duration waitAfter(int n) {
    int doublings = Math.min(n - 1, 40);
    long millis = limits.base().toMillis();
    for (int i = 0; i < doublings && millis < limits.max().toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, limits.max().toMillis()));
  }

  private boolean forgotten(Count c, Instant now) {
    Instant end =
        c.blockedUntil() != null && c.blockedUntil().isAfter(c.last())
            ? c.blockedUntil()
            : c.last();
    return !end.plus(limits.forgetAfter()).isAfter(now);
  }

  private void sweep(Instant now) {
    if (users.size() + addresses.size() > limits.capacity()) {
      users.values().removeIf(c -> forgotten(c, now));
      addresses.values().removeIf(c -> forgotten(c, now));
    }
    if (users.size() > limits.capacity()) {
      // Still full: a spray of one-off names. Those under their free failures block nobody.
      users.values().removeIf(c -> c.attempts() <= limits.freePerUser());
    }
    if (addresses.size() > limits.capacity()) {
      addresses.values().removeIf(c -> c.attempts() <= limits.freePerAddress());
    }
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** User names are compared as the database compares them: exactly. Null counts as empty. */
  private static String key(String s) {
    return s == null ? "" : s;
  }
}
