package io.unitrace.returns;

/**
 * Published inside the transaction that linked a replacement to a warranty claim: {@code
 * replacementUnitId} stands in for {@code originalUnitId}, so what the original carried (a licence)
 * moves to it.
 */
public record UnitReplaced(
    long tenantId, long originalUnitId, long replacementUnitId, long claimId) {}
