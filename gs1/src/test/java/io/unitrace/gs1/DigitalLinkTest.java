package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GS1 Digital Link URIs, read and written. */
class DigitalLinkTest {

  private static Gs1SyntaxException failure(String scan) {
    try {
      Gs1.parse(scan);
    } catch (Gs1SyntaxException e) {
      return e;
    }
    throw new AssertionError("expected " + scan + " to be rejected");
  }

  @Test
  void acceptsAnyHostAndAPathPrefixBeforeThePrimaryKey() {
    Gs1Data data = Gs1.parse("https://brand.example.com/products/dl/01/09506000134352/10/ABC123");

    assertThat(data.gtin()).contains(new Gtin("09506000134352"));
    assertThat(data.lot()).contains("ABC123");
  }

  @Test
  void acceptsHttpAndUppercaseSchemes() {
    assertThat(Gs1.parse("HTTP://id.gs1.org/01/09506000134352").gtin()).isPresent();
  }

  @Test
  void readsTheFullQualifierPath() {
    Gs1Data data = Gs1.parse("https://id.gs1.org/01/09506000134352/22/2A/10/ABC123/21/XYZ");

    assertThat(data.elements()).extracting(Element::ai).containsExactly("01", "22", "10", "21");
  }

  @Test
  void readsQueryAttributes() {
    Gs1Data data =
        Gs1.parse("https://id.gs1.org/01/09506000134352?17=201225&3103=000500&linkType=gs1:pip");

    assertThat(data.expiry()).contains(LocalDate.of(2020, 12, 25));
    assertThat(data.decimal("3103"))
        .hasValueSatisfying(kg -> assertThat(kg).isEqualByComparingTo("0.5"));
    assertThat(data.elements()).hasSize(3);
  }

  @Test
  void ignoresTheFragment() {
    assertThat(Gs1.parse("https://id.gs1.org/01/09506000134352?17=201225#top").expiry())
        .isPresent();
  }

  @Test
  void decodesPercentEncodedValues() {
    Gs1Data data = Gs1.parse("https://id.gs1.org/01/09506000134352/10/AB%2F1%25");

    assertThat(data.lot()).contains("AB/1%");
    assertThat(data.toDigitalLink()).isEqualTo("https://id.gs1.org/01/09506000134352/10/AB%2F1%25");
  }

  @Test
  void padsShortGtinsInThePathTo14DigitsOnlyWhenAllowed() {
    Gs1Options legacy = Gs1Options.builder().allowZeroSuppressedGtin(true).build();

    assertThat(Gs1.parse("https://id.gs1.org/01/9506000134352", legacy).gtin())
        .contains(new Gtin("09506000134352"));
    assertThat(failure("https://id.gs1.org/01/9506000134352").code()).isEqualTo("length");
  }

  @Test
  void readsSsccAndLocationKeys() {
    assertThat(Gs1.parse("https://id.gs1.org/00/106141411234567897").sscc())
        .contains(new Sscc("106141411234567897"));
    assertThat(Gs1.parse("https://id.gs1.org/414/9506000000008/254/DOCK-3").value("254"))
        .contains("DOCK-3");
  }

  @Test
  void rejectsUriWithoutPrimaryKey() {
    Gs1SyntaxException e = failure("https://example.com/products/42");

    assertThat(e.code()).isEqualTo("dl-no-primary-key");
    assertThat(e.position()).isEqualTo(19);
  }

  @Test
  void rejectsQualifiersOutOfOrder() {
    Gs1SyntaxException e = failure("https://id.gs1.org/01/09506000134352/21/XYZ/10/ABC123");

    assertThat(e.code()).isEqualTo("dl-qualifier-order");
    assertThat(e.ai()).isEqualTo("10");
    assertThat(e.position()).isEqualTo(44);
  }

  @Test
  void rejectsMixedQualifierAlternatives() {
    // dlpkey=22,10,21|235: the third-party controlled serial cannot follow a lot
    assertThat(failure("https://id.gs1.org/01/09506000134352/10/ABC/235/TPX1").code())
        .isEqualTo("dl-qualifier-order");
  }

