package io.unitrace.outbound;

import static io.unitrace.outbound.OutboundFlowIT.channel;
import static io.unitrace.outbound.OutboundFlowIT.order;
import static io.unitrace.outbound.OutboundFlowIT.settled;
import static io.unitrace.outbound.OutboundFlowIT.sleep;
import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What allocation may take, over HTTP: only stored goods on no hold in a storage location, the
 * earliest-expiring lot first, exactly the serial a line names; what it cannot take stays a back
 * order and is allocated by itself when goods become free.
 */
class AllocationRulesIT extends IntegrationTest {

  private static String status(Site s, long order) {
    return ok(s.api.get("/api/v1/orders/" + order)).at("/status").asString();
  }

  private static String state(Site s, String serial) {
    return ok(s.api.get(s.unitPath(serial))).at("/state").asString();
  }

  private static String state(Site s, String gtin, String serial) {
    return ok(s.api.get("/api/v1/units/01/" + gtin + "/21/" + serial)).at("/state").asString();
  }

  private static long allocated(Site s, String sku) {
    return ok(s.api.get("/api/v1/availability?sku=" + sku)).at("/items/0/allocated").asLong();
  }

  /** Allocation after commit runs on a worker thread: waits up to ten seconds for it. */
  private static void eventually(String what, BooleanSupplier done) {
    for (int i = 0; i < 200; i++) {
      if (done.getAsBoolean()) {
        return;
      }
      sleep(50);
    }
    assertThat(done.getAsBoolean()).as(what).isTrue();
  }

  /** Allocates the order now, in the request, and answers how much it reserved. */
  private static long allocateNow(Site s, long order) {
    var outcome = ok(s.api.post("/api/v1/orders/" + order + "/allocate", null));
    return outcome.at("/unitsReserved").asLong() + outcome.at("/quantityReserved").asLong();
  }

