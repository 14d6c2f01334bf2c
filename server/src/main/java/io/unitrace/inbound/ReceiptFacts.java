package io.unitrace.inbound;

import io.unitrace.catalog.Product;
import io.unitrace.ledger.UnitState;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a request's items are judged on, read once for all of them before judging (in bulk, inside
 * the request's transaction) and not changed afterwards: what the request itself changes is kept by
 * {@link Judging}. Keys: {@link SerialOf} for serials on the receipt and the ASN; {@link
 * ScopedSerial} for units in stock (the key the uniqueness rule uses); {@link LotOf} for counted
 * goods (lot null for untracked goods); {@link ProductLot} for lots in the catalog.
 *
 * @param hasPo the receipt is against a purchase order
 * @param hasAsn the receipt is against an ASN
 * @param products the client's products by GTIN, for the GTINs of the request (unknown: absent)
 * @param receivedHere serials this receipt already took in
 * @param existing units in the client's stock with a serial of the request
 * @param announced what the ASN announced of the request's serials
 * @param announcedLots the lots the ASN announces of each counted product, by GTIN
 * @param announcedQuantities how much of each counted product and lot the ASN announces
 * @param receivedQuantities counted goods this receipt already took in
 * @param missingQuantities counted goods this receipt reported not found after taking them in
 * @param lotExpiries the catalog's expiry of each lot of the request that has one
 * @param ordered the quantity the PO orders, by product id
 * @param receivedForPo units received against the PO over all its receipts, by product id, wrong
 *     products and overs not counted
 */
record ReceiptFacts(
    boolean hasPo,
    boolean hasAsn,
    Map<String, Product> products,
    Set<SerialOf> receivedHere,
    Map<ScopedSerial, Existing> existing,
    Map<SerialOf, ScanChecks.Announced> announced,
    Map<String, List<ScanChecks.Announced>> announcedLots,
    Map<LotOf, Long> announcedQuantities,
    Map<LotOf, Long> receivedQuantities,
    Map<LotOf, Long> missingQuantities,
    Map<ProductLot, LocalDate> lotExpiries,
    Map<Long, Integer> ordered,
    Map<Long, Integer> receivedForPo) {

  /** A unit already in the client's stock with a scanned serial; {@code holds} as a bit set. */
  record Existing(long id, UnitState state, int holds) {}

  ReceiptFacts {
    products = Map.copyOf(products);
    receivedHere = Set.copyOf(receivedHere);
    existing = Map.copyOf(existing);
    announced = Map.copyOf(announced);
    announcedLots = Map.copyOf(announcedLots);
    announcedQuantities = Map.copyOf(announcedQuantities);
    receivedQuantities = Map.copyOf(receivedQuantities);
    missingQuantities = Map.copyOf(missingQuantities);
    lotExpiries = Map.copyOf(lotExpiries);
    ordered = Map.copyOf(ordered);
    receivedForPo = Map.copyOf(receivedForPo);
  }

  Optional<Product> product(String gtin) {
    return Optional.ofNullable(products.get(gtin));
  }

  /** What the PO orders of the product: null without a PO, 0 if it does not order it. */
  Integer orderedOf(Product p) {
    return !hasPo ? null : p == null ? Integer.valueOf(0) : ordered.getOrDefault(p.id(), 0);
  }

  int receivedForPo(long productId) {
    return receivedForPo.getOrDefault(productId, 0);
  }
}
