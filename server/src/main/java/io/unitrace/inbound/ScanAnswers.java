package io.unitrace.inbound;

import io.unitrace.gs1.Sscc;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Words the answer to a request from its lines: a single unit or quantity scan answers with its
 * line; a container or a bulk confirmation answers with counts per outcome and lists only its
 * exceptions (at most {@value #LISTED_LINES}), the worst outcome first. Pure: the receipt's
 * counters are read by the caller.
 */
final class ScanAnswers {

  private static final int LISTED_LINES = 200;

  private ScanAnswers() {}

  /**
   * A repeated scan, from the lines it recorded: an SSCC's lines name their cases; a unit or
   * quantity scan's (even one split at the ordered quantity) name none.
   */
  static String kindOfRepeatedScan(List<Receiving.Line> earlier) {
    return earlier.stream().anyMatch(l -> l.sscc() != null) ? "CONTAINER" : "UNIT";
  }

  /** A GTIN of a serialized product scanned alone: the serials typed or scanned next are of it. */
  static Receiving.ScanAnswer productSelected(
      String sku, String gtin, Receiving.Counters counters) {
    return new Receiving.ScanAnswer(
        "PRODUCT",
        null,
        sku + " selected: scan or type its serials",
        false,
        gtin,
        List.of(),
        Map.of(),
        counters,
        false);
  }

  /** {@code container}: the SSCC a container's answer names, null for any other request. */
  static Receiving.ScanAnswer of(
      String kind,
      List<Receiving.Line> lines,
      Sscc container,
      boolean repeated,
      Receiving.Counters counters) {
    Map<ScanOutcome, Integer> counts = new EnumMap<>(ScanOutcome.class);
    lines.forEach(l -> counts.merge(l.outcome(), l.quantity(), Integer::sum));
    boolean single = lines.size() == 1 && "UNIT".equals(kind);
    List<Receiving.Line> listed =
        single
            ? lines
            : lines.stream().filter(l -> l.outcome().exception()).limit(LISTED_LINES).toList();
    ScanOutcome outcome =
        single
            ? lines.get(0).outcome()
            : counts.keySet().stream()
                .filter(ScanOutcome::exception)
                .findFirst()
                .orElse(ScanOutcome.RECEIVED);
    int taken = lines.stream().mapToInt(l -> l.outcome().received() ? l.quantity() : 0).sum();
    int all = lines.stream().mapToInt(Receiving.Line::quantity).sum();
    String message =
        single
            ? lines.get(0).message()
            : (container != null ? "container " + container.value() + ": " : "")
                + taken
                + " of "
                + all
                + " units received"
                + (counts.size() > 1 || outcome != ScanOutcome.RECEIVED
                    ? ", " + summary(counts)
                    : "");
    return new Receiving.ScanAnswer(
        kind,
        outcome,
        message,
        taken > 0,
        lines.isEmpty() ? null : lines.get(0).gtin(),
        listed,
        counts,
        counters,
        repeated);
  }

  private static String summary(Map<ScanOutcome, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (o, n) -> {
          if (o.exception()) {
            parts.add(n + " " + o.name().toLowerCase().replace('_', ' '));
          }
        });
    return String.join(", ", parts);
  }
}
