package io.unitrace.inbound;

/**
 * A serial of a product as the receipt and the ASN key it: the GTIN and the serial as stored in
 * their rows. Plain text rather than the ledger's {@code UnitRef}, whose values validate: these
 * keys join rows read back from the database with the request's items, by the thousand in a bulk
 * confirmation, and a row must never fail to become a key.
 */
record SerialOf(String gtin, String serial) {}
