package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.support.IntegrationTest;
import io.unitrace.tenancy.Tenants;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ledger's set-based reads for other modules' planning answer in ids, as the rows stand. */
class InventoryIT extends IntegrationTest {

  @Autowired Inventory inventory;
  @Autowired Containers containers;
  @Autowired Catalog catalog;
  @Autowired Facility facility;
  @Autowired Tenants tenants;

  @Test
  void findsUnitsBySerialUnderTheirScopeKey() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    long tenant = tenants.byCode(clerk.tenant).orElseThrow().id();
    clerk.register(clerk.dock, "S-1", "S-2");
    Product product = catalog.bySku(tenant, clerk.sku).orElseThrow();

    var found =
        inventory.bySerials(
            tenant, product.serialScopeKey(new Gtin(clerk.gtin)), List.of("S-1", "S-2", "S-9"));

    assertThat(found).containsOnlyKeys("S-1", "S-2");
    assertThat(found.get("S-1").state()).isEqualTo(UnitState.RECEIVED);
    assertThat(found.get("S-1").holds()).isZero();
  }

  @Test
  void holdingsCountPutAwayUnitsPerLocation() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    long tenant = tenants.byCode(clerk.tenant).orElseThrow().id();
    clerk.register(clerk.bin1, "H-1", "H-2");
    clerk.register(clerk.bin2, "H-3");
    clerk.register(clerk.dock, "H-4");
    long product = catalog.bySku(tenant, clerk.sku).orElseThrow().id();

    assertThat(inventory.holdings(tenant, new ProductId(product), null))
        .containsExactly(
            new Inventory.Holding(new LocationId(id(clerk.bin1)), 2),
            new Inventory.Holding(new LocationId(id(clerk.bin2)), 1));
  }

  @Test
  void aBinHoldingAnotherClientsGoodsIsNotEmpty() {
    Clerk mine = Clerk.forNewClient(admin, port);
    Clerk theirs = Clerk.forNewClient(admin, port);
    String[] zone = mine.newZoneWithTwoBins();
    theirs.register(zone[1], "THEIRS-1");

    assertThat(
            inventory.occupied(List.of(new LocationId(id(zone[1])), new LocationId(id(zone[2])))))
        .containsExactly(new LocationId(id(zone[1])));
  }

  @Test
  void countsTheUnitsInAContainer() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    long tenant = tenants.byCode(clerk.tenant).orElseThrow().id();
    String tote = clerk.container("TOTE", clerk.bin1);
    clerk.register(clerk.bin1, "C-1", "C-2");
    ok(
        clerk.api.post(
            "/api/v1/units/pack",
            map("units", list(clerk.unitKey("C-1"), clerk.unitKey("C-2")), "into", tote)));
    Container c = containers.find(tenant, new Sscc(tote)).orElseThrow();

    assertThat(containers.unitCount(tenant, c.id())).isEqualTo(2);
    assertThat(containers.byIds(tenant, List.of(c.id()))).containsEntry(c.id(), c);
  }

  private long id(String locationCode) {
    return facility.byCode(locationCode).orElseThrow().id();
  }
}
