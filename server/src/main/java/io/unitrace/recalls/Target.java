package io.unitrace.recalls;

import java.time.LocalDate;
import java.util.List;

/**
 * A campaign's target resolved to ids, stored with it as JSON: the product, its lots (ids and the
 * codes asked for), the registration window in epoch ms with the days asked for. A SERIALS campaign
 * keeps its units in {@code recall_target_unit} instead.
 */
record Target(
    Long productId,
    String product,
    List<Long> lotIds,
    List<String> lots,
    Long registeredFrom,
    Long registeredTo,
    LocalDate receivedFrom,
    LocalDate receivedTo,
    int units) {}
