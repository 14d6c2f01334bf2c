package io.unitrace.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warranty's rules, the claim lifecycle and the rate limit, without a server. */
class WarrantyRulesTest {

  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

  @Test
  void aShippedUnitIsCoveredFromItsShipDateToTheEndFixedAtShippingInclusive() {
    LocalDate shipped = LocalDate.of(2025, 6, 15);
    WarrantyTerms t = WarrantyTerms.of(shipped, LocalDate.of(2026, 6, 15), null, 36, TODAY);
    assertThat(t.status()).isEqualTo(WarrantyTerms.Status.ACTIVE);
    assertThat(t.months()).isEqualTo(12);
    assertThat(t.terms()).isEqualTo("12 months from the ship date");
    assertThat(
            WarrantyTerms.of(shipped, LocalDate.of(2026, 6, 15), null, 36, TODAY.plusDays(1))
                .status())
        .isEqualTo(WarrantyTerms.Status.EXPIRED);
  }

  @Test
  void withoutAnEndFixedAtShippingTheProductsMonthsCountFromTheShipDate() {
    WarrantyTerms t = WarrantyTerms.of(LocalDate.of(2026, 1, 31), null, null, 1, TODAY);
    assertThat(t.end()).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(t.terms()).isEqualTo("1 month from the ship date");
    assertThat(t.status()).isEqualTo(WarrantyTerms.Status.EXPIRED);
  }

  @Test
  void theShipDateWinsOverARegisteredPurchaseDate() {
    WarrantyTerms t =
        WarrantyTerms.of(LocalDate.of(2026, 1, 1), null, LocalDate.of(2025, 1, 1), 12, TODAY);
    assertThat(t.basis()).isEqualTo(WarrantyTerms.Basis.SHIP_DATE);
    assertThat(t.start()).isEqualTo(LocalDate.of(2026, 1, 1));
  }

  @Test
  void aUnitNeverShippedByUsIsCoveredFromItsRegisteredPurchaseDate() {
    WarrantyTerms t = WarrantyTerms.of(null, null, LocalDate.of(2024, 6, 1), 24, TODAY);
    assertThat(t.basis()).isEqualTo(WarrantyTerms.Basis.PURCHASE_DATE);
    assertThat(t.end()).isEqualTo(LocalDate.of(2026, 6, 1));
    assertThat(t.status()).isEqualTo(WarrantyTerms.Status.EXPIRED);
  }

  @Test
  void withoutTermsThereIsNoWarrantyAndWithoutAStartItIsUnknown() {
    assertThat(WarrantyTerms.of(LocalDate.of(2026, 1, 1), null, null, null, TODAY).status())
        .isEqualTo(WarrantyTerms.Status.NONE);
    assertThat(WarrantyTerms.of(null, null, LocalDate.of(2026, 1, 1), 0, TODAY).status())
        .isEqualTo(WarrantyTerms.Status.NONE);
    assertThat(WarrantyTerms.of(null, null, null, 12, TODAY).status())
        .isEqualTo(WarrantyTerms.Status.UNKNOWN);
  }

  @Test
  void aClaimIsRepairedOrReplacedBeforeItClosesAndRejectedOrClosedIsFinal() {
    assertThat(ClaimStatus.OPEN.mayBecome(ClaimStatus.REPLACED)).isTrue();
    assertThat(ClaimStatus.APPROVED.mayBecome(ClaimStatus.REPAIRED)).isTrue();
    assertThat(ClaimStatus.OPEN.mayBecome(ClaimStatus.CLOSED)).isFalse();
    assertThat(ClaimStatus.REPAIRED.mayBecome(ClaimStatus.CLOSED)).isTrue();
    assertThat(ClaimStatus.REJECTED.next()).isEmpty();
    assertThat(ClaimStatus.CLOSED.next()).isEmpty();
    assertThat(ClaimStatus.REPLACED.live()).isTrue();
    assertThat(ClaimStatus.REJECTED.live()).isFalse();
    assertThat(ClaimStatus.REPAIRED.inService()).isFalse();
  }

  @Test
  void registrationsOfOneUnitByTwoPartiesAreAllFlagged() {
    var first = registration("a@example.com", List.of());
    var second = registration("b@example.com", List.of("in-stock"));
    var flagged = WarrantyLookup.withPartyFlags(List.of(first, second));
    assertThat(flagged).allMatch(WarrantyCard.Registration::flagged);
    assertThat(flagged.get(1).flags()).containsExactly("in-stock", WarrantyLookup.ANOTHER_PARTY);
    var alone = WarrantyLookup.withPartyFlags(List.of(first));
    assertThat(alone.get(0).flagged()).isFalse();
  }

  @Test
  void theRateLimitGrantsTheBurstThenOneTokenPerIntervalPerKey() {
    AtomicLong now = new AtomicLong(0);
    RateLimit limit = new RateLimit(6, 3, 1000, now::get); // a token every 10 s
    for (int i = 0; i < 3; i++) {
      assertThat(limit.take("1.2.3.4")).isZero();
    }
    assertThat(limit.take("1.2.3.4")).isEqualTo(10);
    assertThat(limit.take("5.6.7.8")).as("another caller has its own bucket").isZero();
    now.addAndGet(4_000_000_000L);
    assertThat(limit.take("1.2.3.4")).isEqualTo(6);
    now.addAndGet(6_000_000_000L);
    assertThat(limit.take("1.2.3.4")).isZero();
    assertThat(limit.take("1.2.3.4")).isEqualTo(10);
  }

  @Test
  void quietCallersAreForgottenWhenTheBucketsOutgrowTheirBound() {
    AtomicLong now = new AtomicLong(0);
    RateLimit limit = new RateLimit(60, 1, 2, now::get);
    limit.take("a");
    limit.take("b");
    limit.take("c");
    now.addAndGet(60_000_000_000L);
    // the next call sweeps the full buckets; "a" starts afresh with its burst
    assertThat(limit.take("a")).isZero();
    assertThat(limit.take("a")).isEqualTo(1);
  }

  private static WarrantyCard.Registration registration(String email, List<String> flags) {
    return new WarrantyCard.Registration(
        "WR-1",
        LocalDate.of(2026, 1, 1),
        "N",
        email,
        "API",
        Instant.EPOCH,
        !flags.isEmpty(),
        flags);
  }
}
