package io.unitrace.gs1;

import java.util.Map;
import java.util.Set;

/**
 * The content checks ("linters") that the GS1 Barcode Syntax Dictionary names, looked up by name
 * when the dictionary is loaded. Each follows the GS1 reference linter of the same name; the error
 * codes group them by business meaning ({@code yymmd0}, {@code yymmdd} and {@code yyyymmdd} all
 * report {@code date}). A dictionary that names a linter missing here fails to load, so a newer
 * dictionary cannot silently skip a check.
 */
final class Linters {

  private static final String CSET82 =
      "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  private static final String CSET32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final int[] PRIMES = firstPrimes(97);

  /** Shortest GS1 Company Prefix, in digits. */
  private static final int GCP_MIN_LENGTH = 4;

  private static final Map<String, Linter> BY_NAME =
      Map.ofEntries(
          Map.entry("csum", Linters::csum),
          Map.entry("csumalpha", Linters::csumalpha),
          Map.entry("gcppos1", (v, f, t) -> companyPrefix(v, f, t)),
          Map.entry("key", (v, f, t) -> companyPrefix(v, f, t)),
          Map.entry("gcppos2", Linters::companyPrefixAfterIndicator),
          Map.entry("keyoff1", Linters::companyPrefixAfterIndicator),
          Map.entry("yymmd0", (v, f, t) -> yymmdd(v, f, t, true)),
          Map.entry("yymmdd", (v, f, t) -> yymmdd(v, f, t, false)),
          Map.entry("yyyymmd0", (v, f, t) -> yyyymmdd(v, f, t, true)),
          Map.entry("yyyymmdd", (v, f, t) -> yyyymmdd(v, f, t, false)),
          Map.entry("hh", (v, f, t) -> timePart(v, f, t, 23, "hour")),
          Map.entry("mi", (v, f, t) -> timePart(v, f, t, 59, "minute")),
          Map.entry("ss", (v, f, t) -> timePart(v, f, t, 59, "second")),
          Map.entry("hhmi", Linters::hhmi),
          Map.entry("hhmm", Linters::hhmi),
          Map.entry(
              "iso3166",
              (v, f, t) ->
                  listed(
                      v,
                      f,
                      t,
                      CodeList.ISO3166,
                      Gs1SyntaxException.COUNTRY,
                      "an ISO 3166 numeric country code")),
          Map.entry("iso3166999", Linters::iso3166or999),
          Map.entry(
              "iso3166alpha2",
              (v, f, t) ->
                  listed(
                      v,
                      f,
                      t,
                      CodeList.ISO3166_ALPHA2,
                      Gs1SyntaxException.COUNTRY,
                      "an ISO 3166 alpha-2 country code")),
          Map.entry(
              "iso4217",
              (v, f, t) ->
                  listed(
                      v,
                      f,
                      t,
                      CodeList.ISO4217,
                      Gs1SyntaxException.CURRENCY,
                      "an ISO 4217 numeric currency code")),
          Map.entry(
              "packagetype",
              (v, f, t) ->
                  listed(
                      v,
                      f,
                      t,
                      CodeList.PACKAGE_TYPES,
                      Gs1SyntaxException.PACKAGE_TYPE,
                      "a PackageTypeCode")),
          Map.entry(
              "mediatype",
              (v, f, t) ->
                  listed(
                      v,
                      f,
                      t,
                      CodeList.MEDIA_TYPES,
                      Gs1SyntaxException.MEDIA_TYPE,
                      "an AIDC media type")),
          Map.entry(
              "iso5218",
              (v, f, t) ->
                  oneOf(
                      v,
                      f,
                      t,
                      "0129",
                      Gs1SyntaxException.SEX_CODE,
                      "an ISO 5218 sex code (0, 1, 2 or 9)")),
          Map.entry(
              "winding",
              (v, f, t) ->
                  oneOf(
                      v,
                      f,
                      t,
                      "019",
                      Gs1SyntaxException.WINDING,
                      "a winding direction (0, 1 or 9)")),
          Map.entry(
              "yesno",
              (v, f, t) -> oneOf(v, f, t, "01", Gs1SyntaxException.YES_NO, "0 (no) or 1 (yes)")),
          Map.entry(
              "zero", (v, f, t) -> oneOf(v, f, t, "0", Gs1SyntaxException.ZERO_REQUIRED, "0")),
          Map.entry("hyphen", Linters::hyphen),
          Map.entry("nonzero", Linters::nonzero),
          Map.entry("nozeroprefix", Linters::nozeroprefix),
          Map.entry("hasnondigit", Linters::hasnondigit),
          Map.entry("importeridx", Linters::importeridx),
          Map.entry("latitude", (v, f, t) -> coordinate(v, f, t, 1_800_000_000L, "latitude")),
          Map.entry("longitude", (v, f, t) -> coordinate(v, f, t, 3_600_000_000L, "longitude")),
          Map.entry("pcenc", Linters::pcenc),
          Map.entry("pieceoftotal", Linters::pieceoftotal),
          Map.entry("posinseqslash", Linters::posinseqslash),
          Map.entry("iban", Linters::iban),
          Map.entry("couponcode", CouponLinters::couponcode),
          Map.entry("couponposoffer", CouponLinters::couponposoffer));

