package io.unitrace.gs1;

/**
 * The GS1 modulo-10 check digit shared by GTIN, SSCC, GLN, GRAI and friends: digits weighted
 * 3,1,3,1… from the right-most data digit.
 */
public final class CheckDigit {

  private CheckDigit() {}

  /** The check digit for {@code digits} (the data digits without a check digit). */
  public static char compute(CharSequence digits) {
    int sum = 0;
    int weight = 3;
    for (int i = digits.length() - 1; i >= 0; i--) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a digit at position " + (i + 1) + ": '" + c + "'");
      }
      sum += (c - '0') * weight;
      weight = 4 - weight;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /** True when the last digit of {@code digits} is the check digit of the ones before it. */
  public static boolean isValid(CharSequence digits) {
    int n = digits.length();
    if (n < 2) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return compute(digits.subSequence(0, n - 1)) == digits.charAt(n - 1);
  }
}
