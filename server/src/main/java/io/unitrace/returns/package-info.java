/**
 * Returns: return authorisations, the verdict a returned unit gets at the dock (its sale, its
 * eligibility, named fraud and mix-up checks), suspect-return cases, inspection and routing,
 * warranty and service, licences. Units and stock change only through the ledger's {@link
 * io.unitrace.ledger.ReturnedGoods}.
 */
package io.unitrace.returns;
