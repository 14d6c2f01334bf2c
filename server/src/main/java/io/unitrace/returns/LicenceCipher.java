package io.unitrace.returns;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Licence keys at rest. One 32-byte master key (configuration or a key file, see {@link
 * LicenceKeyring}) gives three keys by HMAC-SHA-256 over a label, so none of them is ever used for
 * two jobs:
 *
 * <ul>
 *   <li>the AES-256-GCM key that seals each licence key: a fresh 12-byte nonce per seal, and the
 *       row's context (tenant, product, fingerprint) as additional data, so a ciphertext copied
 *       onto another client's or product's row does not open;
 *   <li>the HMAC-SHA-256 key of the fingerprint that refuses a key imported twice (a plain SHA-256
 *       of a short key could be checked against guesses by anyone reading the table);
 *   <li>the reference of the master key ({@link #ref()}), stored with every row, so that a server
 *       started with another master key says so instead of failing to open keys one by one.
 * </ul>
 *
 * Plain JDK ({@code javax.crypto}), no Spring, so the round trip and the tamper check are tested
 * without a server.
 */
final class LicenceCipher {

  /** Bytes of the master key: AES-256. */
  static final int KEY_BYTES = 32;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /**
   * A sealed key that does not open: altered, moved to another row, or under another master key.
   */
  static final class Tampered extends RuntimeException {
    Tampered(String message) {
      super(message);
    }
  }

  private final SecretKeySpec sealing;
  private final SecretKeySpec fingerprinting;
  private final String ref;
  private final SecureRandom random = new SecureRandom();

  LicenceCipher(byte[] master) {
    if (master == null || master.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "the licence master key is " + KEY_BYTES + " bytes (base64 of 32 random bytes)");
    }
    this.sealing = new SecretKeySpec(derive(master, "unitrace licence sealing"), "AES");
    this.fingerprinting =
        new SecretKeySpec(derive(master, "unitrace licence fingerprint"), "HmacSHA256");
    this.ref = HexFormat.of().formatHex(derive(master, "unitrace licence key ref"), 0, 8);
  }

  /** A master key from its base64 text (the form of the setting and of the key file). */
  static LicenceCipher fromBase64(String text) {
    byte[] master;
    try {
      master = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the licence master key is not base64", e);
    }
    return new LicenceCipher(master);
  }

  /** A new random master key, base64. */
  static String newMasterKey() {
    byte[] b = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** Names the master key (16 hex digits) without revealing anything of it. */
  String ref() {
    return ref;
  }

  /** The key sealed: base64 of nonce, ciphertext and tag. {@code context} must open it again. */
  String seal(String clear, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The clear key, or {@link Tampered} when the text or its context was changed. */
  String open(String sealedText, String context) {
    byte[] all;
    try {
      all = Base64.getDecoder().decode(sealedText);
    } catch (IllegalArgumentException e) {
      throw new Tampered("the sealed licence key is not base64");
    }
    if (all.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new Tampered("the sealed licence key is too short");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          sealing,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(all, 0, NONCE_BYTES)));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] clear = c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(clear, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new Tampered("the sealed licence key does not open: altered, or moved to another row");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** HMAC-SHA-256 of the key, hex: equal keys have equal fingerprints under one master key. */
  String fingerprint(String clear) {
    return HexFormat.of().formatHex(hmac(fingerprinting, clear.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] derive(byte[] master, String label) {
    return hmac(new SecretKeySpec(master, "HmacSHA256"), label.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }
}
