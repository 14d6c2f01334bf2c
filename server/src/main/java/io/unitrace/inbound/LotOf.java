package io.unitrace.inbound;

/**
 * Counted goods of one product and lot as the receipt and the ASN key them: the GTIN and the lot
 * code as stored in their rows, {@code lot} null for untracked goods.
 */
record LotOf(String gtin, String lot) {}
