package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerKeyTest {

  @Test
  void aKeyThatFitsTheLedgerIsKeptAsItIs() {
    String key = "receipt:7:" + "k".repeat(80);
    assertThat(Booking.ledgerKey(key)).isEqualTo(key);
  }

  @Test
  void aLongerDerivedKeyIsShortenedTheSameWayEveryTime() {
    String suspect = "receipt:7:" + "k".repeat(80) + ":suspect:09506000134352:SN-1";
    String other = "receipt:7:" + "k".repeat(80) + ":suspect:09506000134352:SN-2";
    assertThat(Booking.ledgerKey(suspect)).hasSize(100).isEqualTo(Booking.ledgerKey(suspect));
    assertThat(Booking.ledgerKey(suspect)).isNotEqualTo(Booking.ledgerKey(other));
  }
}
