package io.unitrace.ledger;

import io.unitrace.catalog.ProductId;
import java.util.Set;

/**
 * Published inside the transaction of every ledger event, before it commits: a listener that writes
 * (an availability outbox) commits or rolls back with the event. {@code statesChanged} is false
 * when no unit changed state and no stock changed hands between free, held and reserved (a move
 * between two bins, a label printed): what is available to sell is then the same.
 */
public record InventoryChanged(
    long tenantId, long eventId, EventType type, Set<ProductId> products, boolean statesChanged) {}
