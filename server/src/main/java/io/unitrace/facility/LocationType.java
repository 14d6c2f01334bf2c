package io.unitrace.facility;

/**
 * What a location is for; decides, e.g., that a unit moved into STORAGE counts as put away. TRANSIT
 * is the one a warehouse gets for counted goods on their way to it by a transfer (ADR 0023): made
 * by the product, never by a user, never a move's source or target.
 */
public enum LocationType {
  DOCK,
  STORAGE,
  STAGING,
  PACKING,
  QUARANTINE,
  REPAIR,
  TRANSIT;

  /** The types a user may give a location: all but TRANSIT. */
  public static final java.util.List<LocationType> CHOSEN =
      java.util.List.of(DOCK, STORAGE, STAGING, PACKING, QUARANTINE, REPAIR);
}
