package io.unitrace.gs1;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Turns the two-digit years of GS1 dates (YYMMDD) into full years with the sliding window of the
 * GS1 General Specifications section 7.12: relative to the current year, a YY 51 to 99 years ahead
 * belongs to the previous century, one 50 to 99 years back to the next century, anything else to
 * the current century. The current year is re-read at most once a minute so that the rule stays
 * right across New Year without a clock call per scan.
 */
final class CenturyRule {

  private static final long RECHECK_MILLIS = 60_000;
  private static volatile int cachedYear;
  private static volatile long recheckAt;

  private CenturyRule() {}

  static int fullYear(int yy) {
    return fullYear(yy, currentYear());
  }

  static int fullYear(int yy, int currentYear) {
    int century = currentYear / 100;
    int difference = yy - currentYear % 100;
    if (difference >= 51) {
      century--;
    } else if (difference <= -50) {
      century++;
    }
    return century * 100 + yy;
  }

  /** The date of a YYMMDD value; day 00 (unspecified day) means the last day of the month. */
  static LocalDate toLocalDate(String yymmdd) {
    int year = fullYear(twoDigits(yymmdd, 0));
    int month = twoDigits(yymmdd, 2);
    int day = twoDigits(yymmdd, 4);
    return day == 0 ? YearMonth.of(year, month).atEndOfMonth() : LocalDate.of(year, month, day);
  }

  static int twoDigits(String s, int at) {
    return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
  }

  private static int currentYear() {
    long now = System.currentTimeMillis();
    if (now >= recheckAt) {
      cachedYear = LocalDate.now(Clock.systemUTC()).getYear();
      recheckAt = now + RECHECK_MILLIS;
    }
    return cachedYear;
  }
}
