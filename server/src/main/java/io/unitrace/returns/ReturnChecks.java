package io.unitrace.returns;

import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import io.unitrace.outbound.Sales;
import io.unitrace.returns.Verdict.Check;
import io.unitrace.returns.Verdict.Check.Severity;
import io.unitrace.returns.Verdict.Eligibility;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict on a returned unit, from its facts alone (pure: no reads, no writes). Every check is
 * named, in the order the dock reads them: is it ours and did we ship it, is it already back, is it
 * the unit we shipped (GTIN, lot, expiry, custom identifiers), does the right customer bring it
 * back under the right authorisation, is it recalled or suspect, may a regulated product be sold
 * again, and is it still returnable or under warranty.
 */
final class ReturnChecks {

  private ReturnChecks() {}

  static Verdict judge(ReturnFacts f) {
    List<Check> checks = new ArrayList<>();
    ReturnFacts.Known u = f.unit();
    ReturnFacts.Scanned s = f.scanned();
    if (u == null) {
      checks.add(
          refuse(
              "never-shipped",
              "No unit with serial “"
                  + s.serial()
                  + "” is on record"
                  + (s.gtin() == null ? "" : " under GTIN " + s.gtin())
                  + ": we never shipped it. Set it aside; it does not enter stock."));
      return verdict(f, checks, null, null);
    }
    Sales.Sale sale = f.sale();
    boolean shipped = u.state() == UnitState.SHIPPED;
    if (sale == null) {
      checks.add(
          refuse(
              "never-shipped",
              "Unit "
                  + u.gtin()
                  + " / "
                  + u.serial()
                  + " was never shipped by us: our records have it "
                  + u.state()
                  + ". The item in hand may be a copy: set it aside and tell a supervisor."));
    } else if (!shipped) {
      checks.add(
          refuse(
              "already-returned",
              "Unit "
                  + u.serial()
                  + " is already back from the customer: it is "
                  + u.state()
                  + ". One unit is returned once."));
    } else {
      checks.add(
          passed(
              "shipped-by-us",
              "Shipped on " + sale.shipDate() + " with order " + sale.order() + "."));
    }
    identity(f, u, s, checks);
    customer(f, sale, checks);
    authorisation(f, u, checks);
    if (u.holds().contains(Hold.RECALL)) {
      checks.add(suspect("recalled", "The unit is under a recall: it goes to quarantine."));
    }
    if (u.holds().contains(Hold.SUSPECT)) {
      checks.add(suspect("suspect", "The unit was already marked suspect: it goes to quarantine."));
    }
    if (f.product() != null && f.product().regulated()) {
      checks.add(regulated(u, s));
    }
    Eligibility eligibility = sale == null ? null : eligibility(sale, f.today());
    if (eligibility != null) {
      checks.add(
          new Check(
              "eligibility",
              eligibility.kind() == Eligibility.Kind.NONE ? Severity.INFO : Severity.PASSED,
              eligibility.message()));
    }
    return verdict(f, checks, sale, eligibility);
  }

