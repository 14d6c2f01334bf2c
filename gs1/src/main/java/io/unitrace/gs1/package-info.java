/**
 * GS1 barcode data for Unitrace: reads every form a scanner or a person hands us (bracketed and raw
 * element strings, AIM-prefixed scans, GS1 Digital Link URIs, bare GTINs and SSCCs), validates it
 * against the GS1 Barcode Syntax Dictionary and writes the canonical forms back out. Start at
 * {@link io.unitrace.gs1.Gs1}; no runtime dependencies.
 */
package io.unitrace.gs1;
