package io.unitrace.ledger;

import io.unitrace.gs1.Sscc;

/** A pallet, case or tote identified by an SSCC; {@code parentId} is the container it sits in. */
public record Container(
    long id, long tenantId, Sscc sscc, String kind, Long parentId, Long locationId) {}
