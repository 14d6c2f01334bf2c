package io.unitrace.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a CSV of licence keys is read, and which keys are refused, without a server. */
class LicenceLinesTest {

  @Test
  void linesAreNumberedAsTheFileHasThemWithAHeaderQuotesAndBlankLines() {
    List<Licences.Line> lines = LicencesApi.lines("key\r\nAAAA-1111\n\n\"BB\"\"BB-2222\"\n");
    assertThat(lines)
        .containsExactly(
            new Licences.Line("line 2", "AAAA-1111"),
            new Licences.Line("line 3", ""),
            new Licences.Line("line 4", "BB\"BB-2222"));
  }

  @Test
  void aFileWithoutHeaderStartsAtLineOne() {
    assertThat(LicencesApi.lines("ZZZZ-9999"))
        .containsExactly(new Licences.Line("line 1", "ZZZZ-9999"));
    assertThat(LicencesApi.lines("")).isEmpty();
    assertThat(LicencesApi.lines(null)).isEmpty();
  }

  @Test
  void aLicenceKeyIsOneLineOfEightToTwoHundredPrintableCharacters() {
    assertThat(Licences.malformed("ABCD-1234")).isNull();
    assertThat(Licences.malformed("short")).contains("8 to 200");
    assertThat(Licences.malformed("A".repeat(201))).contains("8 to 200");
    assertThat(Licences.malformed("ABCD\u00071234")).contains("control");
  }
}
