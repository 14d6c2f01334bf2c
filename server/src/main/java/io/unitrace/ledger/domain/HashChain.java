package io.unitrace.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tamper evidence. Each entry's hash is SHA-256 over the unit's previous hash, the canonical text
 * of the event and the canonical text of the entry; so changing, removing or reordering any
 * recorded fact breaks every later link of that unit. Canonical text: fields in a fixed order,
 * separated by '|', with '\' and '|' escaped and null written as '\0' — unambiguous and stable.
 */
public final class HashChain {

  /** The "previous hash" of a unit's first entry. */
  public static final String GENESIS = "0".repeat(64);

  private HashChain() {}

  public static String canonical(Object... parts) {
    StringBuilder sb = new StringBuilder(256);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append('|');
      }
      Object p = parts[i];
      if (p == null) {
        sb.append("\\0");
        continue;
      }
      String s = p.toString();
      for (int j = 0; j < s.length(); j++) {
        char c = s.charAt(j);
        if (c == '\\' || c == '|') {
          sb.append('\\');
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  public static String link(String previousHash, String eventCanonical, String entryCanonical) {
    MessageDigest sha = sha256();
    sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) '\n');
    sha.update(eventCanonical.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    sha.update(entryCanonical.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest());
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
