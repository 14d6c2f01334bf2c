package io.unitrace.returns;

/**
 * Published inside the transaction that recorded a unit's return. {@code refund} is true when the
 * customer gets their money back (any reason but a warranty repair), so what came with the unit (a
 * licence) is withdrawn.
 */
public record UnitReturned(long tenantId, long unitId, long returnId, boolean refund) {}
