package io.unitrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductTrackingTest {

  private static final boolean NAMED = true;
  private static final boolean NONE = false;

  private static Product tracked(Tracking tracking, boolean expiryTracked) {
    return new Product(
        1,
        1,
        "SKU-1",
        "Thing",
        List.of(),
        tracking,
        expiryTracked,
        null,
        null,
        SerialScope.GTIN,
        null,
        null,
        List.of(),
        null,
        null,
        false);
  }

  @Test
  void aSerializedProductIsReceivedUnitByUnitNeverAsAQuantity() {
    Product p = tracked(Tracking.SERIAL, false);
    assertThat(p.serialRule(NONE)).contains(TrackingRule.SERIAL_REQUIRED);
    assertThat(p.serialRule(NAMED)).isEmpty();
  }

  @Test
  void aSerialNamedForAProductNotTrackedBySerialIsRefused() {
    assertThat(tracked(Tracking.NONE, false).serialRule(NAMED))
        .contains(TrackingRule.NOT_SERIALIZED);
    assertThat(tracked(Tracking.LOT, false).serialRule(NAMED))
        .contains(TrackingRule.NOT_SERIALIZED);
    assertThat(tracked(Tracking.LOT, false).serialRule(NONE)).isEmpty();
  }

  @Test
  void aLotTrackedProductNeedsItsLot() {
    assertThat(tracked(Tracking.LOT, false).lotRule(NONE)).contains(TrackingRule.LOT_REQUIRED);
    assertThat(tracked(Tracking.LOT_AND_SERIAL, false).lotRule(NONE))
        .contains(TrackingRule.LOT_REQUIRED);
    assertThat(tracked(Tracking.LOT, false).lotRule(NAMED)).isEmpty();
  }

  @Test
  void aLotNamedForAProductNotTrackedByLotIsRefusedRatherThanIgnored() {
    assertThat(tracked(Tracking.SERIAL, false).lotRule(NAMED))
        .contains(TrackingRule.NOT_LOT_TRACKED);
    assertThat(tracked(Tracking.NONE, false).lotRule(NAMED)).contains(TrackingRule.NOT_LOT_TRACKED);
    assertThat(tracked(Tracking.NONE, false).lotRule(NONE)).isEmpty();
  }

  @Test
  void anExpiryTrackedProductNeedsAnExpiryDate() {
    assertThat(tracked(Tracking.LOT, true).expiryRule(NONE)).contains(TrackingRule.EXPIRY_REQUIRED);
    assertThat(tracked(Tracking.LOT, true).expiryRule(NAMED)).isEmpty();
    assertThat(tracked(Tracking.LOT, false).expiryRule(NONE)).isEmpty();
  }

  @Test
  void untrackedGoodsAreCountedWithoutSerialLotOrExpiry() {
    assertThat(tracked(Tracking.NONE, false).brokenRule(NONE, NONE, NONE)).isEmpty();
  }

  @Test
  void theSerialIsJudgedBeforeTheLotAndTheLotBeforeTheExpiry() {
    Product p = tracked(Tracking.LOT_AND_SERIAL, true);
    assertThat(p.brokenRule(NONE, NONE, NONE)).contains(TrackingRule.SERIAL_REQUIRED);
    assertThat(p.brokenRule(NAMED, NONE, NONE)).contains(TrackingRule.LOT_REQUIRED);
    assertThat(p.brokenRule(NAMED, NAMED, NONE)).contains(TrackingRule.EXPIRY_REQUIRED);
    assertThat(p.brokenRule(NAMED, NAMED, NAMED)).isEmpty();
  }

  @Test
  void aBrokenRuleKeepsTheCodeClientsAlreadyKnowAndNamesTheProduct() {
    Product p = tracked(Tracking.LOT, true);
    Optional<TrackingRule> broken = p.brokenRule(NONE, NONE, NAMED);
    assertThat(broken.map(TrackingRule::code)).contains("lot-required");
    assertThat(broken.get().message(p)).isEqualTo("SKU-1 is tracked by lot: name the lot");
    assertThat(TrackingRule.NOT_SERIALIZED.message(p))
        .isEqualTo("SKU-1 is tracked by LOT, not by serial");
  }
}
