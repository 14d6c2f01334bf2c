package io.unitrace.gs1;

/**
 * A validation failure found inside one value, before it is tied to a place in the scanned input:
 * {@code offset} is an index into the value, {@code component} the 1-based dictionary component (0
 * while a linter does not know it yet).
 */
record Fault(String code, int component, int offset, String message) {

  static Fault at(String code, int offset, String message) {
    return new Fault(code, 0, offset, message);
  }

  Fault inComponent(int number) {
    return component == number ? this : new Fault(code, number, offset, message);
  }
}
