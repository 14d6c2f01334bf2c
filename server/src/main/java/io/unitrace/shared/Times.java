package io.unitrace.shared;

import java.time.Instant;
import java.time.LocalDate;

/**
 * How times are stored on both engines: instants as epoch milliseconds (BIGINT, UTC), calendar
 * dates as ISO text {@code yyyy-MM-dd}, which sorts as it reads. ADR 0001 says why.
 */
public final class Times {

  private Times() {}

  public static Instant instant(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }

  public static LocalDate date(String iso) {
    return iso == null ? null : LocalDate.parse(iso);
  }

  public static String iso(LocalDate date) {
    return date == null ? null : date.toString();
  }
}
