package io.unitrace.counting.domain;

/**
 * A SKU's ABC class: A items move most and are counted most often. {@link #everyDays()}: how often
 * a plan of the class counts by default, in days, when its supervisor does not say.
 */
public enum AbcClass {
  A(30),
  B(90),
  C(180);

  private final int everyDays;

  AbcClass(int everyDays) {
    this.everyDays = everyDays;
  }

  public int everyDays() {
    return everyDays;
  }

  /** The class written as a letter (any case); null for anything else. */
  public static AbcClass parse(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.strip().toUpperCase(java.util.Locale.ROOT)) {
      case "A" -> A;
      case "B" -> B;
      case "C" -> C;
      default -> null;
    };
  }
}
