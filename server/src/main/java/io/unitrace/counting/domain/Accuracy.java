package io.unitrace.counting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inventory accuracy from approved counts, per warehouse and per day (the day a location was
 * counted, UTC). Inventory record accuracy: locations counted without any discrepancy / locations
 * counted. Unit accuracy: serials found where the books had them / serials the books had in the
 * locations counted (a serial expected and not found is a MISSING). Ratios have four decimals; null
 * when nothing was counted.
 */
public final class Accuracy {

  private Accuracy() {}

  /**
   * One location of an approved count: its warehouse, the day it was counted, how many
   * discrepancies it had, how many serials the books held there and how many of them were MISSING.
   */
  public record CountedLocation(
      String warehouse, LocalDate day, long discrepancies, long serialsExpected, long missing) {}

  public record Figures(
      long locationsCounted,
      long locationsWithoutDiscrepancy,
      BigDecimal inventoryRecordAccuracy,
      long serialsExpected,
      long serialsFoundWhereRecorded,
      BigDecimal unitAccuracy) {}

  public record Day(LocalDate day, Figures figures) {}

  public record Warehouse(String warehouse, Figures figures, List<Day> days) {}

  /** The figures per warehouse (by code), each with its days in order. */
  public static List<Warehouse> of(List<CountedLocation> counted) {
    Map<String, Tally> total = new TreeMap<>();
    Map<String, Map<LocalDate, Tally>> days = new TreeMap<>();
    for (CountedLocation l : counted) {
      total.computeIfAbsent(l.warehouse(), w -> new Tally()).add(l);
      days.computeIfAbsent(l.warehouse(), w -> new TreeMap<>())
          .computeIfAbsent(l.day(), d -> new Tally())
          .add(l);
    }
    List<Warehouse> out = new ArrayList<>(total.size());
    total.forEach(
        (w, t) -> {
          List<Day> perDay = new ArrayList<>();
          days.get(w).forEach((d, dt) -> perDay.add(new Day(d, dt.figures())));
          out.add(new Warehouse(w, t.figures(), perDay));
        });
    return out;
  }

  private static final class Tally {
    long locations;
    long clean;
    long expected;
    long missing;

    void add(CountedLocation l) {
      locations++;
      if (l.discrepancies() == 0) {
        clean++;
      }
      expected += l.serialsExpected();
      missing += Math.min(l.missing(), l.serialsExpected());
    }

    Figures figures() {
      long found = expected - missing;
      return new Figures(
          locations, clean, ratio(clean, locations), expected, found, ratio(found, expected));
    }
  }

  static BigDecimal ratio(long part, long whole) {
    return whole == 0
        ? null
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
  }
}
