package io.unitrace.returns;

import io.unitrace.catalog.Product;
import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.ledger.Units;
import io.unitrace.outbound.Sales;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads the facts a return's verdict needs, in one pass: the scan (any GS1 form, a serial, an IMEI
 * or another custom identifier), the unit it leads to, its product and its last sale, and the RMA.
 * A scan of a GTIN and serial we do not have under that GTIN still finds a unit shipped under
 * another GTIN with the same serial, so a swapped unit is named rather than called unknown.
 */
@Component
class ReturnFactGathering {

  private final Units units;
  private final Sales sales;
  private final Clock clock;

  ReturnFactGathering(Units units, Sales sales, Clock clock) {
    this.units = units;
    this.sales = sales;
    this.clock = clock;
  }

  ReturnFacts gather(
      TenantScope scope,
      String scan,
      Rmas.Rma rma,
      String returnedBy,
      Map<String, String> identifiers) {
    ReturnFacts.Scanned scanned = read(scope, scan);
    Optional<Units.Located> found = find(scope, scanned);
    ReturnFacts.Known known = null;
    Product product = null;
    Sales.Sale sale = null;
    if (found.isPresent()) {
      Units.Located l = found.get();
      Units.UnitView v = l.view();
      known =
          new ReturnFacts.Known(
              l.id(),
              v.gtin(),
              v.serial(),
              v.sku(),
              v.lot(),
              v.expiry(),
              v.state(),
              v.holds(),
              v.fields());
      product = l.product();
      sale = sales.ofUnit(scope.tenantId(), l.id()).orElse(null);
    }
    String by = returnedBy;
    if ((by == null || by.isBlank()) && rma != null) {
      by = rma.customer();
    }
    return new ReturnFacts(
        scanned,
        known,
        product,
        sale,
        rma,
        by,
        identifiers == null ? Map.of() : identifiers,
        LocalDate.now(clock.withZone(ZoneOffset.UTC)));
  }

  /** What the scan says: GS1 data read strictly, anything else a serial or custom identifier. */
  ReturnFacts.Scanned read(TenantScope scope, String scan) {
    if (scan == null || scan.isBlank()) {
      throw Problem.badRequest("invalid-field", "scan", "scan the returned unit");
    }
    String text = scan.strip();
    if (!announcesGs1(text)) {
      return new ReturnFacts.Scanned(text, null, text, null, null);
    }
    Gs1Data data = Scans.parse(text, "scan");
    if (data.form() == Gs1Data.Form.PLAIN) {
      String plain = data.plainText().orElse("").strip();
      return new ReturnFacts.Scanned(plain, null, plain, null, null);
    }
    UnitRef ref = Scans.unit(text, "scan");
    return new ReturnFacts.Scanned(
        text,
        ref.gtin().value(),
        ref.serial().value(),
        data.lot().orElse(null),
        data.expiry().orElse(null));
  }

  /**
   * The unit a scan leads to, read once with its id and product (the verdict's hot path: one read
   * of the unit, one of its product, then its sale). Only a scan without a GTIN searches by serial
   * first.
   */
  private Optional<Units.Located> find(TenantScope scope, ReturnFacts.Scanned s) {
    if (s.gtin() != null) {
      Optional<Units.Located> exact = units.locate(scope, ref(s.gtin(), s.serial()));
      if (exact.isPresent()) {
        return exact;
      }
    }
    List<Units.UnitView> matches =
        units
            .search(
                scope,
                new Units.Search(null, null, null, null, null, null, null, null, s.serial()),
                null,
                20)
            .items();
    Units.UnitView match;
    if (matches.size() > 1) {
      List<Units.UnitView> shipped =
          matches.stream().filter(u -> u.state() == UnitState.SHIPPED).toList();
      if (shipped.size() != 1) {
        throw Problem.conflict(
                "ambiguous-scan",
                "scan",
                "“"
                    + s.serial()
                    + "” names "
                    + matches.size()
                    + " units: scan the GS1 code that carries the GTIN too")
            .with("units", matches.stream().map(u -> u.gtin() + "/" + u.serial()).toList());
      }
      match = shipped.get(0);
    } else if (matches.size() == 1) {
      match = matches.get(0);
    } else {
      return Optional.empty();
    }
    return Optional.of(units.locate(scope, ref(match.gtin(), match.serial())).orElseThrow());
  }

  private static UnitRef ref(String gtin, String serial) {
    return new UnitRef(io.unitrace.gs1.Gtin.parse(gtin), new Serial(serial));
  }

  /** Input that says it is GS1: brackets, an AIM prefix, a URI, a GS character, or (01) digits. */
  static boolean announcesGs1(String text) {
    return text.startsWith("(")
        || text.startsWith("]")
        || text.regionMatches(true, 0, "http://", 0, 7)
        || text.regionMatches(true, 0, "https://", 0, 8)
        || text.indexOf('\u001d') >= 0
        || (text.matches("01\\d{14}21.+"));
  }
}
