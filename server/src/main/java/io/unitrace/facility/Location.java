package io.unitrace.facility;

/**
 * A place a unit can be: {@code level} is ZONE, AISLE, RACK, BIN or AREA; {@code code} is what its
 * label says.
 */
public record Location(
    long id,
    String warehouse,
    Long parentId,
    String code,
    String name,
    String level,
    LocationType type) {}
