package io.unitrace.inbound;

import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Arrivals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The containers the ledger creates at the dock when units arrive in announced cases: each case and
 * every pallet above it, as the ASN nests them, each once, a case before its pallet. Pure.
 */
final class AnnouncedContainers {

  /** An announced container: the one it sits in (null: outermost) and its kind. */
  record Row(String parent, String kind) {}

  private AnnouncedContainers() {}

  /** {@code announced}: the ASN's containers by SSCC; a case it does not announce is skipped. */
  static List<Arrivals.ArrivingContainer> needed(Map<String, Row> announced, List<Sscc> cases) {
    Map<String, Arrivals.ArrivingContainer> needed = new LinkedHashMap<>();
    for (Sscc c : cases) {
      String s = c.value();
      while (s != null && !needed.containsKey(s) && announced.containsKey(s)) {
        Row row = announced.get(s);
        needed.put(
            s,
            new Arrivals.ArrivingContainer(
                new Sscc(s), row.kind(), row.parent() == null ? null : new Sscc(row.parent())));
        s = row.parent();
      }
    }
    return new ArrayList<>(needed.values());
  }
}