  @Test
  void rejectsPathAisThatAreNoQualifiersOfTheKey() {
    Gs1SyntaxException e = failure("https://id.gs1.org/00/106141411234567897/10/ABC");

    assertThat(e.code()).isEqualTo("dl-qualifier-not-allowed");
    assertThat(e.ai()).isEqualTo("10");
  }

  @Test
  void rejectsQueryAttributesWithoutTheDataAttributeFlag() {
    Gs1SyntaxException e = failure("https://id.gs1.org/01/09506000134352?21=XYZ");

    assertThat(e.code()).isEqualTo("dl-not-attribute");
    assertThat(e.ai()).isEqualTo("21");
    assertThat(e.position()).isEqualTo(37);
  }

  @Test
  void rejectsConvenienceAlphas() {
    Gs1SyntaxException inQuery = failure("https://id.gs1.org/01/09506000134352?lot=ABC");
    Gs1SyntaxException inPath = failure("https://id.gs1.org/gtin/09506000134352");

    assertThat(inQuery.code()).isEqualTo("dl-convenience-alpha");
    assertThat(inQuery.ai()).isEqualTo("10");
    assertThat(inPath.code()).isEqualTo("dl-convenience-alpha");
    assertThat(inPath.ai()).isEqualTo("01");
  }

  @Test
  void rejectsBrokenPercentEncoding() {
    Gs1SyntaxException e = failure("https://id.gs1.org/01/09506000134352/10/AB%G1");

    assertThat(e.code()).isEqualTo("dl-percent-encoding");
    assertThat(e.position()).isEqualTo(42);
  }

  @Test
  void readsTheRightmostPrimaryKeyAndLeavesWhatPrecedesItToTheResolver() {
    // GS1 Digital Link URI Syntax: the path is read from the right up to the first primary key;
    // everything before it is the resolver's path prefix, whatever it looks like.
    Gs1Data data = Gs1.parse("https://id.gs1.org/00/106141411234567897/01/09506000134352");

    assertThat(data.elements()).containsExactly(new Element("01", "09506000134352"));
  }

  @Test
  void validatesValuesInTheUri() {
    Gs1SyntaxException e = failure("https://id.gs1.org/01/09506000134352?17=201340");

    assertThat(e.code()).isEqualTo("date");
    assertThat(e.position()).isEqualTo(42);
  }

  @Test
  void reportsPositionsInTheEncodedUri() {
    Gs1SyntaxException e = failure("https://id.gs1.org/01/09506000134352/10/A%2FB%20C");

    assertThat(e.code()).isEqualTo("charset");
    assertThat(e.position()).isEqualTo(45);
  }

  @Test
  void writesQualifiersInTheirPrescribedOrderWhateverTheElementOrder() {
    String link =
        Gs1.digitalLink(
            List.of(
                new Element("21", "XYZ"),
                new Element("17", "201225"),
                new Element("10", "ABC123"),
                new Element("01", "09506000134352")),
            "https://id.gs1.org");

    assertThat(link).isEqualTo("https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ?17=201225");
  }

  @Test
  void writingFailsWithoutPrimaryKey() {
    assertThatThrownBy(() -> Gs1.parse("(400)PO-1234").toDigitalLink())
        .isInstanceOfSatisfying(
            Gs1SyntaxException.class, e -> assertThat(e.code()).isEqualTo("dl-no-primary-key"));
  }

  @Test
  void writingFailsForElementsThatAreNeitherQualifierNorAttribute() {
    assertThatThrownBy(
            () -> Gs1.parse("(01)09506000134352(21)X(8040)123456789012345").toDigitalLink())
        .isInstanceOfSatisfying(
            Gs1SyntaxException.class,
            e -> {
              assertThat(e.code()).isEqualTo("dl-not-attribute");
              assertThat(e.ai()).isEqualTo("8040");
              assertThat(e.position()).isEqualTo(-1);
            });
  }

  @Test
  void rejectsBaseUrisThatAreNotHttp() {
    Gs1Data data = Gs1.parse("(01)09506000134352");

    assertThatThrownBy(() -> data.toDigitalLink("ftp://example.com"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
