package io.unitrace.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a module that keeps its own documents (a recall draft, a count) remembers the Idempotency-Key
 * that created one: as the hex SHA-256 of the key, a fixed-width column whatever the client sent.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /** The hex SHA-256 of an Idempotency-Key (null without one); a key is 1 to 200 characters. */
  public static String digest(String idempotencyKey) {
    if (idempotencyKey == null) {
      return null;
    }
    if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw Problem.badRequest(
          "invalid-header", "Idempotency-Key", "an Idempotency-Key has 1 to 200 characters");
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(idempotencyKey.strip().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
