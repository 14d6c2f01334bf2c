package io.unitrace.ledger;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import io.unitrace.support.StartGate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Lot-tracked and untracked goods are counted, not named: buckets of a product, lot, location and
 * holds, each with its own hash chain in the ledger's stock book. Stock is never taken below zero,
 * two clerks taking the last of it cannot both have it, and editing the stock book behind the
 * application's back is caught by verification.
 */
class QuantityStockIT extends IntegrationTest {

  @Autowired JdbcClient db;

  private CountedGoods goods() {
    return CountedGoods.create(admin);
  }

  private static Api.Response found(
      CountedGoods g, String gtin, String lot, String location, long quantity) {
    return g.found(gtin, lot, location, quantity);
  }

  private static long quantity(CountedGoods g, String sku, String location) {
    return g.stock(sku, location);
  }

  @Test
  void openingStockMovesBetweenBinsAndEveryChangeIsInTheLotsHistory() {
    CountedGoods g = goods();
    Site s = g.site();
    JsonNode receipt = ok(found(g, g.saline(), "L1", s.bin1, 120)).json();
    assertThat(receipt.path("stock").get(0).path("quantity").asLong()).isEqualTo(120);
    ok(found(g, g.gloves(), null, s.bin1, 40));

    JsonNode moved =
        ok(s.api.post(
                "/api/v1/stock/moves",
                map("gtin", g.saline(), "lot", "L1", "from", s.bin1, "to", s.bin2, "quantity", 45)))
            .json();
    assertThat(moved.path("type").asString()).isEqualTo("MOVED");
    assertThat(moved.path("stock").size()).isEqualTo(2);

    assertThat(quantity(g, g.salineSku(), s.bin1)).isEqualTo(75);
    assertThat(quantity(g, g.salineSku(), s.bin2)).isEqualTo(45);
    assertThat(quantity(g, g.glovesSku(), s.bin1)).isEqualTo(40);
    JsonNode line =
        ok(s.api.get("/api/v1/stock?sku=" + g.salineSku() + "&location=" + s.bin2))
            .json()
            .path("items")
            .get(0);
    assertThat(line.path("lot").asString()).isEqualTo("L1");
    assertThat(line.path("expiry").asString()).isEqualTo("2030-01-31");
    assertThat(line.path("available").asLong()).as("put away and not held").isEqualTo(45);

    JsonNode history =
        ok(s.api.get("/api/v1/stock/history?sku=" + g.salineSku() + "&lot=L1"))
            .json()
            .path("items");
    assertThat(history.size()).isEqualTo(3);
    assertThat(history.get(0).path("type").asString()).isEqualTo("FOUND");
    assertThat(history.get(0).path("delta").asLong()).isEqualTo(120);
    assertThat(history.get(1).path("location").asString()).isEqualTo(s.bin1);
    assertThat(history.get(1).path("delta").asLong()).isEqualTo(-45);
    assertThat(history.get(1).path("quantity").asLong()).isEqualTo(75);
    assertThat(history.get(2).path("location").asString()).isEqualTo(s.bin2);
    assertThat(history.get(2).path("eventId").asLong())
        .as("both sides of a move are one event")
        .isEqualTo(history.get(1).path("eventId").asLong());

    JsonNode report = ok(s.api.post("/api/v1/ledger/verify", null)).json();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("buckets").asLong()).isEqualTo(3);
    assertThat(report.path("stockEntries").asLong()).isEqualTo(4);
  }

  @Test
  void movingMoreThanIsThereIsRefusedAndWritesNothing() {
    CountedGoods g = goods();
    Site s = g.site();
    ok(found(g, g.saline(), "L1", s.bin1, 10));
    Footprint before = Footprint.of(db, s.tenant);
    long stockEntries = stockEntries(s);

    Api.Response r =
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", g.saline(), "lot", "L1", "from", s.bin1, "to", s.bin2, "quantity", 11));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.problemCode()).isEqualTo("insufficient-stock");
    assertThat(r.at("/field").asString()).isEqualTo("quantity");
    assertThat(r.at("/available").asLong()).isEqualTo(10);
    assertThat(Footprint.of(db, s.tenant)).isEqualTo(before);
    assertThat(stockEntries(s)).isEqualTo(stockEntries);
    assertThat(quantity(g, g.salineSku(), s.bin2)).isZero();
  }

  @Test
  void twoClerksTakingTheLastOfALotAtOnceCannotBothHaveIt() throws Exception {
    for (int round = 0; round < 5; round++) {
      CountedGoods g = goods();
      Site s = g.site();
      ok(found(g, g.saline(), "L1", s.bin1, 30));
      List<Api.Response> answers =
          StartGate.together(
              () ->
                  s.api.post(
                      "/api/v1/stock/moves",
                      map(
                          "gtin",
                          g.saline(),
                          "lot",
                          "L1",
                          "from",
                          s.bin1,
                          "to",
                          s.bin2,
                          "quantity",
                          20)),
              () ->
                  s.api.post(
                      "/api/v1/stock/moves",
                      map(
                          "gtin",
                          g.saline(),
                          "lot",
                          "L1",
                          "from",
                          s.bin1,
                          "to",
                          s.quarantine,
                          "quantity",
                          20)));
      assertThat(answers.stream().filter(a -> a.status() == 201 || a.status() == 200).count())
          .as(answers.toString())
          .isEqualTo(1);
      assertThat(answers.stream().filter(a -> "insufficient-stock".equals(a.problemCode())).count())
          .as(answers.toString())
          .isEqualTo(1);
      assertThat(quantity(g, g.salineSku(), s.bin1)).isEqualTo(10);
      assertThat(quantity(g, g.salineSku(), s.bin2) + quantity(g, g.salineSku(), s.quarantine))
          .isEqualTo(20);
      assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
    }
  }

  @Test
  void aRepeatedMoveAnswersWithTheFirstReceiptAndMovesOnce() {
    CountedGoods g = goods();
    Site s = g.site();
    ok(found(g, g.gloves(), null, s.bin1, 10));
    Object body = map("gtin", g.gloves(), "from", s.bin1, "to", s.bin2, "quantity", 4);
    JsonNode first = ok(s.api.post("/api/v1/stock/moves", body, "move-gloves-1")).json();
    JsonNode again = ok(s.api.post("/api/v1/stock/moves", body, "move-gloves-1")).json();
    assertThat(again.path("repeated").asBoolean()).isTrue();
    assertThat(again.path("eventId").asLong()).isEqualTo(first.path("eventId").asLong());
    assertThat(again.path("stock")).isEqualTo(first.path("stock"));
    assertThat(quantity(g, g.glovesSku(), s.bin2)).isEqualTo(4);
  }

  @Test
  void lossesNeedASupervisorAndNeverTakeStockBelowZero() {
    CountedGoods g = goods();
    Site s = g.site();
    ok(found(g, g.gloves(), null, s.bin1, 3));
    Api.Response tooMany =
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                g.gloves(),
                "location",
                s.bin1,
                "kind",
                "LOST",
                "quantity",
                4,
                "reason",
                "count"));
    assertThat(tooMany.problemCode()).isEqualTo("insufficient-stock");
    ok(
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                g.gloves(),
                "location",
                s.bin1,
                "kind",
                "LOST",
                "quantity",
                3,
                "reason",
                "count")));
    assertThat(quantity(g, g.glovesSku(), s.bin1)).isZero();
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void anEditedQuantityInTheStockBookIsContentAltered() {
    CountedGoods g = goods();
    Site s = g.site();
    ok(found(g, g.saline(), "L1", s.bin1, 50));
    ok(
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", g.saline(), "lot", "L1", "from", s.bin1, "to", s.bin2, "quantity", 5)));
    long entry =
        db.sql("SELECT min(e.id) FROM stock_entry e WHERE e.tenant_id = ? AND e.delta = -5")
            .param(tenantId(s))
            .query(Long.class)
            .single();

    db.sql("UPDATE stock_entry SET delta = -4, quantity = 46 WHERE id = ?").param(entry).update();

    JsonNode broken = ok(s.api.post("/api/v1/ledger/verify", null)).json().path("firstBreak");
    assertThat(broken.path("kind").asString()).isEqualTo("content-altered");
    assertThat(broken.path("unit").asString()).isEqualTo(g.salineSku() + " lot L1 at " + s.bin1);
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("entryId").asLong()).isEqualTo(entry);
  }

  @Test
  void aBucketEditedBehindTheLedgersBackDiffersFromItsHistory() {
    CountedGoods g = goods();
    Site s = g.site();
    ok(found(g, g.gloves(), null, s.bin1, 50));
    db.sql("UPDATE stock SET quantity = 500 WHERE tenant_id = ?").param(tenantId(s)).update();
    JsonNode broken = ok(s.api.post("/api/v1/ledger/verify", null)).json().path("firstBreak");
    assertThat(broken.path("kind").asString()).isEqualTo("projection-differs");
    assertThat(broken.path("expected").asString()).isEqualTo("50");
    assertThat(broken.path("found").asString()).isEqualTo("500");
  }

  @Test
  void theLastStockEntryRemovedWithItsBucketRolledBackIsCaughtByTheStockCheckpoint() {
    CountedGoods g = goods();
    Site s = g.site();
    ok(found(g, g.gloves(), null, s.bin1, 50));
    ok(
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                g.gloves(),
                "location",
                s.bin1,
                "kind",
                "LOST",
                "quantity",
                7,
                "reason",
                "count")));
    JsonNode checkpoint = ok(s.api.post("/api/v1/ledger/checkpoints", null)).json();
    assertThat(checkpoint.path("book").asString()).isEqualTo("STOCK");
    record Last(long id, long eventId, String prevHash) {}
    Last last =
        db.sql(
                "SELECT id, event_id, prev_hash FROM stock_entry WHERE tenant_id = ? ORDER BY id DESC LIMIT 1")
            .param(tenantId(s))
            .query(Last.class)
            .single();

    db.sql("DELETE FROM stock_entry WHERE id = ?").param(last.id()).update();
    db.sql("DELETE FROM ledger_event WHERE id = ?").param(last.eventId()).update();
    db.sql("UPDATE stock SET quantity = 50, version = 1, last_hash = ? WHERE tenant_id = ?")
        .params(last.prevHash(), tenantId(s))
        .update();

    JsonNode broken = ok(s.api.post("/api/v1/ledger/verify", null)).json().path("firstBreak");
    assertThat(broken.path("kind").asString()).isEqualTo("checkpoint-mismatch");
    assertThat(broken.path("checkpointId").asLong()).isEqualTo(checkpoint.path("id").asLong());
  }

  @Test
  void aHeldQuantityIsNotAvailableUntilASupervisorReleasesIt() {
    CountedGoods g = goods();
    Site s = g.site();
    ok(found(g, g.saline(), "L1", s.bin1, 20));
    JsonNode held =
        ok(s.api.post(
                "/api/v1/stock/holds",
                map(
                    "gtin",
                    g.saline(),
                    "lot",
                    "L1",
                    "location",
                    s.bin1,
                    "quantity",
                    5,
                    "hold",
                    "QC",
                    "reason",
                    "cloudy bags")))
            .json();
    assertThat(held.path("type").asString()).isEqualTo("HOLD_PLACED");
    JsonNode line =
        ok(s.api.get("/api/v1/stock?sku=" + g.salineSku() + "&location=" + s.bin1))
            .json()
            .at("/items/0");
    assertThat(line.path("quantity").asLong()).isEqualTo(20);
    assertThat(line.path("held").asLong()).isEqualTo(5);
    assertThat(line.path("available").asLong()).isEqualTo(15);
    Api.Response moveAll =
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", g.saline(), "lot", "L1", "from", s.bin1, "to", s.bin2, "quantity", 20));
    assertThat(moveAll.problemCode())
        .as("held stock does not move with the unheld")
        .isEqualTo("insufficient-stock");
    assertThat(
            s.api
                .post(
                    "/api/v1/stock/holds/release",
                    map(
                        "gtin",
                        g.saline(),
                        "lot",
                        "L1",
                        "location",
                        s.bin1,
                        "quantity",
                        5,
                        "hold",
                        "QC"))
                .at("/field")
                .asString())
        .as("a release needs a reason")
        .isEqualTo("reason");
    Api.Response notHeld =
        s.api.post(
            "/api/v1/stock/holds/release",
            map(
                "gtin",
                g.saline(),
                "lot",
                "L1",
                "location",
                s.bin1,
                "quantity",
                6,
                "hold",
                "QC",
                "reason",
                "inspected"));
    assertThat(notHeld.problemCode()).isEqualTo("insufficient-stock");

    ok(
        s.api.post(
            "/api/v1/stock/holds/release",
            map(
                "gtin",
                g.saline(),
                "lot",
                "L1",
                "location",
                s.bin1,
                "quantity",
                5,
                "hold",
                "QC",
                "reason",
                "inspected: fine")));
    line =
        ok(s.api.get("/api/v1/stock?sku=" + g.salineSku() + "&location=" + s.bin1))
            .json()
            .at("/items/0");
    assertThat(line.path("available").asLong()).isEqualTo(20);
    JsonNode history =
        ok(s.api.get("/api/v1/stock/history?sku=" + g.salineSku() + "&lot=L1"))
            .json()
            .path("items");
    assertThat(history.toString())
        .contains("HOLD_PLACED")
        .contains("HOLD_RELEASED")
        .contains("cloudy bags")
        .contains("inspected: fine");
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void replayingTheStockBookAloneRebuildsEveryBucket() {
    CountedGoods g = goods();
    Site s = g.site();
    ok(found(g, g.saline(), "L1", s.dock, 90));
    ok(found(g, g.saline(), "L2", s.dock, 10));
    ok(found(g, g.gloves(), null, s.dock, 40));
    ok(
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", g.saline(), "lot", "L1", "from", s.dock, "to", s.bin1, "quantity", 60)));
    ok(
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", g.saline(), "lot", "L1", "from", s.bin1, "to", s.bin2, "quantity", 15)));
    ok(
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", g.gloves(), "from", s.dock, "to", s.bin1, "quantity", 40)));
    ok(
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                g.saline(),
                "lot",
                "L2",
                "location",
                s.dock,
                "kind",
                "LOST",
                "quantity",
                10,
                "reason",
                "count")));

    record Bucket(long id, long quantity, int version, String lastHash) {}
    List<Bucket> projection =
        db.sql("SELECT id, quantity, version, last_hash FROM stock WHERE tenant_id = ? ORDER BY id")
            .param(tenantId(s))
            .query(Bucket.class)
            .list();
    List<Bucket> replayed =
        db.sql(
                """
            SELECT e.stock_id AS id, SUM(e.delta) AS quantity, MAX(e.seq) AS version,
                   (SELECT x.hash FROM stock_entry x WHERE x.stock_id = e.stock_id ORDER BY x.seq DESC LIMIT 1) AS last_hash
            FROM stock_entry e WHERE e.tenant_id = ? GROUP BY e.stock_id ORDER BY e.stock_id""")
            .param(tenantId(s))
            .query(Bucket.class)
            .list();
    assertThat(replayed).isEqualTo(projection);
    assertThat(projection)
        .extracting(Bucket::quantity)
        .containsExactlyInAnyOrder(30L, 0L, 0L, 45L, 15L, 40L);
  }

  private long tenantId(Site s) {
    return Footprint.tenantId(db, s.tenant);
  }

  private long stockEntries(Site s) {
    return db.sql("SELECT count(*) FROM stock_entry WHERE tenant_id = ?")
        .param(tenantId(s))
        .query(Long.class)
        .single();
  }
}