  private static String lotProduct(Site s, String gtin) {
    String sku = unique("SYRUP");
    ok(
        s.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "Syrup", "gtins", list(gtin), "tracking", "LOT")));
    ok(s.api.post("/api/v1/products/" + sku + "/lots", map("code", "L1")));
    return sku;
  }

  private static void found(Site s, String gtin, String location, long quantity) {
    ok(
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                location,
                "kind",
                "FOUND",
                "quantity",
                quantity,
                "reason",
                "opening stock")));
  }

  @Test
  void heldGoodsAndGoodsInQuarantineOrOnTheDockAreNeverAllocated() {
    Site s = Site.create(admin);
    channel(s);
    s.register(s.bin1, "HELD-1", "HELD-2");
    ok(s.api.post(s.unitPath("HELD-1") + "/holds", map("hold", "SUSPECT", "reason", "odd label")));
    ok(s.api.post(s.unitPath("HELD-2") + "/holds", map("hold", "RECALL", "reason", "recall 7")));
    // stored units taken to quarantine and back to the dock stay STORED: only the place rules them
    // out
    s.register(s.bin1, "QUAR-1", "DOCK-1");
    ok(s.api.post(s.unitPath("QUAR-1") + "/move", map("location", s.quarantine)));
    ok(s.api.post(s.unitPath("DOCK-1") + "/move", map("location", s.dock)));
    String gtin = Site.randomGtin();
    String sku = lotProduct(s, gtin);
    found(s, gtin, s.bin2, 5);
    ok(
        s.api.post(
            "/api/v1/stock/holds",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                s.bin2,
                "quantity",
                5,
                "hold",
                "QC",
                "reason",
                "sample taken")));
    found(s, gtin, s.quarantine, 5);
    found(s, gtin, s.dock, 5);

    long order =
        order(
            s,
            unique("WEB-"),
            list(map("sku", s.sku, "quantity", 1), map("sku", sku, "quantity", 1)));

    assertThat(allocateNow(s, order)).isZero();
    assertThat(status(s, order)).isEqualTo("OPEN");
    assertThat(state(s, "HELD-1")).isEqualTo("STORED");
    assertThat(state(s, "HELD-2")).isEqualTo("STORED");
    assertThat(state(s, "QUAR-1")).isEqualTo("STORED");
    assertThat(state(s, "DOCK-1")).isEqualTo("STORED");
    assertThat(allocated(s, s.sku)).isZero();
    assertThat(allocated(s, sku)).isZero();
  }

  @Test
  void aBackOrderIsAllocatedWhenItsGoodsAreReleasedFromHold() {
    Site s = Site.create(admin);
    channel(s);
    s.register(s.bin1, "R-1");
    ok(s.api.post(s.unitPath("R-1") + "/holds", map("hold", "QC", "reason", "inspection")));
    String gtin = Site.randomGtin();
    String sku = lotProduct(s, gtin);
    found(s, gtin, s.bin2, 4);
    ok(
        s.api.post(
            "/api/v1/stock/holds",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                s.bin2,
                "quantity",
                4,
                "hold",
                "QC",
                "reason",
                "inspection")));
    long order =
        order(
            s,
            unique("WEB-"),
            list(map("sku", s.sku, "quantity", 1), map("sku", sku, "quantity", 3)));
    assertThat(allocateNow(s, order)).isZero();

    ok(
        s.api.post(
            s.unitPath("R-1") + "/holds/release",
            map("hold", "QC", "reason", "inspection passed")));
    eventually("the unit is allocated once released", () -> state(s, "R-1").equals("ALLOCATED"));
    assertThat(status(s, order)).as("the counted line is still held").isEqualTo("OPEN");
    ok(
        s.api.post(
            "/api/v1/stock/holds/release",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                s.bin2,
                "quantity",
                4,
                "hold",
                "QC",
                "holds",
                list("QC"),
                "reason",
                "inspection passed")));
    eventually("the order is allocated", () -> status(s, order).equals("ALLOCATED"));
    assertThat(allocated(s, sku)).isEqualTo(3);
  }

  @Test
  void aBackOrderIsAllocatedWhenAStoredUnitReturnsFromQuarantineToStorage() {
    Site s = Site.create(admin);
    channel(s);
    s.register(s.bin1, "Q-1");
    ok(s.api.post(s.unitPath("Q-1") + "/move", map("location", s.quarantine)));
    long order = order(s, unique("WEB-"), list(map("sku", s.sku, "quantity", 1)));
    assertThat(allocateNow(s, order)).isZero();

    ok(s.api.post(s.unitPath("Q-1") + "/move", map("location", s.bin2)));

    eventually("the back order is allocated", () -> status(s, order).equals("ALLOCATED"));
    assertThat(state(s, "Q-1")).isEqualTo("ALLOCATED");
  }

  @Test
  void expiryTrackedUnitsAreAllocatedEarliestExpiryFirstWhateverTheirRegistrationOrder() {
    Site s = Site.create(admin);
    channel(s);
    String sku = unique("VACCINE");
    String gtin = Site.randomGtin();
    ok(
        s.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Vaccine",
                "gtins",
                list(gtin),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true)));
    LocalDate today = LocalDate.now();
    for (var lot :
        List.of(
            List.of("LATEST", today.plusDays(300)),
            List.of("EARLIEST", today.plusDays(100)),
            List.of("MIDDLE", today.plusDays(200)))) {
      ok(
          s.api.post(
              "/api/v1/products/" + sku + "/lots",
              map("code", lot.get(0), "expiresOn", lot.get(1).toString())));
    }
    List<Object> units = new ArrayList<>();
    for (String[] u :
        new String[][] {
          {"V-L1", "LATEST"}, {"V-L2", "LATEST"}, {"V-M1", "MIDDLE"}, {"V-E1", "EARLIEST"}
        }) {
      units.add(map("gtin", gtin, "serial", u[0], "lot", u[1]));
    }
    ok(s.api.post("/api/v1/units", map("location", s.bin1, "units", units)));

    long order = order(s, unique("WEB-"), list(map("sku", sku, "quantity", 2)));

    assertThat(settled(s, order)).isEqualTo("ALLOCATED");
    assertThat(state(s, gtin, "V-E1")).isEqualTo("ALLOCATED");
    assertThat(state(s, gtin, "V-M1")).isEqualTo("ALLOCATED");
    assertThat(state(s, gtin, "V-L1")).isEqualTo("STORED");
    assertThat(state(s, gtin, "V-L2")).isEqualTo("STORED");
  }

  @Test
  void aLineNamingASerialGetsExactlyThatUnit() {
    Site s = Site.create(admin);
    channel(s);
    s.register(s.bin1, "E-1", "E-2", "E-3");

    long order = order(s, unique("WEB-"), list(map("sku", s.sku, "serial", "E-3")));

    assertThat(settled(s, order)).isEqualTo("ALLOCATED");
    assertThat(state(s, "E-3")).isEqualTo("ALLOCATED");
    assertThat(state(s, "E-1")).isEqualTo("STORED");
    assertThat(state(s, "E-2")).isEqualTo("STORED");
  }

  @Test
  void aPartlyAllocatedOrderStaysOpenAndGetsTheRestWhenMoreUnitsArrive() {
    Site s = Site.create(admin);
    channel(s);
    s.register(s.bin1, "B-1");

    long order = order(s, unique("WEB-"), list(map("sku", s.sku, "quantity", 2)));

    eventually("the unit in stock is allocated", () -> state(s, "B-1").equals("ALLOCATED"));
    assertThat(status(s, order)).isEqualTo("OPEN");
    assertThat(allocated(s, s.sku)).isEqualTo(1);

    s.register(s.bin2, "B-2");
    eventually("the back order is allocated", () -> status(s, order).equals("ALLOCATED"));
    assertThat(state(s, "B-2")).isEqualTo("ALLOCATED");
    assertThat(allocated(s, s.sku)).isEqualTo(2);
  }
}
