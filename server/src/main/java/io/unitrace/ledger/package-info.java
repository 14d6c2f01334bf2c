/**
 * The ledger: the only write path for inventory. Append-only events, the unit projection written in
 * the same transaction, the unit state machine and holds, per-unit hash chains, checkpoints,
 * verification and history.
 */
package io.unitrace.ledger;
