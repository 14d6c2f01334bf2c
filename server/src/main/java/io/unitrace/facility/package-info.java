/**
 * Warehouses, locations in a hierarchy (zone, aisle, rack, bin) with scannable codes, and SSCC
 * containers.
 */
package io.unitrace.facility;
