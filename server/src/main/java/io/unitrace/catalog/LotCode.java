package io.unitrace.catalog;

/** A lot or batch code as GS1 AI (10) allows it: 1 to 20 characters, digits-only codes included. */
public record LotCode(String value) {

  public LotCode {
    if (value == null || value.isEmpty() || value.length() > 20) {
      throw new IllegalArgumentException("a lot code has 1 to 20 characters");
    }
    try {
      new Serial(value); // same character set as a serial: GS1 CSET 82
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace("a serial", "a lot code"));
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
