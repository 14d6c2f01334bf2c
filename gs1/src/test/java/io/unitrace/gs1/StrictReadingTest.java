package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Gs1Data.Form;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link Gs1#parse(String)} reads as strictly as the GS1 standards; each tolerated deviation needs
 * its own switch of {@link Gs1Options}. Every rule is tested both ways: refused by default,
 * accepted with its switch (and only with its switch).
 */
class StrictReadingTest {

  private static Gs1SyntaxException failure(String scan) {
    try {
      Gs1.parse(scan);
    } catch (Gs1SyntaxException e) {
      return e;
    }
    throw new AssertionError("expected " + scan + " to be rejected");
  }

  private static Gs1Options.Builder lenient() {
    return Gs1Options.builder();
  }

  @Test
  void strictIsTheDefaultAndEverySwitchStartsOff() {
    Gs1Options defaults = Gs1Options.builder().build();

    assertThat(defaults.toString()).isEqualTo(Gs1Options.STRICT.toString()).doesNotContain("true");
  }

  /** GS1 Digital Link URI Syntax: each AI appears once in a URI, in the path or in the query. */
  @Nested
  class RepeatedQueryAi {

    @Test
    void refusesAnAiRepeatedInTheQuery() {
      Gs1SyntaxException e =
          failure("https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&99=XYZ789");

      assertThat(e.code()).isEqualTo("dl-repeated-ai");
      assertThat(e.ai()).isEqualTo("99");
      assertThat(e.position()).isEqualTo(57);
    }

    @Test
    void refusesAQueryAiThatIsAlreadyInThePath() {
      Gs1SyntaxException key =
          failure("https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&01=09520123456788");
      Gs1SyntaxException qualifier =
          failure("https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&10=ABC123");

      assertThat(key.code()).isEqualTo("dl-repeated-ai");
      assertThat(key.ai()).isEqualTo("01");
      assertThat(qualifier.code()).isEqualTo("dl-repeated-ai");
      assertThat(qualifier.ai()).isEqualTo("10");
    }

    @Test
    void mergesIdenticalRepeatsOnlyWhenAllowedAndStillRefusesContradictions() {
      Gs1Options allow = lenient().allowRepeatedQueryAi(true).build();

      assertThat(Gs1.parse("https://id.gs1.org/01/09520123456788?99=X&99=X", allow).elements())
          .containsExactly(new Element("01", "09520123456788"), new Element("99", "X"));
      assertThat(
              catching(() -> Gs1.parse("https://id.gs1.org/01/09520123456788?99=X&99=Y", allow))
                  .code())
          .isEqualTo("repeated-ai");
    }
  }

  /**
   * GS1 Digital Link URI Syntax: key qualifiers go in the path, in the order of the key's {@code
   * dlpkey=} (syntax dictionary), never in the query.
   */
  @Nested
  class QualifierInQuery {

    @Test
    void refusesAKeyQualifierGivenAsQueryParameter() {
      Gs1SyntaxException e = failure("https://example.com/01/09520123456788?10=ABC123");

      assertThat(e.code()).isEqualTo("dl-qualifier-in-query");
      assertThat(e.ai()).isEqualTo("10");
      assertThat(e.position()).isEqualTo(38);
    }

    @Test
    void refusesItAlsoAfterQualifiersItCouldStandBetween() {
      assertThat(failure("https://id.gs1.org/01/09520123456788/21/XYZ?10=ABC").code())
          .isEqualTo("dl-qualifier-in-query");
      assertThat(failure("https://id.gs1.org/8006/095201234567880102?10=ABC").code())
          .isEqualTo("dl-qualifier-in-query");
    }

    @Test
    void acceptsTheAiAsAttributeWhenThePathChoseAnotherQualifierSequence() {
      // dlpkey=22,10,21|235: after (235) a lot cannot join the path, so it is a data attribute.
      Gs1Data data = Gs1.parse("https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123");

      assertThat(data.lot()).contains("ABC123");
    }

