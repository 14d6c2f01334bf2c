package io.unitrace.inbound;

import io.unitrace.gs1.Sscc;

/**
 * What one receiving request takes in: a single scan (a unit or a quantity), an announced
 * container's contents by its SSCC, or a bulk confirmation of all that is still pending. It decides
 * how the answer is worded and whether announced cases are created at the dock; {@code sscc} is set
 * for a container and only then.
 */
record Batch(Kind kind, Sscc sscc) {

  enum Kind {
    UNIT,
    CONTAINER,
    BULK
  }

  static final Batch SCAN = new Batch(Kind.UNIT, null);
  static final Batch BULK = new Batch(Kind.BULK, null);

  Batch {
    if ((kind == Kind.CONTAINER) != (sscc != null)) {
      throw new IllegalArgumentException("an SSCC names a container's batch and only that");
    }
  }

  static Batch container(Sscc sscc) {
    return new Batch(Kind.CONTAINER, sscc);
  }
}
