package io.unitrace.gs1;

/**
 * An AI or AI family in a {@code req=} or {@code ex=} attribute: {@code 01}, or {@code 31nn} where
 * each {@code n} stands for any digit.
 */
record AiPattern(String pattern) {

  boolean matches(String ai) {
    if (ai.length() != pattern.length()) {
      return false;
    }
    for (int i = 0; i < ai.length(); i++) {
      char p = pattern.charAt(i);
      if (p != 'n' && p != ai.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** How people write it: {@code (01)} or {@code (31nn)}. */
  @Override
  public String toString() {
    return "(" + pattern + ")";
  }
}