    @Test
    void acceptsItOnlyWithTheSwitch() {
      Gs1Options allow = lenient().allowQualifierInQuery(true).build();

      assertThat(Gs1.parse("https://example.com/01/09520123456788?10=ABC123", allow).lot())
          .contains("ABC123");
    }
  }

  /**
   * GS1 Digital Link URI Syntax on RFC 3986: scheme http/https in all lower or all upper case, a
   * path that ends with a value, a 14-digit GTIN, a host without IPv6 zone.
   */
  @Nested
  class UriSyntax {

    @Test
    void refusesAMixedCaseScheme() {
      Gs1SyntaxException e = failure("HtTp://a/b/00/006141411234567890");

      assertThat(e.code()).isEqualTo("dl-uri-syntax");
      assertThat(e.position()).isZero();
      assertThat(Gs1.parse("HTTPS://a/00/006141411234567890").sscc()).isPresent();
      assertThat(Gs1.parse("http://a/00/006141411234567890").sscc()).isPresent();
      assertThat(
              Gs1.parse(
                      "HtTp://a/b/00/006141411234567890",
                      lenient().allowMixedCaseScheme(true).build())
                  .sscc())
          .isPresent();
    }

    @Test
    void refusesATrailingSlash() {
      Gs1SyntaxException e = failure("https://a/stem/00/006141411234567890/");

      assertThat(e.code()).isEqualTo("dl-uri-syntax");
      assertThat(e.position()).isEqualTo(36);
      assertThat(
              Gs1.parse(
                      "https://a/stem/00/006141411234567890/",
                      lenient().allowTrailingSlash(true).build())
                  .sscc())
          .isPresent();
    }

    @Test
    void refusesZeroSuppressedGtinsInThePathAndTheQuery() {
      Gs1SyntaxException gtin13 = failure("https://a/01/2112345678900");
      Gs1SyntaxException gtin12 = failure("https://a/01/416000336108");
      Gs1SyntaxException gtin8 = failure("https://a/01/02345673");
      Gs1SyntaxException inQuery =
          failure("https://example.com/8004/9520614141234567?01=9520123456788");

      assertThat(gtin13.code()).isEqualTo("length");
      assertThat(gtin13.ai()).isEqualTo("01");
      assertThat(gtin13.position()).isEqualTo(13);
      assertThat(gtin12.code()).isEqualTo("length");
      assertThat(gtin8.code()).isEqualTo("length");
      assertThat(inQuery.code()).isEqualTo("length");
    }

    @Test
    void padsZeroSuppressedGtinsOnlyWithTheSwitch() {
      Gs1Options allow = lenient().allowZeroSuppressedGtin(true).build();

      assertThat(Gs1.parse("https://a/01/2112345678900", allow).gtin())
          .contains(new Gtin("02112345678900"));
      assertThat(Gs1.parse("https://a/01/416000336108", allow).gtin())
          .contains(new Gtin("00416000336108"));
      assertThat(Gs1.parse("https://a/01/02345673", allow).gtin())
          .contains(new Gtin("00000002345673"));
    }

    @Test
    void refusesAnIpv6ZoneIdentifier() {
      Gs1SyntaxException e = failure("https://[fe80::1%25lo]/01/12312312312333");

      assertThat(e.code()).isEqualTo("dl-uri-syntax");
      assertThat(e.position()).isEqualTo(16);
      assertThat(Gs1.parse("https://[2001:db8::1]/01/12312312312333").gtin()).isPresent();
      assertThat(
              Gs1.parse(
                      "https://[fe80::1%25lo]/01/12312312312333",
                      lenient().allowIpv6ZoneId(true).build())
                  .gtin())
          .isPresent();
    }

