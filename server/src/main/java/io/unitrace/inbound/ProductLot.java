package io.unitrace.inbound;

/**
 * A lot of a product as the catalog keys it: the product's id and the lot's code (a lot code is
 * unique per product, not per client).
 */
record ProductLot(long productId, String lot) {}
