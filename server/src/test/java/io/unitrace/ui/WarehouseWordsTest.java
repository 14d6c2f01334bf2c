package io.unitrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.shared.Problem;
import org.junit.jupiter.api.Test;

class WarehouseWordsTest {

  private final WarehouseWords words = WarehouseWords.WORDS;

  @Test
  void dispositionsReadAsTheFloorSaysThemWithTheCbvTermKept() {
    assertThat(words.disposition("non_sellable_other"))
        .isEqualTo(new WarehouseWords.Said("not for sale", "CBV disposition non_sellable_other"));
    assertThat(words.disposition("in_transit").plain()).isEqualTo("on the way");
    assertThat(words.disposition("active").plain()).isEqualTo("in stock");
    // The URN and the web URI forms name the same disposition.
    assertThat(words.disposition("urn:epcglobal:cbv:disp:in_transit").plain())
        .isEqualTo("on the way");
    assertThat(words.disposition("https://ref.gs1.org/cbv/Disp-non_sellable_other"))
        .isEqualTo(new WarehouseWords.Said("not for sale", "CBV disposition non_sellable_other"));
  }

  @Test
  void businessStepsSayWhatWasDoneAndAnUnknownTermKeepsItsWords() {
    assertThat(words.step("storing"))
        .isEqualTo(new WarehouseWords.Said("storage", "CBV business step storing"));
    assertThat(words.step("staging_outbound").plain()).isEqualTo("staging for dispatch");
    assertThat(words.step("sensor_reporting"))
        .isEqualTo(
            new WarehouseWords.Said("sensor reporting", "CBV business step sensor_reporting"));
  }

  @Test
  void aDespatchAdviceIsNamedAsTheDocumentItIs() {
    assertThat(words.transaction("DESADV ASN-7"))
        .isEqualTo(new WarehouseWords.Said("Dispatch advice ASN-7", "DESADV"));
    assertThat(words.transaction("PO 4711").plain()).isEqualTo("Purchase order 4711");
    assertThat(words.transaction("XYZ 1").translated()).isFalse();
  }

  @Test
  void aGs1ParserErrorBecomesAnUnreadableBarcodeWithTheParserSentenceKept() {
    Problem p =
        Problem.badRequest(
            "gs1-unknown-ai",
            "scan",
            "the scan is not valid GS1 data: expected an AI at position 0 but found 'S'");

    WarehouseWords.Said said = WarehouseWords.refusal(p);

    assertThat(said.plain())
        .startsWith("This barcode could not be read: it is not a GS1 barcode")
        .doesNotContain("AI", "position");
    assertThat(said.standard()).isEqualTo(p.getMessage());
  }

  @Test
  void refusalsAlreadyInPlainWordsPassUnchanged() {
    Problem p = Problem.conflict("held", "scan", "the unit is on hold (QC)");

    assertThat(WarehouseWords.refusal(p))
        .isEqualTo(new WarehouseWords.Said("the unit is on hold (QC)", null));
  }
}
