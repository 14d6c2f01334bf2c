package io.unitrace.returns;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.LotCode;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * Request text of warranty and service turned into values, or refused with a problem that names the
 * field it came in. Bad input is refused here, before anything is read or written.
 */
final class WarrantyInput {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private WarrantyInput() {}

  static Gtin gtin(String field, String text) {
    if (text == null || text.isBlank()) {
      throw Problem.badRequest("invalid-field", field, field + " is required: a GTIN");
    }
    if (!text.strip().chars().allMatch(Character::isDigit)) {
      throw Problem.badRequest("invalid-gtin", field, "a GTIN has digits only");
    }
    try {
      return Gtin.parse(text);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", field, e.getMessage());
    }
  }

  /**
   * The unit a request names: by {@code scan} (any GS1 form) or by {@code gtin} and {@code serial};
   * {@code prefix} is prepended to the field names ("replacement." or "").
   */
  static UnitRef unit(String prefix, String scan, String gtin, String serial) {
    if (scan != null && !scan.isBlank()) {
      return Scans.unit(scan, prefix + "scan");
    }
    return new UnitRef(
        gtin(prefix + "gtin", gtin),
        CatalogInput.serial(prefix + "serial", serial == null ? null : serial.strip()));
  }

  static LotCode lot(String field, String text) {
    return CatalogInput.lot(field, text == null ? null : text.strip());
  }

  static LocalDate date(String field, String text) {
    if (text == null || text.isBlank()) {
      throw Problem.badRequest("invalid-field", field, field + " is required: a date, yyyy-MM-dd");
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Problem.badRequest("invalid-date", field, field + " is a date: yyyy-MM-dd");
    }
  }

  static OffsetDateTime time(String field, String text) {
    try {
      return OffsetDateTime.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(
          "invalid-time", field, field + " is a time with its offset: 2026-03-01T14:30:00+01:00");
    }
  }

  /** Required text, stripped, at most {@code max} characters. */
  static String text(String field, String text, int max) {
    if (text == null || text.isBlank()) {
      throw Problem.badRequest("invalid-field", field, field + " is required");
    }
    return optional(field, text, max);
  }

  /** Optional text, stripped (blank: none), at most {@code max} characters. */
  static String optional(String field, String text, int max) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.strip();
    if (s.length() > max) {
      throw Problem.badRequest(
          "invalid-field", field, field + " is too long: at most " + max + " characters");
    }
    return s;
  }

  /** An e-mail address, lower case: it names the party that registers. */
  static String email(String field, String text) {
    String s = text(field, text, 254).toLowerCase(java.util.Locale.ROOT);
    if (!EMAIL.matcher(s).matches()) {
      throw Problem.badRequest("invalid-email", field, field + " is not an e-mail address");
    }
    return s;
  }

  /** A money amount as minor units of its currency ("12.50" EUR: 1250). */
  record Money(long minor, Currency currency) {

    String amount() {
      return BigDecimal.valueOf(minor, Math.max(0, currency.getDefaultFractionDigits()))
          .toPlainString();
    }
  }

  static Money money(String amountField, String amount, String currencyField, String currency) {
    if (currency == null || currency.isBlank()) {
      throw Problem.badRequest(
          "invalid-field", currencyField, "a cost needs its currency: an ISO 4217 code (EUR)");
    }
    Currency c;
    try {
      c = Currency.getInstance(currency.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "invalid-currency", currencyField, currency + " is not an ISO 4217 currency code");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(amount == null ? "" : amount.strip());
    } catch (NumberFormatException e) {
      throw Problem.badRequest(
          "invalid-amount", amountField, "the amount is a decimal number, e.g. 12.50");
    }
    if (value.signum() < 0) {
      throw Problem.badRequest("invalid-amount", amountField, "the amount is not negative");
    }
    int digits = Math.max(0, c.getDefaultFractionDigits());
    try {
      return new Money(value.setScale(digits).unscaledValue().longValueExact(), c);
    } catch (ArithmeticException e) {
      throw Problem.badRequest(
          "invalid-amount",
          amountField,
          c.getCurrencyCode() + " amounts have " + digits + " decimals at most");
    }
  }
}
