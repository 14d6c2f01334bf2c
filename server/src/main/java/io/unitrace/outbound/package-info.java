/**
 * Outbound: orders from many sales channels, allocation of exact units and lot quantities by FEFO
 * or FIFO, available to sell, scan-verified picking and packing into SSCC cartons, and shipping.
 */
package io.unitrace.outbound;
