package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dictionary's rules across elements: {@code req=}, {@code ex=} and repeated AIs. */
class AssociationRulesTest {

  private static Gs1SyntaxException failure(String scan) {
    try {
      Gs1.parse(scan);
    } catch (Gs1SyntaxException e) {
      return e;
    }
    throw new AssertionError("expected " + scan + " to be rejected");
  }

  @Test
  void lotWithoutTradeItemIsRejected() {
    Gs1SyntaxException e = failure("(10)ABC123");

    assertThat(e.code()).isEqualTo("missing-required-ai");
    assertThat(e.ai()).isEqualTo("10");
    assertThat(e.position()).isEqualTo(1);
    assertThat(e.getMessage()).contains("(01)", "(8026)");
  }

  @Test
  void serialNeedsTheGtinItSerialises() {
    assertThat(failure("(21)XYZ(10)ABC").code()).isEqualTo("missing-required-ai");
    assertThat(Gs1.parse("(01)09506000134352(21)XYZ").serial()).contains("XYZ");
  }

  @Test
  void requirementGroupsNeedAllTheirMembers() {
    // (250) secondary serial: req=01+21,03+21,8006+21
    assertThat(failure("(01)09506000134352(250)S1").code()).isEqualTo("missing-required-ai");
    assertThat(Gs1.parse("(01)09506000134352(21)X(250)S1").value("250")).contains("S1");
  }

  @Test
  void requirementPatternsMatchAiFamilies() {
    // (3925) price, req=01+30,01+31nn,...: a net weight (3103) satisfies 01+31nn
    assertThat(Gs1.parse("(01)09506000134352(3103)000500(3925)1299").decimal("3925")).isPresent();
    assertThat(failure("(01)09506000134352(3925)1299").ai()).isEqualTo("3925");
  }

  @Test
  void contentGtinExcludesTradeItemGtin() {
    Gs1SyntaxException e = failure("(01)09506000134352(02)09506000134352");

    assertThat(e.code()).isEqualTo("excluded-ai");
    assertThat(e.ai()).isEqualTo("02");
    assertThat(e.position()).isEqualTo(19);
  }

  @Test
  void tradeItemGtinExcludesALogisticUnitCount() {
    Gs1SyntaxException e = failure("(00)106141411234567897(01)09506000134352(37)5");

    assertThat(e.code()).isEqualTo("excluded-ai");
    assertThat(e.ai()).isEqualTo("37");
    assertThat(e.getMessage()).contains("(01)");
  }

  @Test
  void netWeightIsGivenInOneUnitOnly() {
    Gs1SyntaxException e = failure("(01)09506000134352(3103)000500(3102)000600");

    assertThat(e.code()).isEqualTo("excluded-ai");
    assertThat(e.ai()).isEqualTo("3102");
  }

  @Test
  void anAiDoesNotExcludeItself() {
    assertThat(Gs1.parse("(01)09506000134352(3103)000500(3103)000500").elements()).hasSize(2);
  }

  @Test
  void identicalRepetitionIsMergedIntoOneElement() {
    Gs1Data data = Gs1.parse("(01)09506000134352(10)ABC(01)09506000134352");

    assertThat(data.elements()).extracting(Element::ai).containsExactly("01", "10");
  }

  @Test
  void sameAiWithDifferentValuesIsRejected() {
    Gs1SyntaxException e = failure("(01)09506000134352(10)ABC(10)ABD");

    assertThat(e.code()).isEqualTo("repeated-ai");
    assertThat(e.ai()).isEqualTo("10");
    assertThat(e.position()).isEqualTo(26);
  }

  @Test
  void logisticUnitCountNeedsSsccAndContent() {
    Gs1Data pallet = Gs1.parse("(00)106141411234567897(02)09506000134352(37)48");

    assertThat(pallet.count()).hasValue(48);
    assertThat(failure("(00)106141411234567897(37)48").code()).isEqualTo("missing-required-ai");
  }
}
