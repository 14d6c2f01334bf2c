package io.unitrace.ui;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.Units;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a scan at the transfer screens names: a unit (its GS1 code with GTIN and serial, or its
 * serial or another identifier typed or printed plain), an outermost container by its SSCC, or
 * counted goods by a label without a serial (GTIN, lot, the label's count). Read as {@link Lookup}
 * reads the lookup's field: text that announces GS1 is GS1 only; other text is first an identifier,
 * then a raw element string. A scan that names nothing is refused at the field "scan".
 */
@Component
class TransferScan {

  /**
   * One of: {@code unit}, {@code sscc}, or counted goods ({@code gtin}, {@code lot}, {@code
   * count}).
   */
  record Named(UnitRef unit, Sscc sscc, String gtin, String lot, Integer count) {

    boolean counted() {
      return unit == null && sscc == null;
    }
  }

  private final Units units;

  TransferScan(Units units) {
    this.units = units;
  }

  Named read(TenantScope scope, String scan) {
    String text = PickPage.strip(scan);
    if (text == null) {
      throw Problem.badRequest("invalid-field", "scan", "scan a unit, an SSCC or a lot label");
    }
    if (!Lookup.announcesGs1(text)) {
      Optional<Named> byIdentifier = byIdentifier(scope, text);
      if (byIdentifier.isPresent()) {
        return byIdentifier.get();
      }
      if (!Lookup.startsLikeAnElementString(text)) {
        throw Problem.unprocessable("unknown-unit", "scan", Lookup.noSuchIdentifier(scope, text));
      }
    }
    Gs1Data data = Scans.parse(text, "scan");
    if (data.form() == Gs1Data.Form.PLAIN) {
      String plain = data.plainText().orElse("").strip();
      return byIdentifier(scope, plain)
          .orElseThrow(
              () ->
                  Problem.unprocessable(
                      "unknown-unit", "scan", Lookup.noSuchIdentifier(scope, plain)));
    }
    if (data.sscc().isPresent()) {
      return new Named(null, data.sscc().get(), null, null, null);
    }
    Optional<Gtin> gtin = data.gtin();
    if (gtin.isPresent() && data.serial().isPresent()) {
      return new Named(
          new UnitRef(gtin.get(), new Serial(data.serial().get())), null, null, null, null);
    }
    if (gtin.isPresent()) {
      return new Named(
          null,
          null,
          gtin.get().value(),
          data.lot().orElse(null),
          data.count().isPresent() ? Integer.valueOf(data.count().getAsInt()) : null);
    }
    throw Problem.badRequest(
        "scan-not-a-unit",
        "scan",
        "the scan " + data.toBracketed() + " names no unit, container or product");
  }

  /** The one unit with this serial or identifier; several are refused, as too vague. */
  private Optional<Named> byIdentifier(TenantScope scope, String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    CursorPage<Units.UnitView> found =
        units.search(
            scope, new Units.Search(null, null, null, null, null, null, null, null, text), null, 2);
    if (found.items().size() > 1) {
      throw Problem.unprocessable(
          "several-units",
          "scan",
          "Several units have “"
              + Lookup.visible(text)
              + "”: scan the unit's GS1 code (GTIN and serial).");
    }
    return found.items().stream()
        .findFirst()
        .map(
            u ->
                new Named(
                    new UnitRef(new Gtin(u.gtin()), new Serial(u.serial())),
                    null,
                    null,
                    null,
                    null));
  }
}
