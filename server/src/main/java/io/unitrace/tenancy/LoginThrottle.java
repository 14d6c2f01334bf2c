package io.unitrace.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often a password may be tried, per user name and per caller address.
 *
 * <p>Design note. Each key (a user name, an address) may fail {@code free} times; after that every
 * further failure opens a wait of {@code base × 2^(n-1)}, capped at {@code max}, before the next
 * attempt is heard. Attempts being checked are counted as pending, so parallel guesses cannot slip
 * through together: a key with failures may have only as many checks in flight as it has free
 * failures left, and a key past them one check at a time; a key without failures (every honest
 * client, a scanner fleet behind one address) up to {@link #BURST} at once. A refused attempt
 * changes nothing and costs no bcrypt: that is what keeps a guessing client from slowing everyone
 * else. A success clears the user's failures; an address keeps its failures (one good account must
 * not launder a spray of guesses), but a success is never counted against it. A key is forgotten
 * {@code forgetAfter} after its last attempt, and the table is swept of forgotten keys when it
 * grows past {@code capacity}, so guessing with random names cannot fill the heap.
 *
 * <p>The counts live in this server's memory: with N servers, a guesser gets up to N times the
 * rate.
 */
final class LoginThrottle {

  /** Checks in flight for one key that has not failed yet: beyond this, an attempt waits. */
  static final int BURST = 64;

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

  private record Count(int failures, int pending, Instant last, Instant blockedUntil) {

    boolean blockedAt(Instant now) {
      return blockedUntil != null && blockedUntil.isAfter(now);
    }
  }

  private final Limits limits;
  private final Map<String, Count> users = new ConcurrentHashMap<>();
  private final Map<String, Count> addresses = new ConcurrentHashMap<>();

  LoginThrottle(Limits limits) {
    this.limits = limits;
  }

  /**
   * Asks to check a password of {@code user} from {@code address} at {@code now}: allowed (then
   * {@link #failed} or {@link #succeeded} must follow), or refused with the time to wait.
   */
  Verdict attempt(String user, String address, Instant now) {
    sweep(now);
    Duration wait = longer(waiting(users, user, now), waiting(addresses, address, now));
    if (!wait.isZero()) {
      return new Verdict(false, wait);
    }
    if (!claim(users, user, limits.freePerUser(), now)) {
      return new Verdict(false, limits.base());
    }
    if (!claim(addresses, address, limits.freePerAddress(), now)) {
      settle(users, user, false, 0, now);
      return new Verdict(false, limits.base());
    }
    return Verdict.GO;
  }

  /** The allowed attempt was the right password: the user starts afresh. */
  void succeeded(String user, String address, Instant now) {
    users.remove(key(user));
    settle(addresses, address, false, limits.freePerAddress(), now);
  }

  /** The allowed attempt ended without a verdict on the password (the check itself failed). */
  void abandoned(String user, String address) {
    settle(users, user, false, limits.freePerUser(), null);
    settle(addresses, address, false, limits.freePerAddress(), null);
  }

  /** The allowed attempt was a wrong password (or a disabled user): one more failure for each. */
  void failed(String user, String address, Instant now) {
    settle(users, user, true, limits.freePerUser(), now);
    settle(addresses, address, true, limits.freePerAddress(), now);
  }

  /** Failures counted against {@code user} (for tests and the log). */
  int failuresOf(String user) {
    Count c = users.get(key(user));
    return c == null ? 0 : c.failures();
  }

  private static Duration waiting(Map<String, Count> table, String key, Instant now) {
    Count c = table.get(key(key));
    if (c == null || !c.blockedAt(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, c.blockedUntil());
  }

  /** Takes a pending check for {@code key} if the rule allows one more now. */
  private boolean claim(Map<String, Count> table, String key, int free, Instant now) {
    boolean[] taken = {false};
    table.compute(
        key(key),
        (k, c) -> {
          Count n = c == null || forgotten(c, now) ? new Count(0, 0, now, null) : c;
          boolean allowed =
              !n.blockedAt(now)
                  && (n.failures() == 0
                      ? n.pending() < BURST
                      : n.failures() >= free
                          ? n.pending() == 0
                          : n.failures() + n.pending() < free);
          if (!allowed) {
            return c;
          }
          taken[0] = true;
          return new Count(n.failures(), n.pending() + 1, now, n.blockedUntil());
        });
    return taken[0];
  }

  /** Ends a pending check of {@code key}, a failure or not. */
  private void settle(
      Map<String, Count> table, String key, boolean failure, int free, Instant now) {
    table.computeIfPresent(
        key(key),
        (k, c) -> {
          int pending = Math.max(0, c.pending() - 1);
          if (!failure) {
            return c.failures() == 0 && pending == 0
                ? null
                : new Count(c.failures(), pending, c.last(), c.blockedUntil());
          }
          int failures = c.failures() + 1;
          Instant until = failures > free ? now.plus(waitAfter(failures - free)) : c.blockedUntil();
          return new Count(failures, pending, now, until);
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
    return c.pending() == 0 && !end.plus(limits.forgetAfter()).isAfter(now);
  }

  private void sweep(Instant now) {
    if (users.size() + addresses.size() > limits.capacity()) {
      users.values().removeIf(c -> forgotten(c, now));
      addresses.values().removeIf(c -> forgotten(c, now));
    }
    if (users.size() > limits.capacity()) {
      // Still full: a spray of one-off names. Those under their free failures block nobody.
      users.values().removeIf(c -> c.pending() == 0 && c.failures() <= limits.freePerUser());
    }
    if (addresses.size() > limits.capacity()) {
      addresses.values().removeIf(c -> c.pending() == 0 && c.failures() <= limits.freePerAddress());
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
