package io.unitrace.gs1;

/** A Serial Shipping Container Code: 18 digits, the last a GS1 check digit. */
public record Sscc(String value) {

  public Sscc {
    if (value == null || value.length() != 18) {
      throw new IllegalArgumentException(
          "SSCC must have 18 digits, got " + (value == null ? "nothing" : value.length()));
    }
    if (!CheckDigit.isValid(value)) {
      throw new IllegalArgumentException(
          "SSCC "
              + value
              + " has a wrong check digit (expected "
              + CheckDigit.compute(value.substring(0, 17))
              + ")");
    }
  }

  /**
   * Builds an SSCC from extension digit, company prefix and serial reference (17 digits in all).
   */
  public static Sscc of(int extensionDigit, String companyPrefix, long serialReference) {
    int refDigits = 16 - companyPrefix.length();
    String ref = String.format("%0" + refDigits + "d", serialReference);
    if (ref.length() != refDigits) {
      throw new IllegalArgumentException(
          "serial reference " + serialReference + " does not fit in " + refDigits + " digits");
    }
    String body = extensionDigit + companyPrefix + ref;
    return new Sscc(body + CheckDigit.compute(body));
  }

  @Override
  public String toString() {
    return value;
  }
}
