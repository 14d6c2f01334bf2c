package io.unitrace.returns;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a warranty claim stands. A claim is OPEN when made; a supervisor APPROVES or REJECTS it;
 * the unit comes back REPAIRED or REPLACED (from OPEN too: a claim opened under warranty needs no
 * separate approval to be worked on); a repaired or replaced claim is CLOSED once the customer has
 * their unit. REJECTED and CLOSED are final, and free the unit for a new claim.
 */
public enum ClaimStatus {
  OPEN,
  APPROVED,
  REJECTED,
  REPAIRED,
  REPLACED,
  CLOSED;

  /** The statuses this one may move to. */
  public Set<ClaimStatus> next() {
    return switch (this) {
      case OPEN -> EnumSet.of(APPROVED, REJECTED, REPAIRED, REPLACED);
      case APPROVED -> EnumSet.of(REPAIRED, REPLACED);
      case REPAIRED, REPLACED -> EnumSet.of(CLOSED);
      case REJECTED, CLOSED -> EnumSet.noneOf(ClaimStatus.class);
    };
  }

  public boolean mayBecome(ClaimStatus to) {
    return next().contains(to);
  }

  /** A live claim holds its unit: no second claim on it until this one is rejected or closed. */
  public boolean live() {
    return this != REJECTED && this != CLOSED;
  }

  /** Work may still be recorded on it. */
  public boolean inService() {
    return this == OPEN || this == APPROVED;
  }
}
