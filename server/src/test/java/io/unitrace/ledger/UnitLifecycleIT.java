package io.unitrace.ledger;

import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import org.junit.jupiter.api.Test;

class UnitLifecycleIT extends IntegrationTest {

  @Test
  void unitRegisteredOnTheDockIsStoredWhenMovedToABinAndItsHistoryTellsBoth() {
    Site site = Site.create(admin);
    site.register(site.dock, "SN-1");

    var moved =
        site.api.post(
            site.unitPath("SN-1") + "/move",
            map("location", site.bin1, "device", "scanner-7", "scan", "]d2010..."));
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.at("/units/0/state").asString()).isEqualTo("STORED");

    var unit = site.api.get(site.unitPath("SN-1"));
    assertThat(unit.at("/state").asString()).isEqualTo("STORED");
    assertThat(unit.at("/location").asString()).isEqualTo(site.bin1);

    var history = site.api.get(site.unitPath("SN-1") + "/history");
    assertThat(history.at("/items").size()).isEqualTo(2);
    assertThat(history.at("/items/0/type").asString()).isEqualTo("REGISTERED");
    assertThat(history.at("/items/1/type").asString()).isEqualTo("MOVED");
    assertThat(history.at("/items/1/device").asString()).isEqualTo("scanner-7");
    assertThat(history.at("/items/1/who").asString()).isEqualTo("user:admin");
    assertThat(history.at("/items/1/prevHash").asString())
        .isEqualTo(history.at("/items/0/hash").asString());
  }
}
