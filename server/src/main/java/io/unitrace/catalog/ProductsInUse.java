package io.unitrace.catalog;

import io.unitrace.gs1.Gtin;

/**
 * Whether units of a product exist, which freezes how the product is tracked and which GTINs it
 * keeps. The units are the ledger's, and the ledger depends on the catalog, so the catalog asks
 * through this interface, which the ledger implements.
 */
public interface ProductsInUse {

  boolean hasUnits(long productId);

  boolean hasUnitsWithGtin(long tenantId, Gtin gtin);
}
