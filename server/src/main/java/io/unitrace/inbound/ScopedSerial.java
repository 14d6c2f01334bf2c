package io.unitrace.inbound;

/**
 * A serial within the scope the uniqueness rule applies it in ({@code Product.serialScopeKey}: the
 * GTIN, or the manufacturer): the key a unit already in stock is found by.
 */
record ScopedSerial(String scope, String serial) {}
