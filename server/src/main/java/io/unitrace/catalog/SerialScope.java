package io.unitrace.catalog;

/**
 * Where a serial number must be unique: per GTIN (GS1's rule, the default) or across a
 * manufacturer.
 */
public enum SerialScope {
  GTIN,
  MANUFACTURER
}
