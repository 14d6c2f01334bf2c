package io.unitrace.transfers.domain;

import io.unitrace.shared.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an arrival takes of a transfer: what is named (each on the transfer and not arrived yet),
 * or, naming nothing, everything still on its way. A unit or container is one piece; counted goods
 * (a lot, or an untracked product) are a quantity, taken in parts. Something named that the
 * transfer does not carry, or named twice, is refused by its position; something already arrived,
 * or more than is still on its way, is refused too, so that a scan repeated by mistake is said, not
 * silently counted twice.
 */
public final class Arrival {

  private Arrival() {}

  /**
   * A line of the transfer: its key ("gtin/serial", an SSCC, or "gtin lot L" for counted goods),
   * how many it carries (1 for a unit or container) and how many have arrived.
   */
  public record Line(String key, long carried, long arrived) {

    public static Line piece(String key, boolean arrived) {
      return new Line(key, 1, arrived ? 1 : 0);
    }

    long onTheWay() {
      return carried - arrived;
    }
  }

  /**
   * What a clerk names as arriving: its key, how many (null: all still on its way), and the field
   * it was named in ("units[2]", "stock[0]").
   */
  public record Asked(String key, Long quantity, String field) {

    public Asked(String key, String field) {
      this(key, null, field);
    }
  }

  /** A line's key and how many of it arrive now. */
  public record Take(String key, long quantity) {}

  public static List<Take> of(List<Line> lines, List<Asked> asked) {
    Map<String, Line> carried = new LinkedHashMap<>();
    for (Line l : lines) {
      carried.put(l.key(), l);
    }
    List<Take> taken = new ArrayList<>();
    if (asked == null || asked.isEmpty()) {
      for (Line l : lines) {
        if (l.onTheWay() > 0) {
          taken.add(new Take(l.key(), l.onTheWay()));
        }
      }
      if (taken.isEmpty()) {
        throw Problem.conflict(
            "transfer-received", "units", "everything on this transfer has arrived already");
      }
      return taken;
    }
    Set<String> named = new LinkedHashSet<>();
    for (Asked a : asked) {
      String k = a.key();
      String at = a.field();
      Line l = carried.get(k);
      if (l == null) {
        throw Problem.unprocessable(
            "not-on-transfer", at, k + " is not on this transfer: set it aside");
      }
      if (!named.add(k)) {
        throw Problem.badRequest("duplicate-in-request", at, k + " is named twice");
      }
      if (l.onTheWay() == 0) {
        throw Problem.conflict("already-arrived", at, k + " has arrived already");
      }
      if (a.quantity() != null && a.quantity() < 1) {
        throw Problem.badRequest("invalid-field", at + ".quantity", "receive at least 1");
      }
      long q = a.quantity() == null ? l.onTheWay() : a.quantity();
      if (q > l.onTheWay()) {
        throw Problem.conflict(
                "more-than-on-the-way",
                at + ".quantity",
                "only " + l.onTheWay() + " of " + k + " are still on their way, " + q + " named")
            .with("onTheWay", l.onTheWay());
      }
      taken.add(new Take(k, q));
    }
    return taken;
  }
}
