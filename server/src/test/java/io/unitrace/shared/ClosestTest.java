package io.unitrace.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestTest {

  private static final List<String> PRODUCT =
      List.of("sku", "name", "gtins", "tracking", "expiryTracked", "shelfLifeDays");

  @Test
  void aMisspeltNameMeansTheNearestKnownOne() {
    assertThat(Closest.to("expiryTracking", PRODUCT)).contains("expiryTracked");
    assertThat(Closest.to("nme", PRODUCT)).contains("name");
    assertThat(Closest.to("SKU", PRODUCT)).contains("sku");
    assertThat(Closest.to("gtin", PRODUCT)).contains("gtins");
    assertThat(Closest.to("scanned", List.of("scan", "gtin"))).contains("scan");
  }

  @Test
  void aNameLikeNothingKnownMeansNothing() {
    assertThat(Closest.to("colour", PRODUCT)).isEmpty();
    assertThat(Closest.to("", PRODUCT)).isEmpty();
    assertThat(Closest.to("x", List.of())).isEmpty();
  }

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Closest.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Closest.distance("", "abc")).isEqualTo(3);
    assertThat(Closest.distance("same", "same")).isZero();
  }

  @Test
  void theSeparatorIsReadFromTheHeader() {
    assertThat(CsvInput.separatorOf("sku,name,tracking")).isEqualTo(',');
    assertThat(CsvInput.separatorOf("sku;name;tracking")).isEqualTo(';');
    assertThat(CsvInput.separatorOf("sku\tname\ttracking")).isEqualTo('\t');
    assertThat(CsvInput.separatorOf("sku")).isEqualTo(',');
    // A comma wins: a semicolon inside a comma-separated header is part of a name.
    assertThat(CsvInput.separatorOf("sku,name;x")).isEqualTo(',');
  }
}
