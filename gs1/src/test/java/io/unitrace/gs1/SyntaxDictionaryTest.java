package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped dictionary loads into the tables the parser relies on, and a newer one can replace
 * it.
 */
class SyntaxDictionaryTest {

  private final SyntaxDictionary dictionary = SyntaxDictionary.get();

  @Test
  void everyLinterTheShippedDictionaryNamesIsImplemented() {
    String text = CodeList.readResource(SyntaxDictionary.RESOURCE);
    Set<String> named = new TreeSet<>();
    Matcher m = Pattern.compile("^\\s*\\d[^#]*", Pattern.MULTILINE).matcher(text);
    while (m.find()) {
      Matcher linter = Pattern.compile(",([a-z][a-z0-9]*)").matcher(m.group());
      while (linter.find()) {
        named.add(linter.group(1));
      }
    }

    assertThat(named).contains("csum", "yymmd0", "iso3166", "couponcode").hasSizeGreaterThan(30);
    assertThat(Linters.names()).containsAll(named);
  }

  @Test
  void expandsAiRangesIntoOneEntryPerAi() {
    assertThat(dictionary.exact("3100")).isNotNull();
    assertThat(dictionary.exact("3105").title).isEqualTo("NET WEIGHT (kg)");
    assertThat(dictionary.exact("3106")).isNull();
    assertThat(dictionary.exact("91").title).isEqualTo("INTERNAL");
    assertThat(dictionary.exact("99")).isNotNull();
  }

  @Test
  void readsFlagsComponentsAndAttributes() {
    AiDefinition gtin = dictionary.exact("01");
    AiDefinition serial = dictionary.exact("21");

    assertThat(gtin.predefinedLength).isTrue();
    assertThat(gtin.fixedLength).isEqualTo(14);
    assertThat(gtin.dlPrimaryKey).isTrue();
    assertThat(gtin.dlQualifierSequences)
        .isDeepEqualTo(new String[][] {{"22", "10", "21"}, {"235"}});
    assertThat(serial.predefinedLength).isFalse();
    assertThat(serial.dlAttribute).isFalse();
    assertThat(serial.maxLength).isEqualTo(20);
    assertThat(dictionary.exact("423").components).hasSize(5);
    assertThat(dictionary.exact("423").components[1].optional).isTrue();
  }

  @Test
  void findsAisByPrefixInRawData() {
    assertThat(dictionary.find("0109506000134352", 0).ai).isEqualTo("01");
    assertThat(dictionary.find("xx3103000500", 2).ai).isEqualTo("3103");
    assertThat(dictionary.find("23", 0)).isNull();
  }

  @Test
  void aNewerDictionaryIsJustText() {
    SyntaxDictionary newer =
        SyntaxDictionary.parse(
            """
        # a future release
        01  *?  N14,csum,gcppos2   dlpkey=22,10,21        # GTIN
        7260 ?  X..20,pcenc        req=01 newattr=whatever # SOMETHING NEW
        """);

    assertThat(newer.exact("7260").title).isEqualTo("SOMETHING NEW");
    assertThat(newer.exact("7260").validate("A%2"))
        .extracting(Fault::code)
        .isEqualTo("percent-encoding");
    assertThat(newer.exact("10")).isNull();
  }

  @Test
  void refusesADictionaryThatNamesAnUnknownLinter() {
    assertThatThrownBy(() -> SyntaxDictionary.parse("01 *? N14,csum,frobnicate # GTIN"))
        .hasMessageContaining("frobnicate")
        .hasMessageContaining("line 1");
  }

  @Test
  void refusesADictionaryWhereOneAiIsAPrefixOfAnother() {
    assertThatThrownBy(() -> SyntaxDictionary.parse("01 N2 # A\n012 N2 # B"))
        .hasMessageContaining("prefix");
  }
}
