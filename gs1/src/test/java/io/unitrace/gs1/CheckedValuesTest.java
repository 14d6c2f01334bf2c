package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * One rule per linter that the syntax dictionary names, each through a real AI so the test reads as
 * the business rule it protects.
 */
class CheckedValuesTest {

  private static final String GTIN = "(01)09506000134352";
  private static final String SSCC = "(00)106141411234567897";

  private static void rejected(String scan, String code, String ai, int position) {
    ThrowingCallable parse = () -> Gs1.parse(scan);
    assertThatThrownBy(parse)
        .isInstanceOfSatisfying(
            Gs1SyntaxException.class,
            e -> {
              assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
              assertThat(e.ai()).isEqualTo(ai);
              assertThat(e.position()).isEqualTo(position);
            });
  }

  private static void accepted(String scan) {
    assertThat(Gs1.parse(scan).elements()).isNotEmpty();
  }

  // csum
  @Test
  void rejectsGtinWithWrongCheckDigit() {
    rejected("(01)09506000134353", "check-digit", "01", 17);
  }

  @Test
  void rejectsSsccWithWrongCheckDigit() {
    rejected("(00)106141411234567890", "check-digit", "00", 21);
  }

  // csumalpha
  @Test
  void acceptsGlobalModelNumberWithCorrectCheckCharacters() {
    accepted("(8013)1987654Ad4X4bL5ttr2310c2K");
  }

  @Test
  void rejectsGlobalModelNumberWithWrongCheckCharacters() {
    rejected("(8013)1987654Ad4X4bL5ttr2310cXK", "check-pair", "8013", 29);
  }

  // gcppos1
  @Test
  void rejectsIndividualAssetIdThatDoesNotStartWithACompanyPrefix() {
    rejected("(8004)95A0123", "company-prefix", "8004", 8);
  }

  // gcppos2
  @Test
  void gtinCompanyPrefixFollowsTheIndicatorDigit() {
    assertThat(Linters.companyPrefixAfterIndicator("19506", 0, 5)).isNull();
    assertThat(Linters.companyPrefixAfterIndicator("195A6", 0, 5))
        .extracting(Fault::code, Fault::offset)
        .containsExactly("company-prefix", 3);
  }

  // yymmd0
  @Test
  void rejectsExpiryWithMonth13() {
    rejected(GTIN + "(17)201325", "date", "17", 24);
  }

  @Test
  void rejectsExpiryOnFebruary30() {
    rejected(GTIN + "(17)240230", "date", "17", 26);
  }

  @Test
  void acceptsExpiryWithUnspecifiedDay00() {
    assertThat(Gs1.parse(GTIN + "(17)240200").expiry())
        .hasValueSatisfying(d -> assertThat(d).hasDayOfMonth(29));
  }

  @Test
  void acceptsLeapDayOnlyInLeapYears() {
    accepted(GTIN + "(11)240229");
    rejected(GTIN + "(11)230229", "date", "11", 26);
  }

  // yymmdd
  @Test
  void rejectsFirstFreezeDateWithUnspecifiedDay() {
    rejected(GTIN + "(7006)240200", "date", "7006", 28);
  }

  // yyyymmdd
  @Test
  void rejectsDateOfBirthInMonth00() {
    rejected("(8018)950600000000000002(7250)20240015", "date", "7250", 34);
  }

  // hh, mi, ss (production time 8008: YYMMDD HH [MM] [SS])
  @Test
  void rejectsProductionTimeAtHour24() {
    rejected(GTIN + "(8008)24010124", "time", "8008", 30);
  }

  @Test
  void rejectsProductionTimeAtMinute60() {
    rejected(GTIN + "(8008)2401012360", "time", "8008", 32);
  }

  @Test
  void rejectsProductionTimeAtSecond60() {
    rejected(GTIN + "(8008)240101235960", "time", "8008", 34);
    accepted(GTIN + "(8008)240101235959");
  }

  // hhmi
  @Test
  void rejectsExpiryTimeAt2460() {
    rejected(GTIN + "(7003)2401012460", "time", "7003", 30);
  }

  // iso3166
  @Test
  void rejectsCountryOfOriginThatIsNoCountry() {
    accepted(GTIN + "(422)276");
    rejected(GTIN + "(422)999", "country", "422", 23);
  }

  @Test
  void checksEveryCountryOfInitialProcessing() {
    accepted(GTIN + "(423)276040");
    rejected(GTIN + "(423)276041", "country", "423", 26);
  }

  // iso3166999
  @Test
  void processorCountryMayBeUnknown999() {
    accepted(GTIN + "(7030)999ABC");
    rejected(GTIN + "(7030)000ABC", "country", "7030", 24);
  }

  // iso3166alpha2
  @Test
  void rejectsShipToCountryThatIsNoCountry() {
    accepted(SSCC + "(4307)DE");
    rejected(SSCC + "(4307)XX", "country", "4307", 28);
  }

  // iso4217
  @Test
  void rejectsAmountInUnknownCurrency() {
    accepted("(415)9506000000008(8020)INV1(3912)97812345");
    rejected("(415)9506000000008(8020)INV1(3912)00012345", "currency", "3912", 34);
  }

  // iso5218
  @Test
  void rejectsBiologicalSexCodeOutsideIso5218() {
    accepted("(8018)950600000000000002(7252)9");
    rejected("(8018)950600000000000002(7252)3", "sex-code", "7252", 30);
  }

