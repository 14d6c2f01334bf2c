/**
 * The server-rendered UI for the warehouse floor and the office: sign-in, unit lookup by scan,
 * receiving, putaway, picking, packing and shipping by scan, transfers between warehouses, stock,
 * cycle counts (the counter's blind count, the supervisor's review, accuracy), and the supervisor's
 * actions: on a unit from its card, on counted stock, on users, roles and API tokens.
 */
package io.unitrace.ui;
