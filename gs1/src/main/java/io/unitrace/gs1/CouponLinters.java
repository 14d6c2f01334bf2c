package io.unitrace.gs1;

/**
 * The North American coupon linters: {@code couponcode} for AI (8110) (the NACC layout of the
 * "North American Coupon Application Guideline Using GS1 DataBar Expanded Symbols") and {@code
 * couponposoffer} for AI (8112) (positive offer file coupons). Both are a run of length-prefixed
 * ("VLI") fields walked left to right; the first field that does not fit is reported.
 */
final class CouponLinters {

  private CouponLinters() {}

  static Fault couponcode(String v, int from, int to) {
    Cursor c = new Cursor(v, from, to);
    try {
      c.requireDigits();
      c.skipVli("0123456", 6, "GS1 Company Prefix");
      c.skip(6, "offer code");
      c.skipVli("12345", 0, "save value");
      c.skipVli("12345", 0, "first purchase requirement");
      c.digitIn("012349", "first purchase requirement code");
      c.skip(3, "first purchase family code");
      if (c.optionalField('1')) {
        c.digitIn("0123", "additional purchase rules code");
        c.skipVli("12345", 0, "second purchase requirement");
        c.digitIn("012349", "second purchase requirement code");
        c.skip(3, "second purchase family code");
        c.skipCompanyPrefixOrNone("second purchase GS1 Company Prefix");
      }
      if (c.optionalField('2')) {
        c.skipVli("12345", 0, "third purchase requirement");
        c.digitIn("012349", "third purchase requirement code");
        c.skip(3, "third purchase family code");
        c.skipCompanyPrefixOrNone("third purchase GS1 Company Prefix");
      }
      int expiry = -1;
      if (c.optionalField('3')) {
        expiry = c.date("expiration date");
      }
      if (c.optionalField('4')) {
        int start = c.date("start date");
        if (expiry >= 0
            && v.substring(start, start + 6).compareTo(v.substring(expiry, expiry + 6)) > 0) {
          throw c.fault(start, "coupon expires before it starts");
        }
      }
      if (c.optionalField('5')) {
        c.skipVli("0123456789", 6, "serial number");
      }
      if (c.optionalField('6')) {
        c.skipVli("1234567", 6, "retailer GS1 Company Prefix or GLN");
      }
      if (c.optionalField('9')) {
        c.digitIn("01256", "save value code");
        c.digitIn("012", "save value applies to item");
        c.skip(1, "store coupon flag");
        c.digitIn("01", "don't multiply flag");
      }
      c.requireEnd();
      return null;
    } catch (CouponFault fault) {
      return fault.fault;
    }
  }

  static Fault couponposoffer(String v, int from, int to) {
    Cursor c = new Cursor(v, from, to);
    try {
      c.requireDigits();
      c.digitIn("01", "format code");
      c.skipVli("0123456", 6, "funder ID");
      c.skip(6, "offer code");
      c.skipVli("0123456789", 6, "serial number");
      c.requireEnd();
      return null;
    } catch (CouponFault fault) {
      return fault.fault;
    }
  }

  /**
   * Walks the coupon fields; a field that does not fit ends the walk with a {@link CouponFault}.
   */
  private static final class Cursor {
    private final String v;
    private final int end;
    private int p;

    Cursor(String v, int from, int to) {
      this.v = v;
      this.p = from;
      this.end = to;
    }

    void requireDigits() {
      for (int i = p; i < end; i++) {
        if (v.charAt(i) < '0' || v.charAt(i) > '9') {
          throw fault(i, "a coupon code has digits only");
        }
      }
    }

    /**
     * A one-digit length indicator from {@code allowed}, then that many digits plus {@code extra}.
     */
    void skipVli(String allowed, int extra, String what) {
      char indicator = digitIn(allowed, what + " length indicator");
      skip(indicator - '0' + extra, what);
    }

    // Second and third purchase company prefixes may be left out with indicator 9.
    void skipCompanyPrefixOrNone(String what) {
      char indicator = digitIn("01234569", what + " length indicator");
      if (indicator != '9') {
        skip(indicator - '0' + 6, what);
      }
    }

    char digitIn(String allowed, String what) {
      if (p >= end) {
        throw fault(p, what + " is missing");
      }
      char c = v.charAt(p);
      if (allowed.indexOf(c) < 0) {
        throw fault(p, what + " must be one of " + String.join(",", allowed.split("")));
      }
      p++;
      return c;
    }

    void skip(int length, String what) {
      if (end - p < length) {
        throw fault(p, what + " is cut short");
      }
      p += length;
    }

    boolean optionalField(char indicator) {
      if (p < end && v.charAt(p) == indicator) {
        p++;
        return true;
      }
      return false;
    }

    int date(String what) {
      int at = p;
      skip(6, what);
      if (Linters.yymmdd(v, at, at + 6, false) != null) {
        throw fault(at, what + " is not a valid YYMMDD date");
      }
      return at;
    }

    void requireEnd() {
      if (p != end) {
        throw fault(p, "unexpected data after the last coupon field");
      }
    }

    CouponFault fault(int at, String message) {
      return new CouponFault(Fault.at(Gs1SyntaxException.COUPON, at, message));
    }
  }

  private static final class CouponFault extends RuntimeException {
    final transient Fault fault;

    CouponFault(Fault fault) {
      super(fault.message(), null, false, false);
      this.fault = fault;
    }
  }
}
