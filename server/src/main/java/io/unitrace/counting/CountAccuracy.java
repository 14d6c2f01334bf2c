package io.unitrace.counting;

import io.unitrace.counting.domain.Accuracy;
import io.unitrace.facility.Facility;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Inventory accuracy from a client's approved counts over a period of days (UTC), per warehouse and
 * per day ({@link Accuracy}), per ABC class (the class a count was opened for: its plan's, or its
 * single SKU's when opened; counts of locations have none) and per week or month of approval.
 */
@Service
public class CountAccuracy {

  /** The longest period asked at once, in days. */
  static final int MAX_DAYS = 366;

  /** The figures over [from, to] (both days included), per warehouse. */
  public record Report(
      LocalDate from,
      LocalDate to,
      List<Accuracy.Warehouse> warehouses,
      List<Accuracy.ClassFigures> abcClasses,
      String by,
      List<Accuracy.Period> periods) {}

  private final CountRows rows;
  private final Facility facility;
  private final Clock clock;

  CountAccuracy(CountRows rows, Facility facility, Clock clock) {
    this.rows = rows;
    this.facility = facility;
    this.clock = clock;
  }

  /**
   * The accuracy of the locations counted from {@code from} to {@code to} (ISO dates, both
   * included; by default the 30 days up to today) in approved counts, of one warehouse if named.
   */
  public Report report(TenantScope scope, String from, String to, String warehouse) {
    return report(scope, from, to, warehouse, null);
  }

  /**
   * The same, with the series by {@code by}: "week" (the default; weeks start on Monday) or "month"
   * of the counts' approval.
   */
  public Report report(TenantScope scope, String from, String to, String warehouse, String by) {
    scope.requireRole(Role.SUPERVISOR);
    Accuracy.Granularity granularity;
    if (by == null || by.isBlank() || by.strip().equalsIgnoreCase("week")) {
      granularity = Accuracy.Granularity.WEEK;
    } else if (by.strip().equalsIgnoreCase("month")) {
      granularity = Accuracy.Granularity.MONTH;
    } else {
      throw Problem.badRequest("invalid-field", "by", "a series is by week or by month: " + by);
    }
    LocalDate last =
        to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : day(to, "to");
    LocalDate first = from == null || from.isBlank() ? last.minusDays(29) : day(from, "from");
    if (first.isAfter(last)) {
      throw Problem.badRequest("invalid-field", "to", "the period ends on or after " + first);
    }
    if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw Problem.badRequest(
          "invalid-field", "from", "a period has at most " + MAX_DAYS + " days: ask for less");
    }
    String wh = warehouse == null || warehouse.isBlank() ? null : warehouse.strip();
    if (wh != null && facility.warehouses().stream().noneMatch(w -> w.code().equals(wh))) {
      throw Problem.unprocessable("unknown-warehouse", "warehouse", "no warehouse with code " + wh);
    }
    long fromMs = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long toMs = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    List<Accuracy.CountedLocation> counted =
        rows.countedLocations(scope.tenantId(), fromMs, toMs, wh);
    return new Report(
        first,
        last,
        Accuracy.of(counted),
        Accuracy.byClass(counted),
        granularity.name().toLowerCase(java.util.Locale.ROOT),
        Accuracy.series(counted, granularity));
  }

  private static LocalDate day(String text, String field) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Problem.badRequest("invalid-field", field, "a day is written YYYY-MM-DD: " + text);
    }
  }
}
