package io.unitrace.returns;

import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import java.time.LocalDate;
import java.util.List;

/**
 * What the returns dock is told about a scanned unit, in plain words: its original sale (and so
 * where the credit goes), whether it may come back (return window, warranty, neither), and every
 * check, each named. {@code refused}: it cannot be taken back into the books at all (never shipped
 * by us, already back). {@code suspicious}: it goes to quarantine with a SUSPECT hold and a case
 * for a supervisor. {@code resaleable} is false when a regulated product's identifier does not
 * match what we shipped.
 */
public record Verdict(
    String gtin,
    String serial,
    String sku,
    String lot,
    LocalDate expiry,
    UnitState state,
    List<Hold> holds,
    Sale sale,
    Eligibility eligibility,
    List<Check> checks,
    boolean refused,
    boolean suspicious,
    boolean resaleable,
    String summary) {

  /** The sale the unit came back against; the credit goes to its channel and order. */
  public record Sale(
      String order,
      String channel,
      String customer,
      String soldTo,
      LocalDate shipDate,
      LocalDate warrantyUntil,
      String creditTo) {}

  /** RETURN_WINDOW or WARRANTY until a date, or NONE. */
  public record Eligibility(Kind kind, LocalDate until, String message) {

    public enum Kind {
      RETURN_WINDOW,
      WARRANTY,
      NONE
    }
  }

  /**
   * One named check. REFUSE: the return cannot be booked; SUSPECT: it is booked into quarantine;
   * INFO: worth saying; PASSED: checked and fine.
   */
  public record Check(String code, Severity severity, String message) {

    public enum Severity {
      REFUSE,
      SUSPECT,
      INFO,
      PASSED
    }
  }

  /** The first check that refuses the return, if any. */
  public java.util.Optional<Check> refusal() {
    return checks.stream().filter(c -> c.severity() == Check.Severity.REFUSE).findFirst();
  }
}
