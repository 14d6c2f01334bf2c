package io.unitrace.gs1;

/**
 * The character sets a dictionary component can demand: {@code N} digits, {@code X} GS1 AI
 * encodable character set 82, {@code Y} character set 39, {@code Z} base64url (RFC 4648 §5, with
 * optional trailing {@code =} padding). Membership is one array lookup per character because it
 * runs for every character of every scan.
 */
enum CharacterSet {
  NUMERIC('N', "digits", "0123456789"),
  CSET82(
      'X',
      "GS1 character set 82",
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"),
  CSET39('Y', "GS1 character set 39", "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
  BASE64URL('Z', "base64url", "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

  final char letter;
  final String description;
  private final boolean[] allowed = new boolean[128];

  CharacterSet(char letter, String description, String members) {
    this.letter = letter;
    this.description = description;
    for (int i = 0; i < members.length(); i++) {
      allowed[members.charAt(i)] = true;
    }
  }

  static CharacterSet forLetter(char letter) {
    for (CharacterSet set : values()) {
      if (set.letter == letter) {
        return set;
      }
    }
    throw new IllegalArgumentException("unknown character set '" + letter + "'");
  }

  /** Index of the first character in {@code [from, to)} outside this set, or -1. */
  int firstInvalid(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 128 || !allowed[c]) {
        if (this == BASE64URL && c == '=' && isPadding(s, i, to)) {
          return -1;
        }
        return i;
      }
    }
    return -1;
  }

  // base64url may end in at most two '=' and nothing may follow them.
  private static boolean isPadding(String s, int i, int to) {
    if (to - i > 2) {
      return false;
    }
    for (int j = i; j < to; j++) {
      if (s.charAt(j) != '=') {
        return false;
      }
    }
    return true;
  }
}
