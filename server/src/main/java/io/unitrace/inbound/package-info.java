/**
 * Inbound: purchase orders, advance ship notices with the containers and serials they announce,
 * receiving at a dock by scan or in bulk with every surprise caught, and putaway to storage.
 */
package io.unitrace.inbound;
