package io.unitrace.catalog;

import io.unitrace.shared.Problem;

/** A lot or batch code as GS1 AI (10) allows it: 1 to 20 characters, digits-only codes included. */
public record LotCode(String value) {

  public LotCode {
    if (value == null || value.isEmpty() || value.length() > 20) {
      throw Problem.badRequest("invalid-lot", "lot", "a lot code has 1 to 20 characters");
    }
    try {
      new Serial(value); // same character set as a serial: GS1 CSET 82
    } catch (Problem p) {
      throw Problem.badRequest(
          "invalid-lot", "lot", p.getMessage().replace("a serial", "a lot code"));
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
