package io.unitrace.recalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the recall screens count affected units: in the order a unit moves, and in words. */
class RecallsScreenTest {

  @Test
  void countsFollowAUnitThroughTheBuildingAndLeaveOutPlacesWithNoUnit() {
    Map<String, Long> affected = new LinkedHashMap<>();
    affected.put("DESTROYED", 1L);
    affected.put("AT_CUSTOMER", 3L);
    affected.put("PICKED", 0L);
    affected.put("IN_STOCK", 4L);
    affected.put("ALLOCATED", 2L);

    assertThat(RecallsScreen.counts(affected))
        .containsExactly(
            new RecallsScreen.Count("IN_STOCK", "In stock", 4),
            new RecallsScreen.Count("ALLOCATED", "On orders", 2),
            new RecallsScreen.Count("AT_CUSTOMER", "At customers", 3),
            new RecallsScreen.Count("DESTROYED", "Destroyed", 1));
  }

  @Test
  void everyPlaceARecallCountsHasItsOwnWords() {
    assertThat(java.util.Arrays.stream(Whereabouts.values()).map(RecallsScreen::label).distinct())
        .hasSize(Whereabouts.values().length)
        .doesNotContainNull();
  }
}
