package io.unitrace.recalls;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.Product;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.IdempotencyKeys;
import io.unitrace.shared.Problem;
import io.unitrace.shared.RequestKeyLocks;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Drafting a campaign: the target checked ({@link Targeting}), resolved to the catalog's product
 * and lots and, for the modes that list their units, to those units (a component lot or a supplier
 * lot walked through the genealogy); stored once per Idempotency-Key. Refusals name the field and
 * write nothing.
 */
@Component
class Drafting {

  /** The campaign drafted; {@code repeated} when the request key had drafted it already. */
  record Drafted(long id, boolean repeated) {}

  private final CampaignRows rows;
  private final Catalog catalog;
  private final Inventory inventory;
  private final ComponentLots genealogy;
  private final SupplierLots supplierLots;
  private final RequestKeyLocks keyLocks;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final Clock clock;

  Drafting(
      CampaignRows rows,
      Catalog catalog,
      Inventory inventory,
      ComponentLots genealogy,
      SupplierLots supplierLots,
      RequestKeyLocks keyLocks,
      TransactionTemplate tx,
      ObjectMapper json,
      Clock clock) {
    this.rows = rows;
    this.catalog = catalog;
    this.inventory = inventory;
    this.genealogy = genealogy;
    this.supplierLots = supplierLots;
    this.keyLocks = keyLocks;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Drafts a campaign once per Idempotency-Key: a repeat of the key answers the campaign it drafted
   * and writes nothing (whatever the repeat's body says, as the ledger's commands do).
   */
  Drafted draft(TenantScope scope, Targeting.Asked asked, String idempotencyKey) {
    scope.requireWrite();
    long tenant = scope.tenantId();
    String requestKey = IdempotencyKeys.digest(idempotencyKey);
    if (requestKey != null) {
      Optional<Long> first = rows.draftedUnder(tenant, requestKey);
      if (first.isPresent()) {
        return new Drafted(first.get(), true);
      }
    }
    Targeting.Checked c = Targeting.check(asked);
    Product product = c.product() == null ? null : ProductByName.find(catalog, tenant, c.product());
    List<Long> lotIds = new ArrayList<>();
    // A supplier's lot is none of the site's: it is resolved through what was received under it.
    SupplierLots.Reached bySupplier =
        c.mode() == TargetMode.SUPPLIER_LOT
            ? supplierLots.reachedBy(tenant, product, c.lots().get(0))
            : null;
    for (int i = 0; bySupplier == null && i < c.lots().size(); i++) {
      String code = c.lots().get(i);
      Lot lot =
          catalog
              .findLot(tenant, product.id(), code)
              .orElseThrow(
                  () ->
                      Problem.badRequest(
                          "unknown-lot",
                          "lots[" + lotIndex(asked, code) + "]",
                          "product " + product.sku() + " has no lot " + code));
      lotIds.add(lot.id());
    }
    List<Long> units =
        switch (c.mode()) {
          case SERIALS -> units(tenant, c.units());
          case COMPONENT_LOT -> {
            yield genealogy.reachedBy(tenant, product.id(), lotIds.get(0));
          }
          case SUPPLIER_LOT -> {
            lotIds.addAll(bySupplier.lotIds());
            yield bySupplier.units();
          }
          default -> List.of();
        };
    Target target =
        new Target(
            product == null ? null : product.id(),
            product == null ? null : product.sku(),
            lotIds,
            c.lots(),
            c.registeredFrom(),
            c.registeredTo(),
            c.receivedFrom(),
            c.receivedTo(),
            units.size());
    long now = clock.millis();
    String stored = json.writeValueAsString(target);
    long[] drafted =
        tx.execute(
            s -> {
              if (requestKey != null) {
                keyLocks.lock(tenant, "recall_campaign", requestKey);
                Optional<Long> first = rows.draftedUnder(tenant, requestKey);
                if (first.isPresent()) {
                  return new long[] {first.get(), 1};
                }
              }
              long created =
                  rows.insert(
                      tenant,
                      c.title(),
                      c.reason(),
                      c.mode(),
                      product == null ? null : product.id(),
                      stored,
                      requestKey,
                      scope.actor().who(),
                      now);
              if (!units.isEmpty()) {
                rows.insertTargetUnits(created, units);
              }
              return new long[] {created, 0};
            });
    return new Drafted(drafted[0], drafted[1] == 1);
  }

  private static int lotIndex(Targeting.Asked asked, String code) {
    for (int i = 0; i < asked.lots().size(); i++) {
      if (asked.lots().get(i) != null && asked.lots().get(i).strip().equals(code)) {
        return i;
      }
    }
    return 0;
  }

  /**
   * The ids of the listed units, one statement per product and 500 serials; unknown ones refused.
   */
  private List<Long> units(long tenant, List<UnitRef> refs) {
    Map<Gtin, List<Integer>> byGtin = new LinkedHashMap<>();
    for (int i = 0; i < refs.size(); i++) {
      byGtin.computeIfAbsent(refs.get(i).gtin(), g -> new ArrayList<>()).add(i);
    }
    Long[] ids = new Long[refs.size()];
    for (var e : byGtin.entrySet()) {
      int first = e.getValue().get(0);
      Product p =
          catalog
              .byGtin(tenant, e.getKey())
              .orElseThrow(
                  () ->
                      Problem.badRequest(
                          "unknown-unit",
                          "units[" + first + "]",
                          "no product has GTIN " + e.getKey().value()));
      List<String> serials = e.getValue().stream().map(i -> refs.get(i).serial().value()).toList();
      var found = inventory.bySerials(tenant, p.serialScopeKey(e.getKey()), serials);
      for (int i : e.getValue()) {
        var status = found.get(refs.get(i).serial().value());
        if (status == null) {
          throw Problem.badRequest(
              "unknown-unit", "units[" + i + "]", "no unit " + refs.get(i) + " is known");
        }
        ids[i] = status.id();
      }
    }
    return List.of(ids).stream().distinct().toList();
  }
}
