/** Barcodes and labels: GS1 scan parsing over HTTP, barcode images and ZPL. */
package io.unitrace.labels;
