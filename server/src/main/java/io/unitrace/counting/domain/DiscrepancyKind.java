package io.unitrace.counting.domain;

/** What a count found that the books do not say. */
public enum DiscrepancyKind {
  /** Recorded here, not found. */
  MISSING,
  /** Found here, recorded elsewhere in the building (or recorded missing): a move is proposed. */
  MISPLACED,
  /** A serial the client never had: never added silently. */
  UNKNOWN,
  /** Counted goods in a lot other than the one recorded here. */
  WRONG_LOT,
  /** More of a lot (or of untracked goods) than recorded here. */
  OVER,
  /** Less of a lot (or of untracked goods) than recorded here. */
  SHORT,
  /** A unit the books say left stock (shipped, scrapped, consumed, never received) on the shelf. */
  FOUND_NOT_IN_STOCK
}
