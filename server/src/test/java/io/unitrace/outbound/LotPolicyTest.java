package io.unitrace.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which lots a line may be allocated from: FEFO with a minimum shelf life for expiry-tracked goods,
 * any lot oldest first otherwise, and only the line's own lot when it names one.
 */
class LotPolicyTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

  private static Lot lot(long id, String code, LocalDate expiresOn) {
    return new Lot(id, 1, code, null, expiresOn);
  }

  private static final Lot LATE = lot(1, "LATE", TODAY.plusDays(400));
  private static final Lot EARLY = lot(2, "EARLY", TODAY.plusDays(30));
  private static final Lot MIDDLE = lot(3, "MIDDLE", TODAY.plusDays(200));
  private static final Lot EXPIRED = lot(4, "GONE", TODAY.minusDays(1));
  private static final Lot UNDATED = lot(5, "UNDATED", null);
  private static final List<Lot> LOTS = List.of(LATE, EARLY, MIDDLE, EXPIRED, UNDATED);

  private static List<Long> ids(List<LotId> lots) {
    return lots.stream().map(LotId::value).toList();
  }

  @Test
  void expiryTrackedGoodsGoEarliestExpiryFirstLeavingOutExpiredAndUndatedLots() {
    assertThat(ids(LotPolicy.eligible(true, LOTS, null, null, TODAY))).containsExactly(2L, 3L, 1L);
  }

  @Test
  void aLotExpiringTodayIsStillEligibleWithoutAMinimumShelfLife() {
    Lot today = lot(6, "TODAY", TODAY);
    assertThat(ids(LotPolicy.eligible(true, List.of(LATE, today), null, null, TODAY)))
        .containsExactly(6L, 1L);
  }

  @Test
  void lotsExpiringBeforeTheMinimumShelfLifeAreLeftOut() {
    assertThat(ids(LotPolicy.eligible(true, LOTS, null, 120, TODAY))).containsExactly(3L, 1L);
  }

  @Test
  void aLotExpiringOnTheLastDayOfTheMinimumShelfLifeIsKept() {
    assertThat(ids(LotPolicy.eligible(true, LOTS, null, 200, TODAY))).containsExactly(3L, 1L);
    assertThat(ids(LotPolicy.eligible(true, LOTS, null, 201, TODAY))).containsExactly(1L);
  }

  @Test
  void lotsExpiringTheSameDayGoInTheOrderTheyWereCreated() {
    Lot twin = lot(9, "TWIN", EARLY.expiresOn());
    assertThat(ids(LotPolicy.eligible(true, List.of(twin, EARLY), null, null, TODAY)))
        .containsExactly(2L, 9L);
  }

  @Test
  void goodsWithoutExpiryGoFifoFromAnyLot() {
    assertThat(LotPolicy.eligible(false, LOTS, null, 120, TODAY)).isNull();
  }

  @Test
  void aLineNamingItsLotIsAllocatedFromThatLotOnly() {
    assertThat(ids(LotPolicy.eligible(false, LOTS, 4L, null, TODAY))).containsExactly(4L);
    assertThat(ids(LotPolicy.eligible(true, LOTS, 3L, null, TODAY))).containsExactly(3L);
  }

  @Test
  void aLineNamingAnExpiredOrShortDatedLotGetsNothing() {
    assertThat(LotPolicy.eligible(true, LOTS, 4L, null, TODAY)).isEmpty();
    assertThat(LotPolicy.eligible(true, LOTS, 2L, 120, TODAY)).isEmpty();
  }

  @Test
  void saysWhyALotIsNotEligible() {
    assertThat(LotPolicy.refusal(true, EXPIRED, null, TODAY)).contains("GONE expired");
    assertThat(LotPolicy.refusal(true, EARLY, 120, TODAY)).contains("120 days");
    assertThat(LotPolicy.refusal(true, UNDATED, null, TODAY)).contains("no expiry");
    assertThat(LotPolicy.refusal(true, LATE, 120, TODAY)).isNull();
    assertThat(LotPolicy.refusal(false, EXPIRED, 120, TODAY)).isNull();
  }
}
