package io.unitrace.channels;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, sent as the header {@code Unitrace-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}.
 *
 * <p>The timestamp is inside the signed text, so a receiver that refuses old timestamps (five
 * minutes is usual) cannot be replayed a captured request later; the body is signed byte for byte
 * as sent (UTF-8), so a receiver must verify the raw body before parsing it. {@link #verify} is
 * what a receiver does, in plain Java with nothing but the JDK: copy it.
 */
final class WebhookSignature {

  static final String HEADER = "Unitrace-Signature";

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code unixSeconds}. */
  static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmacSha256Hex(secret, unixSeconds + "." + body);
  }

  /**
   * True when {@code header} carries a v1 signature of {@code body} by {@code secret} made at most
   * {@code toleranceSeconds} away from {@code nowUnixSeconds}. Compares in constant time.
   */
  static boolean verify(
      String secret, String header, String body, long nowUnixSeconds, long toleranceSeconds) {
    if (header == null) {
      return false;
    }
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        return false;
      }
      String key = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      if (key.equals("t")) {
        try {
          t = Long.parseLong(value);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (key.equals("v1")) {
        v1 = value;
      }
    }
    if (t == null || v1 == null || Math.abs(nowUnixSeconds - t) > toleranceSeconds) {
      return false;
    }
    String expected = hmacSha256Hex(secret, t + "." + body);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII));
  }

  static String hmacSha256Hex(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
