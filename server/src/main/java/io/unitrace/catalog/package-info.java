/**
 * Products (SKU, GTINs, tracking mode, shelf life, warranty, serial rules, custom unit fields) and
 * lots.
 */
package io.unitrace.catalog;
