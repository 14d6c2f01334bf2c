/**
 * The ledger: the only write path for inventory. Append-only events, the unit projection written in
 * the same transaction, the unit state machine and holds, per-unit hash chains, checkpoints,
 * verification and history; containers (where a pallet is and what it holds is inventory). Its SQL
 * names only its own tables: products, lots and locations are resolved through the catalog's and
 * the facility's APIs, a page at a time.
 */
package io.unitrace.ledger;