    @Test
    void refusesHostsAndCharactersAUriCannotHave() {
      assertThat(failure("https:///01/12312312312333").code()).isEqualTo("dl-uri-syntax");
      assertThat(failure("https://$a/01/12312312312333").code()).isEqualTo("dl-uri-syntax");
      assertThat(failure("https://user@a/01/12312312312333").code()).isEqualTo("dl-uri-syntax");
      assertThat(failure("https://a/01/12312312312333?x=a b").position()).isEqualTo(31);
      assertThat(Gs1.parse("https://a:65535/01/12312312312333").gtin()).isPresent();
      assertThat(Gs1.parse("https://192.0.2.1/01/12312312312333").gtin()).isPresent();
    }

    @Test
    void oneSwitchDoesNotOpenAnother() {
      Gs1Options slashOnly = lenient().allowTrailingSlash(true).build();

      assertThat(catching(() -> Gs1.parse("HtTp://a/00/006141411234567890/", slashOnly)).code())
          .isEqualTo("dl-uri-syntax");
      assertThat(catching(() -> Gs1.parse("https://a/01/2112345678900/", slashOnly)).code())
          .isEqualTo("length");
    }
  }

  /** GS1 Digital Link URI Syntax: the rightmost primary key wins; the rest is path prefix. */
  @Nested
  class PathPrefix {

    @Test
    void readsTheRightmostKeyAfterAnAiLikePrefix() {
      Gs1Data data = Gs1.parse("https://a/00/faux/00/006141411234567890");

      assertThat(data.form()).isEqualTo(Form.DIGITAL_LINK);
      assertThat(data.elements()).containsExactly(new Element("00", "006141411234567890"));
    }
  }

  /**
   * ISO/IEC 15420 with GS1 General Specifications 5.2 / 5.3: {@code ]E0} carries 13 digits (UPC-A
   * as 13 with a leading 0), {@code ]E4} 8, {@code ]I1} (ITF-14) 14.
   */
  @Nested
  class EanUpcItfLengths {

    @Test
    void refusesTwelveDigitsAfterE0() {
      Gs1SyntaxException e = failure("]E0012345678905");

      assertThat(e.code()).isEqualTo("length");
      assertThat(e.ai()).isEqualTo("01");
      assertThat(e.position()).isEqualTo(15);
    }

    @Test
    void readsUpcAAsThirteenDigitsAfterE0() {
      assertThat(Gs1.parse("]E00012345678905").gtin()).contains(new Gtin("00012345678905"));
    }

    @Test
    void refusesOtherLengthsAfterE4AndI1() {
      assertThat(failure("]E49506000134352").code()).isEqualTo("length");
      assertThat(failure("]E4950600013435").position()).isEqualTo(11);
      assertThat(failure("]I1012345678905").code()).isEqualTo("length");
      assertThat(failure("]E009506000134352").position()).isEqualTo(16);
    }

    @Test
    void acceptsAnyGtinLengthOnlyWithTheSwitch() {
      Gs1Options allow = lenient().allowAnyGtinLengthAfterEanOrItf(true).build();

      assertThat(Gs1.parse("]E0012345678905", allow).gtin()).contains(new Gtin("00012345678905"));
      assertThat(Gs1.parse("]I1012345678905", allow).gtin()).contains(new Gtin("00012345678905"));
    }
  }

  /**
   * GS1 Digital Link URI Syntax: a GS1 Digital Link URI has a primary key. A URI behind {@code ]Q1}
   * / {@code ]d1} that carries AIs without one is not a Digital Link and would lose its GS1 data as
   * plain text: refused. A URI without AI data is plain text (ISO/IEC 18004 / 16022 non-GS1 mode).
   */
  @Nested
  class UriWithoutPrimaryKey {

    @Test
    void refusesAUriCarryingAisWithoutPrimaryKey() {
      Gs1SyntaxException inPath = failure("]Q1https://id.gs1.org/10/ABC123");
      Gs1SyntaxException inQuery = failure("]d1https://example.com/products?17=201225");

      assertThat(inPath.code()).isEqualTo("dl-no-primary-key");
      assertThat(inPath.ai()).isEqualTo("10");
      assertThat(inPath.position()).isEqualTo(21);
      assertThat(inQuery.code()).isEqualTo("dl-no-primary-key");
      assertThat(inQuery.ai()).isEqualTo("17");
    }

