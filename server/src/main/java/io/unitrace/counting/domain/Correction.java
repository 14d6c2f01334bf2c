package io.unitrace.counting.domain;

/** The ledger command a discrepancy proposes, written only when a supervisor approves the count. */
public enum Correction {
  /** The unit is adjusted LOST (it becomes MISSING). */
  LOSE_UNIT,
  /** The unit is moved here from where it is recorded. */
  MOVE_HERE,
  /** A unit recorded MISSING is adjusted FOUND here. */
  FIND_UNIT,
  /** The quantity here is adjusted FOUND or LOST by the difference. */
  ADJUST_STOCK,
  /** The recorded lot's quantity is adjusted LOST and the found lot's FOUND. */
  CORRECT_LOT,
  /** Nothing is written: a person looks into it. */
  REVIEW
}
