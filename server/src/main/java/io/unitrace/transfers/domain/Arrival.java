package io.unitrace.transfers.domain;

import io.unitrace.shared.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a transfer's units an arrival takes: those named (each on the transfer and not arrived
 * yet), or, naming none, every one still on its way. A unit named that the transfer does not carry,
 * or named twice, is refused by its position; a unit already arrived is refused too, so that a scan
 * repeated by mistake is said, not silently counted twice.
 */
public final class Arrival {

  private Arrival() {}

  /**
   * A unit or container of the transfer: its key ("gtin/serial", or the SSCC) and whether it has
   * arrived.
   */
  public record Line(String key, boolean arrived) {}

  /** What a clerk names as arriving: its key, and the field it was named in ("units[2]"). */
  public record Asked(String key, String field) {}

  public static List<String> of(List<Line> lines, List<Asked> asked) {
    List<String> onTheWay = new ArrayList<>();
    Set<String> carried = new LinkedHashSet<>();
    Set<String> arrived = new LinkedHashSet<>();
    for (Line l : lines) {
      carried.add(l.key());
      if (l.arrived()) {
        arrived.add(l.key());
      } else {
        onTheWay.add(l.key());
      }
    }
    if (asked == null || asked.isEmpty()) {
      if (onTheWay.isEmpty()) {
        throw Problem.conflict(
            "transfer-received", "units", "every unit of this transfer has arrived already");
      }
      return onTheWay;
    }
    Set<String> taken = new LinkedHashSet<>();
    for (Asked a : asked) {
      String k = a.key();
      String at = a.field();
      if (!carried.contains(k)) {
        throw Problem.unprocessable(
            "not-on-transfer", at, k + " is not on this transfer: set it aside");
      }
      if (arrived.contains(k)) {
        throw Problem.conflict("already-arrived", at, k + " has arrived already");
      }
      if (!taken.add(k)) {
        throw Problem.badRequest("duplicate-in-request", at, k + " is named twice");
      }
    }
    return new ArrayList<>(taken);
  }
}
