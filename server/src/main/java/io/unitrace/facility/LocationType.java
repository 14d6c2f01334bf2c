package io.unitrace.facility;

/** What a location is for; decides, e.g., that a unit moved into STORAGE counts as put away. */
public enum LocationType {
  DOCK,
  STORAGE,
  STAGING,
  PACKING,
  QUARANTINE,
  REPAIR
}
