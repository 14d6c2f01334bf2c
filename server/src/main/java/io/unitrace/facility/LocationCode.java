package io.unitrace.facility;

/** The code a scanner reads off a location label; {@code location.code} holds 60 characters. */
public record LocationCode(String value) {

  public LocationCode {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a location code must not be blank");
    }
    if (value.length() > 60) {
      throw new IllegalArgumentException(
          "a location code has at most 60 characters, got " + value.length());
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
