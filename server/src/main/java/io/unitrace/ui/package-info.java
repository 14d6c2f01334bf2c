/**
 * The server-rendered UI for the warehouse floor and the office: sign-in, unit lookup by scan,
 * receiving, putaway, picking, packing and shipping by scan, stock, cycle counts (the counter's
 * blind count, the supervisor's review, accuracy).
 */
package io.unitrace.ui;
