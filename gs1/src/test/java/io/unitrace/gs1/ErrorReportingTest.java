package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every error names its rule, AI, component and position in the original input. */
class ErrorReportingTest {

  private static Gs1SyntaxException failure(String scan) {
    try {
      Gs1.parse(scan);
    } catch (Gs1SyntaxException e) {
      return e;
    }
    throw new AssertionError("expected " + scan + " to be rejected");
  }

  @Test
  void namesTheComponentOfAMultiComponentAi() {
    // (391n) amount payable with ISO currency: N3,iso4217 then N..15
    Gs1SyntaxException e = failure("(8020)X(415)9506000000008(3912)978");

    assertThat(e.code()).isEqualTo("length");
    assertThat(e.ai()).isEqualTo("3912");
    assertThat(e.component()).isEqualTo(2);
    assertThat(e.position()).isEqualTo(34);
  }

  @Test
  void namesTheFirstComponentForCurrency() {
    Gs1SyntaxException e = failure("(8020)X(415)9506000000008(3912)000123");

    assertThat(e.component()).isEqualTo(1);
    assertThat(e.code()).isEqualTo("currency");
  }

  @Test
  void positionsInRawScansCountTheAimPrefix() {
    Gs1SyntaxException e = failure("]d20109506000134352" + "17201399");

    assertThat(e.code()).isEqualTo("date");
    assertThat(e.position()).isEqualTo(23);
  }

  @Test
  void positionsSkipBracketEscapes() {
    Gs1SyntaxException e = failure("(01)09506000134352(10)\\(\\(A B");

    assertThat(e.code()).isEqualTo("charset");
    assertThat(e.position()).isEqualTo(27);
  }

  @Test
  void unknownAiIsReportedWhereItStarts() {
    Gs1SyntaxException raw = failure("0109506000134352" + "2312");
    Gs1SyntaxException bracketed = failure("(01)09506000134352(23)12");

    assertThat(raw.code()).isEqualTo("unknown-ai");
    assertThat(raw.position()).isEqualTo(16);
    assertThat(bracketed.code()).isEqualTo("unknown-ai");
    assertThat(bracketed.ai()).isEqualTo("23");
    assertThat(bracketed.position()).isEqualTo(19);
  }

  @Test
  void nonDigitsWhereAnAiShouldStartAreUnknownAi() {
    Gs1SyntaxException e = failure("0109506000134352" + "XYZ");

    assertThat(e.code()).isEqualTo("unknown-ai");
    assertThat(e.ai()).isNull();
    assertThat(e.position()).isEqualTo(16);
  }

  @Test
  void malformedBracketsAreBracketSyntax() {
    assertThat(failure("(01)09506000134352)(10").code()).isEqualTo("length");
    assertThat(failure("(0109506000134352").code()).isEqualTo("bracket-syntax");
    assertThat(failure("(01)09506000134352(10").position()).isEqualTo(18);
  }

  @Test
  void messagesNameTheAi() {
    assertThat(failure("(01)09506000134353").getMessage())
        .isEqualTo("(01) check digit is 3 but should be 2");
  }

  @Test
  void groupSeparatorInsideAFixedLengthValueIsACharsetError() {
    Gs1SyntaxException e = failure("0109506000\u001d134352");

    assertThat(e.code()).isEqualTo("charset");
    assertThat(e.position()).isEqualTo(10);
    assertThat(e.getMessage()).contains("U+001D");
  }
}
