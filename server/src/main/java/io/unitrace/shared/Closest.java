package io.unitrace.shared;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a mistyped one most likely meant: {@code expiryTracking} → {@code expiryTracked},
 * {@code SKU} → {@code sku}. Used to say what the client probably meant when a JSON property or a
 * CSV column is unknown. A name is offered only when it is close: the same letters ignoring case,
 * one the start of the other ({@code scanned} → {@code scan}), or at most a third of the typed
 * name's letters (at least two) different.
 */
public final class Closest {

  private Closest() {}

  public static Optional<String> to(String typed, Collection<String> known) {
    if (typed == null || typed.isEmpty()) {
      return Optional.empty();
    }
    String t = typed.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, typed.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      String lower = k.toLowerCase(Locale.ROOT);
      int d = distance(t, lower);
      boolean prefix =
          Math.min(t.length(), lower.length()) >= 3 && (t.startsWith(lower) || lower.startsWith(t));
      if (prefix) {
        d = Math.min(d, allowed);
      }
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions, each one. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
