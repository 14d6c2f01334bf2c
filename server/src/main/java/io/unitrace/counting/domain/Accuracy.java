package io.unitrace.counting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
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
      String warehouse,
      LocalDate day,
      long discrepancies,
      long serialsExpected,
      long missing,
      String abcClass,
      LocalDate approvedOn) {

    public CountedLocation(
        String warehouse, LocalDate day, long discrepancies, long serialsExpected, long missing) {
      this(warehouse, day, discrepancies, serialsExpected, missing, null, day);
    }
  }

  /** The figures of the locations counted for one ABC class ({@code abcClass} null: none). */
  public record ClassFigures(String abcClass, Figures figures) {}

  /** The figures of the locations in counts approved in one week (from Monday) or month. */
  public record Period(LocalDate start, Figures figures) {}

  public enum Granularity {
    WEEK,
    MONTH;

    LocalDate start(LocalDate day) {
      return this == WEEK
          ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
          : day.withDayOfMonth(1);
    }
  }

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

  /**
   * The figures per ABC class the counts counted (A, B, C, then counts of locations without a class
   * last, as null).
   */
  public static List<ClassFigures> byClass(List<CountedLocation> counted) {
    Map<String, Tally> total = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    counted.forEach(l -> total.computeIfAbsent(l.abcClass(), c -> new Tally()).add(l));
    List<ClassFigures> out = new ArrayList<>(total.size());
    total.forEach((c, t) -> out.add(new ClassFigures(c, t.figures())));
    return out;
  }

  /** The figures per week or month in which the counts were approved, in order. */
  public static List<Period> series(List<CountedLocation> counted, Granularity by) {
    Map<LocalDate, Tally> total = new TreeMap<>();
    counted.forEach(l -> total.computeIfAbsent(by.start(l.approvedOn()), d -> new Tally()).add(l));
    List<Period> out = new ArrayList<>(total.size());
    total.forEach((d, t) -> out.add(new Period(d, t.figures())));
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