  /** The scanned identity against the unit we shipped: GTIN, lot, expiry, custom identifiers. */
  private static void identity(
      ReturnFacts f, ReturnFacts.Known u, ReturnFacts.Scanned s, List<Check> checks) {
    if (s.gtin() != null && !s.gtin().equals(u.gtin())) {
      checks.add(
          suspect(
              "swapped-unit",
              "Serial "
                  + u.serial()
                  + " was shipped as GTIN "
                  + u.gtin()
                  + ", but the unit in hand says GTIN "
                  + s.gtin()
                  + ": not the unit we shipped."));
    }
    if (s.lot() != null && !s.lot().equals(u.lot())) {
      checks.add(
          suspect(
              "swapped-unit",
              "The unit in hand is of lot "
                  + s.lot()
                  + "; serial "
                  + u.serial()
                  + " was shipped from lot "
                  + (u.lot() == null ? "(none)" : u.lot())
                  + "."));
    }
    if (s.expiry() != null && !s.expiry().equals(u.expiry())) {
      checks.add(
          suspect(
              "swapped-unit",
              "The unit in hand expires "
                  + s.expiry()
                  + "; serial "
                  + u.serial()
                  + " was shipped with expiry "
                  + (u.expiry() == null ? "(none)" : u.expiry())
                  + "."));
    }
    for (Map.Entry<String, String> id : f.identifiers().entrySet()) {
      if (id.getKey() == null || id.getValue() == null || id.getValue().isBlank()) {
        continue;
      }
      // a custom field's name is matched whatever its case: the dock types "imei" for IMEI
      String recorded =
          u.fields().entrySet().stream()
              .filter(e -> e.getKey().equalsIgnoreCase(id.getKey().strip()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      if (recorded == null) {
        checks.add(
            info(
                "identifier-not-recorded",
                "No " + id.getKey() + " is on record for this unit to compare with."));
      } else if (!recorded.equalsIgnoreCase(id.getValue().strip())) {
        checks.add(
            suspect(
                "identifier-mismatch",
                "The "
                    + id.getKey()
                    + " on the unit in hand is "
                    + id.getValue().strip()
                    + "; the one recorded for serial "
                    + u.serial()
                    + " is "
                    + recorded
                    + "."));
      } else {
        checks.add(passed("identifier-matches", "The " + id.getKey() + " matches our record."));
      }
    }
  }

  private static void customer(ReturnFacts f, Sales.Sale sale, List<Check> checks) {
    String by = f.returnedBy();
    if (sale == null || by == null || by.isBlank()) {
      return;
    }
    boolean same =
        by.strip().equalsIgnoreCase(Objects.toString(sale.customer(), ""))
            || by.strip().equalsIgnoreCase(Objects.toString(sale.soldTo(), ""));
    if (same) {
      checks.add(passed("same-customer", "Returned by the customer it was sold to."));
    } else {
      checks.add(
          suspect(
              "other-customer",
              "Sold to "
                  + (sale.customer() == null ? sale.soldTo() : sale.customer())
                  + " (order "
                  + sale.order()
                  + "), but returned by "
                  + by.strip()
                  + "."));
    }
  }

  private static void authorisation(ReturnFacts f, ReturnFacts.Known u, List<Check> checks) {
    Rmas.Rma rma = f.rma();
    if (rma == null || rma.kind() == Rmas.Kind.BLIND) {
      return;
    }
    boolean listed = rma.lines().stream().anyMatch(l -> Objects.equals(l.unitId(), u.id()));
    if (listed) {
      checks.add(passed("authorised", "Authorised by " + rma.number() + "."));
      return;
    }
    List<String> serials =
        rma.lines().stream().map(Rmas.Line::serial).filter(Objects::nonNull).toList();
    checks.add(
        suspect(
            "not-authorised",
            rma.number()
                + " authorises "
                + (serials.isEmpty() ? "no serialized unit" : String.join(", ", serials))
                + ", not serial "
                + u.serial()
                + "."));
  }

  /**
   * A regulated product is saleable again only when GTIN, serial, lot and expiry all match what was
   * shipped (a mismatch is already named as a swapped unit; here a missing part is named).
   */
  private static Check regulated(ReturnFacts.Known u, ReturnFacts.Scanned s) {
    List<String> missing = new ArrayList<>();
    if (s.gtin() == null) {
      missing.add("GTIN");
    }
    if (u.lot() != null && s.lot() == null) {
      missing.add("lot");
    }
    if (u.expiry() != null && s.expiry() == null) {
      missing.add("expiry");
    }
    boolean matches =
        Objects.equals(s.gtin(), u.gtin())
            && (u.lot() == null || u.lot().equals(s.lot()))
            && (u.expiry() == null || u.expiry().equals(s.expiry()));
    if (matches) {
      return passed(
          "regulated-verified",
          "Regulated product: GTIN, serial, lot and expiry match what we shipped.");
    }
    return info(
        "regulated-unverified",
        "Regulated product: it may not be sold again until its product identifier is verified"
            + (missing.isEmpty()
                ? " (it does not match what we shipped)."
                : " (the scan lacks the " + String.join(", ", missing) + "): scan its 2D code."));
  }

  static Eligibility eligibility(Sales.Sale sale, LocalDate today) {
    if (sale.shipDate() != null && sale.returnDays() != null) {
      LocalDate until = sale.shipDate().plusDays(sale.returnDays());
      if (!today.isAfter(until)) {
        return new Eligibility(
            Eligibility.Kind.RETURN_WINDOW,
            until,
            "Within " + sale.channel() + "'s return window (until " + until + ").");
      }
    }
    if (sale.warrantyUntil() != null && !today.isAfter(sale.warrantyUntil())) {
      return new Eligibility(
          Eligibility.Kind.WARRANTY,
          sale.warrantyUntil(),
          "Past the return window, under warranty until " + sale.warrantyUntil() + ".");
    }
    return new Eligibility(
        Eligibility.Kind.NONE,
        null,
        "Neither within the return window"
            + (sale.returnDays() == null ? " (the channel has none)" : "")
            + " nor under warranty"
            + (sale.warrantyUntil() == null ? "" : " (it ended " + sale.warrantyUntil() + ")")
            + ".");
  }

  private static Verdict verdict(
      ReturnFacts f, List<Check> checks, Sales.Sale sale, Eligibility eligibility) {
    boolean refused = checks.stream().anyMatch(c -> c.severity() == Severity.REFUSE);
    boolean suspicious = checks.stream().anyMatch(c -> c.severity() == Severity.SUSPECT);
    boolean resaleable =
        !refused
            && !suspicious
            && checks.stream().noneMatch(c -> c.code().equals("regulated-unverified"));
    ReturnFacts.Known u = f.unit();
    Verdict.Sale saleView =
        sale == null
            ? null
            : new Verdict.Sale(
                sale.order(),
                sale.channel(),
                sale.customer(),
                sale.soldTo(),
                sale.shipDate(),
                sale.warrantyUntil(),
                "channel " + sale.channel() + ", order " + sale.order());
    String summary;
    if (refused) {
      summary =
          checks.stream().filter(c -> c.severity() == Severity.REFUSE).findFirst().get().message();
    } else if (suspicious) {
      summary = "Suspicious return: quarantine it with a SUSPECT hold; a supervisor decides.";
    } else {
      summary =
          "Clean return: to inspection."
              + (resaleable ? "" : " Not resaleable until its identifier is verified.");
    }
    return new Verdict(
        u == null ? f.scanned().gtin() : u.gtin(),
        u == null ? f.scanned().serial() : u.serial(),
        f.product() == null ? null : f.product().sku(),
        u == null ? null : u.lot(),
        u == null ? null : u.expiry(),
        u == null ? null : u.state(),
        u == null ? List.of() : u.holds(),
        saleView,
        eligibility,
        List.copyOf(checks),
        refused,
        suspicious,
        resaleable,
        summary);
  }

  private static Check refuse(String code, String message) {
    return new Check(code, Severity.REFUSE, message);
  }

  private static Check suspect(String code, String message) {
    return new Check(code, Severity.SUSPECT, message);
  }

  private static Check info(String code, String message) {
    return new Check(code, Severity.INFO, message);
  }

  private static Check passed(String code, String message) {
    return new Check(code, Severity.PASSED, message);
  }
}
