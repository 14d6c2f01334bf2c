package io.unitrace.gs1;

/**
 * A Global Trade Item Number, always held in its 14-digit form (GTIN-8/12/13 are left-padded with
 * zeros, as AI (01) carries them). Construction validates length, digits and check digit.
 */
public record Gtin(String value) {

  public Gtin {
    if (value == null || value.length() != 14) {
      throw new IllegalArgumentException(
          "GTIN must have 14 digits, got " + (value == null ? "nothing" : value.length()));
    }
    if (!CheckDigit.isValid(value)) {
      throw new IllegalArgumentException(
          "GTIN "
              + value
              + " has a wrong check digit (expected "
              + CheckDigit.compute(value.substring(0, 13))
              + ")");
    }
  }

  /** Accepts GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN) or GTIN-14 and normalises to 14 digits. */
  public static Gtin parse(String text) {
    String s = text == null ? "" : text.strip();
    switch (s.length()) {
      case 8, 12, 13, 14 -> {
        return new Gtin("0".repeat(14 - s.length()) + s);
      }
      default ->
          throw new IllegalArgumentException(
              "a GTIN has 8, 12, 13 or 14 digits, got " + s.length());
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