  private Linters() {}

  /** The linter the dictionary calls {@code name}; unknown names are a broken dictionary. */
  static Linter named(String name) {
    Linter linter = BY_NAME.get(name);
    if (linter == null) {
      throw new IllegalStateException(
          "the syntax dictionary names linter '"
              + name
              + "', which this library does not implement yet");
    }
    return linter;
  }

  static Set<String> names() {
    return BY_NAME.keySet();
  }

  // GS1 modulo-10 check digit over the whole component.
  static Fault csum(String v, int from, int to) {
    if (to - from < 2) {
      return Fault.at(Gs1SyntaxException.CHECK_DIGIT, from, "too short to carry a check digit");
    }
    int sum = 0;
    int weight = 3;
    for (int i = to - 2; i >= from; i--) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return Fault.at(Gs1SyntaxException.CHECK_DIGIT, i, "a check digit needs digits only");
      }
      sum += (c - '0') * weight;
      weight = 4 - weight;
    }
    char expected = (char) ('0' + (10 - sum % 10) % 10);
    if (v.charAt(to - 1) != expected) {
      return Fault.at(
          Gs1SyntaxException.CHECK_DIGIT,
          to - 1,
          "check digit is " + v.charAt(to - 1) + " but should be " + expected);
    }
    return null;
  }

  // GS1 alphanumeric check character pair (General Specifications 7.9.5): data characters weighted
  // by increasing primes from the right, modulo 1021, split into two CSET 32 characters.
  static Fault csumalpha(String v, int from, int to) {
    int len = to - from;
    if (len < 2) {
      return Fault.at(
          Gs1SyntaxException.CHECK_PAIR, from, "too short to carry a check character pair");
    }
    if (len - 2 > PRIMES.length) {
      return Fault.at(Gs1SyntaxException.CHECK_PAIR, from, "too long for a check character pair");
    }
    int sum = 0;
    for (int i = 0; i < len - 2; i++) {
      int value = CSET82.indexOf(v.charAt(from + i));
      if (value < 0) {
        return Fault.at(
            Gs1SyntaxException.CHECK_PAIR, from + i, "character outside GS1 character set 82");
      }
      sum += value * PRIMES[len - 3 - i];
    }
    sum %= 1021;
    char first = CSET32.charAt(sum >> 5);
    char second = CSET32.charAt(sum & 31);
    if (v.charAt(to - 2) != first || v.charAt(to - 1) != second) {
      return Fault.at(
          Gs1SyntaxException.CHECK_PAIR,
          to - 2,
          "check characters are " + v.substring(to - 2, to) + " but should be " + first + second);
    }
    return null;
  }

  // A GS1 key starts with a GS1 Company Prefix: at least four digits. Which prefixes are really
  // allocated would need GS1's registry, which an offline library cannot ask.
  static Fault companyPrefix(String v, int from, int to) {
    if (to - from < GCP_MIN_LENGTH) {
      return Fault.at(
          Gs1SyntaxException.COMPANY_PREFIX, from, "too short to start with a GS1 Company Prefix");
    }
    for (int i = from; i < from + GCP_MIN_LENGTH; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return Fault.at(
            Gs1SyntaxException.COMPANY_PREFIX, i, "a GS1 Company Prefix has digits only");
      }
    }
    return null;
  }

  // GTIN-14, ITIP and friends: the company prefix follows an indicator digit.
  static Fault companyPrefixAfterIndicator(String v, int from, int to) {
    if (to - from < 1) {
      return Fault.at(
          Gs1SyntaxException.COMPANY_PREFIX, from, "too short to start with a GS1 Company Prefix");
    }
    return companyPrefix(v, from + 1, to);
  }

  static Fault yymmdd(String v, int from, int to, boolean unspecifiedDay) {
    if (to - from != 6 || !allDigits(v, from, to)) {
      return Fault.at(Gs1SyntaxException.DATE, from, "a date must be six digits YYMMDD");
    }
    int year = CenturyRule.fullYear(CenturyRule.twoDigits(v, from));
    return calendarDate(v, from, year, from + 2, unspecifiedDay);
  }

  static Fault yyyymmdd(String v, int from, int to, boolean unspecifiedDay) {
    if (to - from != 8 || !allDigits(v, from, to)) {
      return Fault.at(Gs1SyntaxException.DATE, from, "a date must be eight digits YYYYMMDD");
    }
    int year = CenturyRule.twoDigits(v, from) * 100 + CenturyRule.twoDigits(v, from + 2);
    return calendarDate(v, from, year, from + 4, unspecifiedDay);
  }

  private static Fault calendarDate(
      String v, int from, int year, int monthAt, boolean unspecifiedDay) {
    int month = CenturyRule.twoDigits(v, monthAt);
    if (month < 1 || month > 12) {
      return Fault.at(
          Gs1SyntaxException.DATE,
          monthAt,
          "there is no month " + v.substring(monthAt, monthAt + 2));
    }
    int day = CenturyRule.twoDigits(v, monthAt + 2);
    if (day == 0 && unspecifiedDay) {
      return null;
    }
    int daysInMonth =
        switch (month) {
          case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
          case 4, 6, 9, 11 -> 30;
          default -> 31;
        };
    if (day < 1 || day > daysInMonth) {
      return Fault.at(
          Gs1SyntaxException.DATE,
          monthAt + 2,
          "there is no day "
              + v.substring(monthAt + 2, monthAt + 4)
              + " in "
              + year
              + "-"
              + v.substring(monthAt, monthAt + 2));
    }
    return null;
  }

  private static Fault timePart(String v, int from, int to, int max, String what) {
    if (to - from != 2 || !allDigits(v, from, to)) {
      return Fault.at(Gs1SyntaxException.TIME, from, "a " + what + " must be two digits");
    }
    if (CenturyRule.twoDigits(v, from) > max) {
      return Fault.at(
          Gs1SyntaxException.TIME, from, "there is no " + what + " " + v.substring(from, to));
    }
    return null;
  }

  static Fault hhmi(String v, int from, int to) {
    if (to - from != 4) {
      return Fault.at(Gs1SyntaxException.TIME, from, "a time must be four digits HHMM");
    }
    Fault hour = timePart(v, from, from + 2, 23, "hour");
    return hour != null ? hour : timePart(v, from + 2, to, 59, "minute");
  }

  private static Fault listed(String v, int from, int to, CodeList list, String code, String what) {
    return list.contains(v, from, to)
        ? null
        : Fault.at(code, from, v.substring(from, to) + " is not " + what);
  }

  // Processor country (7030-7039) may also be 999, "country not known".
  static Fault iso3166or999(String v, int from, int to) {
    if (to - from == 3 && v.startsWith("999", from)) {
      return null;
    }
    return listed(
        v,
        from,
        to,
        CodeList.ISO3166,
        Gs1SyntaxException.COUNTRY,
        "an ISO 3166 numeric country code or 999");
  }

  private static Fault oneOf(String v, int from, int to, String allowed, String code, String what) {
    if (to - from == 1 && allowed.indexOf(v.charAt(from)) >= 0) {
      return null;
    }
    return Fault.at(code, from, "must be " + what);
  }

  static Fault hyphen(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (v.charAt(i) != '-') {
        return Fault.at(
            Gs1SyntaxException.HYPHEN_REQUIRED, i, "only '-' (below zero) is allowed here");
      }
    }
    return null;
  }

  static Fault nonzero(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (v.charAt(i) != '0') {
        return null;
      }
    }
    return Fault.at(Gs1SyntaxException.ZERO_NOT_ALLOWED, from, "must not be zero");
  }

  static Fault nozeroprefix(String v, int from, int to) {
    if (to - from > 1 && v.charAt(from) == '0') {
      return Fault.at(Gs1SyntaxException.ZERO_PREFIX, from, "must not start with 0");
    }
    return null;
  }

  static Fault hasnondigit(String v, int from, int to) {
    return allDigits(v, from, to)
        ? Fault.at(
            Gs1SyntaxException.NON_DIGIT_REQUIRED, from, "must contain at least one non-digit")
        : null;
  }

  // EU 2018/574 tobacco traceability importer index: one of - 0-9 A-Z _ a-z.
  static Fault importeridx(String v, int from, int to) {
    if (to - from != 1) {
      return Fault.at(
          Gs1SyntaxException.IMPORTER_INDEX, from, "an importer index is one character");
    }
    char c = v.charAt(from);
    boolean ok =
        c == '-'
            || c == '_'
            || (c >= '0' && c <= '9')
            || (c >= 'A' && c <= 'Z')
            || (c >= 'a' && c <= 'z');
    return ok
        ? null
        : Fault.at(Gs1SyntaxException.IMPORTER_INDEX, from, "'" + c + "' is not an importer index");
  }

  // Latitude and longitude are carried as ten digits offset so that they are never negative:
  // latitude + 90 and longitude + 180 degrees, in units of 10^-7 degrees.
  private static Fault coordinate(String v, int from, int to, long max, String what) {
    if (to - from != 10 || !allDigits(v, from, to)) {
      return Fault.at(Gs1SyntaxException.COORDINATE, from, "a " + what + " must be ten digits");
    }
    long value = Long.parseLong(v, from, to, 10);
    return value > max
        ? Fault.at(Gs1SyntaxException.COORDINATE, from, what + " out of range")
        : null;
  }

  static Fault pcenc(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (v.charAt(i) == '%') {
        if (i + 2 >= to
            || Character.digit(v.charAt(i + 1), 16) < 0
            || Character.digit(v.charAt(i + 2), 16) < 0) {
          return Fault.at(
              Gs1SyntaxException.PERCENT_ENCODING, i, "'%' must be followed by two hex digits");
        }
        i += 2;
      }
    }
    return null;
  }

  // PPTT: piece number then total, equal widths, both non-zero, piece not above total.
  static Fault pieceoftotal(String v, int from, int to) {
    int len = to - from;
    if (len == 0 || len % 2 != 0 || !allDigits(v, from, to)) {
      return Fault.at(
          Gs1SyntaxException.PIECE_OF_TOTAL,
          from,
          "piece of total must be two equally long numbers");
    }
    int half = len / 2;
    boolean pieceZero = true;
    boolean totalZero = true;
    int compare = 0;
    for (int i = 0; i < half; i++) {
      char p = v.charAt(from + i);
      char t = v.charAt(from + half + i);
      pieceZero &= p == '0';
      totalZero &= t == '0';
      if (compare == 0 && p != t) {
        compare = p < t ? -1 : 1;
      }
    }
    if (pieceZero) {
      return Fault.at(Gs1SyntaxException.PIECE_OF_TOTAL, from, "piece number must not be zero");
    }
    if (totalZero) {
      return Fault.at(Gs1SyntaxException.PIECE_OF_TOTAL, from + half, "total must not be zero");
    }
    return compare > 0
        ? Fault.at(Gs1SyntaxException.PIECE_OF_TOTAL, from, "piece number exceeds the total")
        : null;
  }

  // "<pos>/<end>", both without leading zeros, pos not above end.
  static Fault posinseqslash(String v, int from, int to) {
    int slash = from;
    while (slash < to && v.charAt(slash) >= '0' && v.charAt(slash) <= '9') {
      slash++;
    }
    if (slash == from
        || slash >= to - 1
        || v.charAt(slash) != '/'
        || !allDigits(v, slash + 1, to)) {
      return Fault.at(
          Gs1SyntaxException.POSITION_IN_SEQUENCE, from, "must be <position>/<count>, e.g. 1/2");
    }
    if (v.charAt(from) == '0') {
      return Fault.at(
          Gs1SyntaxException.POSITION_IN_SEQUENCE,
          from,
          "position must not be zero or start with 0");
    }
    if (v.charAt(slash + 1) == '0') {
      return Fault.at(
          Gs1SyntaxException.POSITION_IN_SEQUENCE,
          slash + 1,
          "count must not be zero or start with 0");
    }
    int posLen = slash - from;
    int endLen = to - slash - 1;
    boolean exceeds =
        posLen > endLen
            || (posLen == endLen
                && v.substring(from, slash).compareTo(v.substring(slash + 1, to)) > 0);
    return exceeds
        ? Fault.at(Gs1SyntaxException.POSITION_IN_SEQUENCE, from, "position exceeds the count")
        : null;
  }

  // ISO 13616 IBAN: country code, two check digits, BBAN; mod 97 of the rearranged number is 1.
  static Fault iban(String v, int from, int to) {
    if (to - from < 5) {
      return Fault.at(Gs1SyntaxException.IBAN, from, "too short for an IBAN");
    }
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return Fault.at(Gs1SyntaxException.IBAN, i, "an IBAN has digits and capital letters only");
      }
    }
    if (!CodeList.ISO3166_ALPHA2.contains(v, from, from + 2)) {
      return Fault.at(
          Gs1SyntaxException.IBAN, from, v.substring(from, from + 2) + " is not a country code");
    }
    int remainder = 0;
    for (int k = 0; k < to - from; k++) {
      char c = v.charAt(from + (k + 4) % (to - from));
      int value = c <= '9' ? c - '0' : c - 'A' + 10;
      remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value;
      remainder %= 97;
    }
    return remainder == 1
        ? null
        : Fault.at(Gs1SyntaxException.IBAN, from + 2, "IBAN check digits are wrong");
  }

  static boolean allDigits(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int[] firstPrimes(int count) {
    int[] primes = new int[count];
    int found = 0;
    for (int candidate = 2; found < count; candidate++) {
      boolean prime = true;
      for (int i = 0; i < found && primes[i] * primes[i] <= candidate; i++) {
        if (candidate % primes[i] == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        primes[found++] = candidate;
      }
    }
    return primes;
  }
}
