package io.unitrace.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The canonical text and links of the per-unit hash chains: unambiguous, stable, sensitive to every
 * part.
 */
class HashChainTest {

  static final String EVENT =
      HashChain.canonical("v1", 7L, "key-1", "MOVED", 1_700_000_000_000L, "+02:00", "user:admin");
  static final String ENTRY =
      HashChain.canonical("04012345678901", "SN-1", 2, "STORED", 42L, null, 0, "{\"c\":\"move\"}");

  @Test
  void separatorInsideAPartCannotBeConfusedWithABoundary() {
    assertThat(HashChain.canonical("a|b", "c")).isNotEqualTo(HashChain.canonical("a", "b|c"));
  }

  @Test
  void escapeCharacterInsideAPartCannotForgeASeparator() {
    assertThat(HashChain.canonical("a\\", "b")).isNotEqualTo(HashChain.canonical("a\\|b"));
    assertThat(HashChain.canonical("a\\|", "b")).isNotEqualTo(HashChain.canonical("a\\", "|b"));
  }

  @Test
  void missingValueDiffersFromTheTextThatWritesIt() {
    assertThat(HashChain.canonical((Object) null)).isNotEqualTo(HashChain.canonical("\\0"));
    assertThat(HashChain.canonical("x", null)).isNotEqualTo(HashChain.canonical("x", "\\0"));
  }

  @Test
  void missingValueDiffersFromEmptyTextAndFromTheWordNull() {
    assertThat(HashChain.canonical((Object) null)).isNotEqualTo(HashChain.canonical(""));
    assertThat(HashChain.canonical((Object) null)).isNotEqualTo(HashChain.canonical("null"));
  }

  @Test
  void numberOfPartsCounts() {
    assertThat(HashChain.canonical("a", "")).isNotEqualTo(HashChain.canonical("a"));
    assertThat(HashChain.canonical("", "")).isNotEqualTo(HashChain.canonical(""));
  }

  @Test
  void canonicalTextIsStableAndReadable() {
    assertThat(HashChain.canonical("v1", 7L, null, "a|b", "c\\d"))
        .isEqualTo("v1|7|\\0|a\\|b|c\\\\d");
  }

  @Test
  void distinctPartListsNeverShareACanonicalText() {
    List<List<String>> lists =
        List.of(
            List.of("a", "b"),
            List.of("a|b"),
            List.of("a\\", "b"),
            List.of("a\\|b"),
            List.of("a", "|b"),
            List.of("a|", "b"),
            List.of("a\\\\", "b"),
            List.of("a", "b", ""),
            List.of("", "a", "b"),
            List.of("\\0"),
            List.of("\\"),
            List.of("|"),
            List.of("", ""),
            List.of(""));
    Set<String> texts = new HashSet<>();
    for (List<String> parts : lists) {
      texts.add(HashChain.canonical(parts.toArray()));
    }
    assertThat(texts).hasSameSizeAs(lists);
  }

  @Test
  void linkIsTheSha256OfPreviousHashEventAndEntry() throws Exception {
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(
                        (HashChain.GENESIS + "\n" + EVENT + "\n" + ENTRY)
                            .getBytes(StandardCharsets.UTF_8)));

    assertThat(HashChain.link(HashChain.GENESIS, EVENT, ENTRY))
        .isEqualTo(expected)
        .hasSize(64)
        .matches("[0-9a-f]{64}");
  }

  @Test
  void linkIsDeterministic() {
    assertThat(HashChain.link(HashChain.GENESIS, EVENT, ENTRY))
        .isEqualTo(HashChain.link(HashChain.GENESIS, EVENT, ENTRY));
  }

  @Test
  void changingThePreviousHashChangesTheLink() {
    String other = "1" + HashChain.GENESIS.substring(1);

    assertThat(HashChain.link(other, EVENT, ENTRY))
        .isNotEqualTo(HashChain.link(HashChain.GENESIS, EVENT, ENTRY));
  }

  @Test
  void changingAnyPartOfTheEventChangesTheLink() {
    Object[] event = {"v1", 7L, "key-1", "MOVED", 1_700_000_000_000L, "+02:00", "user:admin", null};
    String original = HashChain.link(HashChain.GENESIS, HashChain.canonical(event), ENTRY);
    for (int i = 0; i < event.length; i++) {
      Object[] altered = event.clone();
      altered[i] = altered[i] == null ? "" : altered[i] + "x";
      assertThat(HashChain.link(HashChain.GENESIS, HashChain.canonical(altered), ENTRY))
          .as("event part %d altered", i)
          .isNotEqualTo(original);
    }
  }

  @Test
  void changingAnyPartOfTheEntryChangesTheLink() {
    Object[] entry = {"04012345678901", "SN-1", 2, "STORED", 42L, null, 0, "{\"c\":\"move\"}"};
    String original = HashChain.link(HashChain.GENESIS, EVENT, HashChain.canonical(entry));
    for (int i = 0; i < entry.length; i++) {
      Object[] altered = entry.clone();
      altered[i] = altered[i] == null ? 0L : altered[i] + "1";
      assertThat(HashChain.link(HashChain.GENESIS, EVENT, HashChain.canonical(altered)))
          .as("entry part %d altered", i)
          .isNotEqualTo(original);
    }
  }

  @Test
  void movingTextFromTheEventIntoTheEntryChangesTheLink() {
    assertThat(HashChain.link(HashChain.GENESIS, "ab", "c"))
        .isNotEqualTo(HashChain.link(HashChain.GENESIS, "a", "bc"));
  }

  @Test
  void genesisIsSixtyFourZeros() {
    assertThat(HashChain.GENESIS).hasSize(64).matches("0+");
  }
}
