package io.unitrace.gs1;

/**
 * A Global Location Number: 13 digits, the last a GS1 check digit. Identifies a party or a place (a
 * warehouse, a dock door) as AIs 410-417 carry it.
 */
public record Gln(String value) {

  public Gln {
    if (value == null || value.length() != 13) {
      throw new IllegalArgumentException(
          "GLN must have 13 digits, got " + (value == null ? "nothing" : value.length()));
    }
    if (!CheckDigit.isValid(value)) {
      throw new IllegalArgumentException(
          "GLN "
              + value
              + " has a wrong check digit (expected "
              + (Linters.allDigits(value, 0, 12)
                  ? CheckDigit.compute(value.substring(0, 12))
                  : "digits only")
              + ")");
    }
  }

  /** Builds a GLN from its 12 data digits by appending the check digit. */
  public static Gln withCheckDigit(String twelveDigits) {
    if (twelveDigits == null || twelveDigits.length() != 12) {
      throw new IllegalArgumentException("a GLN has 12 data digits before its check digit");
    }
    return new Gln(twelveDigits + CheckDigit.compute(twelveDigits));
  }

  @Override
  public String toString() {
    return value;
  }
}