    @Test
    void keepsAUriWithoutAiDataAsPlainText() {
      Gs1Data data = Gs1.parse("]Q1https://example.com/menu?table=4");

      assertThat(data.form()).isEqualTo(Form.PLAIN);
      assertThat(data.plainText()).contains("https://example.com/menu?table=4");
    }

    @Test
    void returnsItAsPlainTextOnlyWithTheSwitch() {
      Gs1Data data =
          Gs1.parse(
              "]Q1https://id.gs1.org/10/ABC123", lenient().allowAiDataInPlainUri(true).build());

      assertThat(data.form()).isEqualTo(Form.PLAIN);
      assertThat(data.plainText()).contains("https://id.gs1.org/10/ABC123");
    }
  }

  /**
   * Syntax dictionary {@code req=} of (8030) and GS1 General Specifications: a DigSig accompanies
   * one serialised key; GDTI (253), GCN (255) and GRAI (8003) need their serial component.
   */
  @Nested
  class DigitalSignature {

    @Test
    void refusesDigSigNextToAKeyWithoutSerial() {
      Gs1SyntaxException gdti = failure("(253)9506000000008(8030)AbC-_9");
      Gs1SyntaxException gcn = failure("(255)9506000000008(8030)AbC-_9");
      Gs1SyntaxException grai = failure("(8003)09506000000008(8030)AbC-_9");
      Gs1SyntaxException link = failure("https://id.gs1.org/8003/09506000000008?8030=AbC-_9");

      assertThat(gdti.code()).isEqualTo("digsig-unserialised-key");
      assertThat(gdti.ai()).isEqualTo("253");
      assertThat(gdti.position()).isEqualTo(18);
      assertThat(gcn.ai()).isEqualTo("255");
      assertThat(grai.ai()).isEqualTo("8003");
      assertThat(link.code()).isEqualTo("digsig-unserialised-key");
    }

    @Test
    void acceptsDigSigNextToSerialisedKeys() {
      assertThat(Gs1.parse("(253)9506000000008X1(8030)AbC-_9").value("8030")).contains("AbC-_9");
      assertThat(Gs1.parse("(255)95060000000081(8030)AbC").value("8030")).isPresent();
      assertThat(Gs1.parse("(8003)09506000000008A1(8030)AbC").value("8030")).isPresent();
      assertThat(Gs1.parse("(01)09506000134352(21)X(8030)AbC").value("8030")).isPresent();
      assertThat(Gs1.parse("(00)106141411234567897(8030)AbC").value("8030")).isPresent();
    }

    @Test
    void refusesDigSigWithoutOneOfItsRequiredKeys() {
      for (String scan :
          new String[] {
            "(8030)AbC",
            "(01)09506000134352(8030)AbC",
            "(414)9506000000008(8030)AbC",
            "(8006)095060001343520102(8030)AbC",
            "(8010)95060000(8030)AbC"
          }) {
        Gs1SyntaxException e = failure(scan);

        assertThat(e.code()).as(scan).isEqualTo("missing-required-ai");
        assertThat(e.ai()).as(scan).isEqualTo("8030");
      }
    }

    @Test
    void acceptsAnUnserialisedKeyOnlyWithTheSwitch() {
      Gs1Options allow = lenient().allowDigitalSignatureWithUnserialisedKey(true).build();

      assertThat(Gs1.parse("(253)9506000000008(8030)AbC", allow).value("253"))
          .contains("9506000000008");
    }
  }

  private static Gs1SyntaxException catching(Runnable parse) {
    try {
      parse.run();
    } catch (Gs1SyntaxException e) {
      return e;
    }
    throw new AssertionError("expected a Gs1SyntaxException");
  }
}
