package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.Product;
import io.unitrace.gs1.Gtin;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads the facts all candidates of one request are judged on, in bulk, inside the request's
 * transaction: one look-up per GTIN and per lot, chunked set-based reads for the serials, one read
 * per kind of quantity. What a request does not need (quantities for serials only, the ASN for a
 * receipt without one) is not read.
 */
@Component
class FactGathering {

  private final ReceiptRows rows;
  private final Catalog catalog;

  FactGathering(ReceiptRows rows, Catalog catalog) {
    this.rows = rows;
    this.catalog = catalog;
  }

  ReceiptFacts gather(long tenant, Receipt r, List<Candidate> candidates) {
    Map<String, Product> products = new HashMap<>();
    Map<String, Boolean> looked = new HashMap<>();
    List<SerialOf> keys = new ArrayList<>();
    List<ScopedSerial> scoped = new ArrayList<>();
    List<SerialOf> unannounced = new ArrayList<>();
    boolean anyCounted = false;
    for (Candidate c : candidates) {
      if (!looked.containsKey(c.gtin())) {
        Optional<Product> p = catalog.byGtin(tenant, new Gtin(c.gtin()));
        looked.put(c.gtin(), p.isPresent());
        p.ifPresent(found -> products.put(c.gtin(), found));
      }
      Product p = products.get(c.gtin());
      if (c.serial() != null) {
        keys.add(c.serialKey());
        if (p != null) {
          scoped.add(new ScopedSerial(p.serialScopeKey(new Gtin(c.gtin())), c.serial()));
        }
        if (c.announced() == null) {
          unannounced.add(c.serialKey());
        }
      }
      anyCounted |= c.counted();
    }
    boolean asn = r.asnId() != null;
    boolean po = r.poId() != null;
    Map<SerialOf, ScanChecks.Announced> announced =
        !asn || unannounced.isEmpty() ? Map.of() : rows.announced(r.asnId(), unannounced);
    return new ReceiptFacts(
        po,
        asn,
        products,
        rows.receivedSerials(r.id(), keys),
        rows.existingUnits(tenant, scoped),
        announced,
        !asn || !anyCounted ? Map.of() : rows.announcedLots(r.asnId()),
        !asn || !anyCounted ? Map.of() : rows.announcedQuantities(r.asnId()),
        anyCounted ? rows.receivedQuantities(r.id()) : Map.of(),
        anyCounted ? rows.missingQuantities(r.id()) : Map.of(),
        lotExpiries(tenant, candidates, products, announced),
        po ? rows.ordered(r.poId()) : Map.of(),
        po ? rows.receivedForPo(r.poId()) : Map.of());
  }

  /**
   * The catalog's expiry of each lot the request names (or its ASN announces), read once per
   * product and lot, not once per item of a bulk confirmation.
   */
  private Map<ProductLot, LocalDate> lotExpiries(
      long tenant,
      List<Candidate> candidates,
      Map<String, Product> products,
      Map<SerialOf, ScanChecks.Announced> announced) {
    Map<ProductLot, Optional<LocalDate>> read = new HashMap<>();
    for (Candidate c : candidates) {
      Product p = products.get(c.gtin());
      String lot = Judging.lotOf(c, announced);
      if (p != null && lot != null && p.tracking().lotted()) {
        read.computeIfAbsent(
            new ProductLot(p.id(), lot),
            k -> catalog.findLot(tenant, p.id(), lot).map(Lot::expiresOn));
      }
    }
    Map<ProductLot, LocalDate> known = new HashMap<>();
    read.forEach((k, expiry) -> expiry.ifPresent(e -> known.put(k, e)));
    return known;
  }
}
