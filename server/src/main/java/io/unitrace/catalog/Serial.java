package io.unitrace.catalog;

/** A serial number as GS1 AI (21) allows it: 1 to 20 characters of GS1 character set 82. */
public record Serial(String value) {

  private static final String CSET82 =
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

  public Serial {
    if (value == null || value.isEmpty() || value.length() > 20) {
      throw new IllegalArgumentException(
          "a serial has 1 to 20 characters, got " + (value == null ? "none" : value.length()));
    }
    for (int i = 0; i < value.length(); i++) {
      if (CSET82.indexOf(value.charAt(i)) < 0) {
        throw new IllegalArgumentException(
            "a serial may hold only GS1 character set 82; '"
                + value.charAt(i)
                + "' at position "
                + (i + 1)
                + " is not in it");
      }
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
