package io.unitrace.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The webhook signature: what Unitrace sends, and what a receiver checks. */
class WebhookSignatureTest {

  static final String SECRET = "whsec_0123456789abcdef";
  static final String BODY = "{\"tenant\":\"acme\",\"seq\":7,\"type\":\"availability.changed\"}";
  static final long NOW = 1_765_000_000L;

  @Test
  void theMacIsHmacSha256InLowerCaseHex() {
    // RFC 4231-style public vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy
    // dog").
    assertThat(WebhookSignature.hmacSha256Hex("key", "The quick brown fox jumps over the lazy dog"))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void theHeaderSignsTheTimestampADotAndTheBody() {
    String header = WebhookSignature.header(SECRET, NOW, BODY);
    assertThat(header)
        .isEqualTo("t=" + NOW + ",v1=" + WebhookSignature.hmacSha256Hex(SECRET, NOW + "." + BODY));
    assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
  }

  @Test
  void aReceiverAcceptsAGenuineSignatureWithinTheTolerance() {
    String header = WebhookSignature.header(SECRET, NOW, BODY);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, 300)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW + 300, 300)).isTrue();
  }

  @Test
  void aReceiverRejectsABodyChangedOnTheWay() {
    String header = WebhookSignature.header(SECRET, NOW, BODY);
    assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("7", "8"), NOW, 300)).isFalse();
  }

  @Test
  void aReceiverRejectsASignatureMadeWithAnotherSecret() {
    String header = WebhookSignature.header("whsec_someone-else", NOW, BODY);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, 300)).isFalse();
  }

  @Test
  void aReceiverRejectsAnOldRequestReplayedLater() {
    String header = WebhookSignature.header(SECRET, NOW, BODY);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW + 301, 300)).isFalse();
  }

  @Test
  void aReceiverRejectsATimestampChangedToLookFresh() {
    String header =
        WebhookSignature.header(SECRET, NOW, BODY).replace("t=" + NOW, "t=" + (NOW + 600));
    assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW + 600, 300)).isFalse();
  }

  @Test
  void aReceiverRejectsAMissingOrMalformedHeader() {
    assertThat(WebhookSignature.verify(SECRET, null, BODY, NOW, 300)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "", BODY, NOW, 300)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "v1=abc", BODY, NOW, 300)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "t=soon,v1=abc", BODY, NOW, 300)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "t=" + NOW, BODY, NOW, 300)).isFalse();
  }
}