  // iban
  @Test
  void rejectsPaymentAccountWithWrongIbanCheckDigits() {
    accepted("(415)9506000000008(8020)INV1(8007)GB82WEST12345698765432");
    rejected("(415)9506000000008(8020)INV1(8007)GB83WEST12345698765432", "iban", "8007", 36);
  }

  // importeridx
  @Test
  void rejectsTobaccoImporterIndexOutsideItsCharacterSet() {
    accepted("(7040)1ABc");
    rejected("(7040)1AB.", "importer-index", "7040", 9);
  }

  // latitude, longitude
  @Test
  void rejectsShipToLatitudeBeyondTheNorthPole() {
    accepted(SSCC + "(4309)18000000003600000000");
    rejected(SSCC + "(4309)18000000013600000000", "coordinate", "4309", 28);
    rejected(SSCC + "(4309)18000000003600000001", "coordinate", "4309", 38);
  }

  // mediatype
  @Test
  void rejectsReservedAidcMediaType() {
    accepted("(8018)950600000000000002(7241)80");
    rejected("(8018)950600000000000002(7241)50", "media-type", "7241", 30);
  }

  // nonzero, winding (8001 roll products: width, length, diameter, winding, splices)
  @Test
  void rejectsRollWithZeroWidth() {
    accepted(GTIN + "(8001)12345678901211");
    rejected(GTIN + "(8001)00005678901211", "zero-not-allowed", "8001", 24);
  }

  @Test
  void rejectsRollWithUnknownWindingDirection() {
    rejected(GTIN + "(8001)12345678901251", "winding", "8001", 36);
  }

  // zero
  @Test
  void returnableAssetIdStartsWithZero() {
    accepted("(8003)09506000000008A1");
    rejected("(8003)19506000000008A1", "zero-required", "8003", 6);
  }

  // nozeroprefix
  @Test
  void rejectsCouponSerialWithLeadingZero() {
    accepted("(8010)950600ABC(8011)123");
    rejected("(8010)950600ABC(8011)0123", "zero-prefix", "8011", 21);
  }

  // hasnondigit
  @Test
  void rejectsMedicalDeviceIdOfDigitsOnly() {
    accepted(GTIN + "(8014)12345678901234567890123NT");
    rejected(GTIN + "(8014)95060000000262", "non-digit-required", "8014", 24);
  }

  // hyphen
  @Test
  void temperatureSignIsAHyphen() {
    accepted(SSCC + "(4331)001500-");
    rejected(SSCC + "(4331)001500+", "hyphen-required", "4331", 34);
  }

  // packagetype
  @Test
  void rejectsUnknownPackageType() {
    accepted(SSCC + "(7041)PX");
    rejected(SSCC + "(7041)QQQ", "package-type", "7041", 28);
  }

  // pcenc
  @Test
  void rejectsBrokenPercentEncodingInShipToName() {
    accepted(SSCC + "(4301)Ren%C3%A9");
    rejected(SSCC + "(4301)Ren%C", "percent-encoding", "4301", 31);
  }

  // pieceoftotal
  @Test
  void rejectsPieceNumberAboveTotal() {
    accepted("(8006)095060001343520102");
    rejected("(8006)095060001343520302", "piece-of-total", "8006", 20);
  }

  // posinseqslash
  @Test
  void rejectsBirthSequencePositionAboveCount() {
    accepted("(8018)950600000000000002(7259)BABY(7258)1/2");
    rejected("(8018)950600000000000002(7259)BABY(7258)3/2", "position-in-sequence", "7258", 40);
  }

  // yesno
  @Test
  void dangerousGoodsFlagIsYesOrNo() {
    accepted(SSCC + "(4321)1");
    rejected(SSCC + "(4321)2", "yes-no", "4321", 28);
  }

  // couponcode
  @Test
  void acceptsWellFormedNorthAmericanCoupon() {
    accepted("(8110)012345612345611110123");
  }

  @Test
  void rejectsNorthAmericanCouponWithTruncatedOfferCode() {
    rejected("(8110)0123456123", "coupon", "8110", 13);
  }

  // couponposoffer
  @Test
  void rejectsPositiveOfferCouponWithUnknownFormatCode() {
    accepted("(8112)001234561234560123456");
    rejected("(8112)201234561234560123456", "coupon", "8112", 6);
  }

  // character sets
  @Test
  void rejectsLotWithCharacterOutsideCset82() {
    rejected(GTIN + "(10)AB CD", "charset", "10", 24);
  }

  @Test
  void rejectsComponentPartIdWithCharacterOutsideCset39() {
    rejected("(8010)9506a", "charset", "8010", 10);
  }

  @Test
  void digitalSignatureIsBase64UrlWithOptionalPadding() {
    accepted("(00)106141411234567897(8030)AbC-_9==");
    rejected("(00)106141411234567897(8030)AbC+", "charset", "8030", 31);
  }

  // lengths
  @Test
  void rejectsLotLongerThan20Characters() {
    rejected(GTIN + "(10)123456789012345678901", "length", "10", 42);
  }

  @Test
  void rejectsShortGtin() {
    rejected("(01)0950600013435", "length", "01", 17);
  }

  @Test
  void rejectsEmptyVariableLengthValue() {
    rejected(GTIN + "(10)", "length", "10", 22);
  }
}
