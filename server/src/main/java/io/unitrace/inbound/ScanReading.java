package io.unitrace.inbound;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the dock sends into candidates to judge: a scan's GS1 data, a plain serial after a
 * product scan, typed parts, counted quantities (AI 30, or typed). Pure: it reads no facts, so a
 * GTIN scanned without a serial comes back as {@link Read.ProductScan}, for the caller to decide
 * once it knows the product's tracking. Bad input is refused here, before anything is read or
 * written.
 */
final class ScanReading {

  /** The most one scan or listed item receives of counted goods. */
  static final int MAX_QUANTITY = 1_000_000;

  /** What one scan turned out to be. */
  sealed interface Read {}

  /** An SSCC without a GTIN: an announced container, received with its content. */
  record Container(Sscc sscc) implements Read {}

  /**
   * A GTIN without a serial: a product selected for plain serials to follow (serialized), a
   * quantity (lot-tracked or untracked) or an item nobody can identify (no such product).
   */
  record ProductScan(Gtin gtin, Receiving.ScanRequest request, Gs1Data data) implements Read {

    /** The scan as an item of no known product, recorded as one. */
    Candidate unidentified() {
      return candidate(request, gtin.value(), null, data, "");
    }

    /** The scan as a quantity of counted goods. */
    Candidate counted() {
      return ScanReading.counted(request, gtin.value(), data, "");
    }
  }

  /** One item to judge. */
  record Item(Candidate candidate) implements Read {}

  private ScanReading() {}

  /** The request's key: the client's Idempotency-Key, or a fresh one. */
  static String requestKey(String idempotencyKey) {
    String key =
        idempotencyKey == null || idempotencyKey.isBlank()
            ? "auto:" + UUID.randomUUID()
            : idempotencyKey.strip();
    if (key.length() > 80) {
      throw Problem.badRequest(
          "invalid-header", "Idempotency-Key", "an Idempotency-Key has at most 80 characters here");
    }
    return key;
  }

  /** One scan at the dock: scanned text, or typed gtin and serial, or gtin and quantity. */
  static Read scan(Receiving.ScanRequest s) {
    if (s == null || (blank(s.scan()) && blank(s.serial()) && blank(s.gtin()))) {
      throw Problem.badRequest(
          "invalid-field",
          "scan",
          "scan is required: the scanned text (or gtin and serial, or gtin and quantity)");
    }
    Gs1Data data = blank(s.scan()) ? null : parsed(s);
    if (data != null && data.sscc().isPresent() && data.gtin().isEmpty()) {
      return new Container(data.sscc().get());
    }
    if (data != null && data.gtin().isEmpty()) {
      throw Problem.badRequest(
          "scan-not-receivable",
          "scan",
          "the scan "
              + data.toBracketed()
              + " holds no GTIN (01) and no SSCC (00): it names nothing to receive");
    }
    if (data != null && data.gtin().isPresent() && data.serial().isEmpty()) {
      return new ProductScan(data.gtin().get(), s, data);
    }
    if (data != null) {
      return new Item(candidate(s, data.gtin().get().value(), data.serial().get(), data, ""));
    }
    String gtin = !blank(s.gtin()) ? s.gtin() : s.product();
    if (blank(s.scan()) && blank(s.serial())) {
      return new Item(counted(s, gtinOf(gtin, "gtin").value(), null, ""));
    }
    if (blank(gtin)) {
      throw Problem.badRequest(
          "product-required",
          "product",
          "a plain serial needs its product: scan the product's GTIN first");
    }
    String serial = blank(s.serial()) ? s.scan().strip() : s.serial().strip();
    return new Item(
        candidate(s, gtinOf(gtin, blank(s.gtin()) ? "product" : "gtin").value(), serial, null, ""));
  }

  /**
   * The items of a bulk confirmation, each a scan, a gtin and a serial, or a gtin and a quantity; a
   * refusal names the item ("items[3].scan").
   */
  static List<Candidate> listed(List<Receiving.ScanRequest> items) {
    List<Candidate> candidates = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Receiving.ScanRequest s = items.get(i);
      String at = "items[" + i + "]";
      if (s == null) {
        throw Problem.badRequest("invalid-field", at, "an item is empty");
      }
      if (!blank(s.scan())) {
        Gs1Data data = Scans.parse(s.scan(), at + ".scan");
        if (data.gtin().isEmpty()) {
          throw Problem.badRequest(
              "scan-not-a-unit",
              at + ".scan",
              "the scan " + data.toBracketed() + " names no item: it needs (01)");
        }
        candidates.add(
            data.serial().isPresent()
                ? candidate(s, data.gtin().get().value(), data.serial().get(), data, at + ".")
                : counted(s, data.gtin().get().value(), data, at + "."));
      } else {
        if (blank(s.gtin())) {
          throw Problem.badRequest(
              "invalid-field",
              at,
              "an item is a scan, a gtin and a serial, or a gtin and a quantity");
        }
        String gtin = gtinOf(s.gtin(), at + ".gtin").value();
        candidates.add(
            blank(s.serial())
                ? counted(s, gtin, null, at + ".")
                : candidate(s, gtin, s.serial().strip(), null, at + "."));
      }
    }
    return candidates;
  }

  /** The units named for a container built on the dock: each a scan, or a gtin and a serial. */
  static List<UnitRef> units(List<Receiving.ScanRequest> units) {
    if (units == null || units.isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name the units to put in the container");
    }
    List<UnitRef> refs = new ArrayList<>(units.size());
    for (int i = 0; i < units.size(); i++) {
      Receiving.ScanRequest s = units.get(i);
      String at = "units[" + i + "]";
      if (s == null || (blank(s.scan()) && (blank(s.gtin()) || blank(s.serial())))) {
        throw Problem.badRequest("invalid-field", at, "a unit is a scan, or a gtin and a serial");
      }
      refs.add(
          !blank(s.scan())
              ? Scans.unit(s.scan(), at + ".scan")
              : new UnitRef(
                  gtinOf(s.gtin(), at + ".gtin"),
                  CatalogInput.serial("serial", s.serial().strip())));
    }
    return refs;
  }

  private static Candidate candidate(
      Receiving.ScanRequest s, String gtin, String serial, Gs1Data data, String at) {
    String vendorLot =
        blank(s.vendorLot())
            ? null
            : CatalogInput.lot(at + "vendorLot", s.vendorLot().strip()).value();
    String lot =
        data != null && data.lot().isPresent()
            ? data.lot().get()
            : blank(s.lot()) ? null : s.lot().strip();
    LocalDate expiry = data != null && data.expiry().isPresent() ? data.expiry().get() : s.expiry();
    LocalDate made =
        data != null && data.productionDate().isPresent()
            ? data.productionDate().get()
            : s.manufactured();
    // Typed, or read off a plain barcode: the unit carries no GS1 label of its own, so it gets one
    // printed.
    boolean needsLabel = data == null;
    return new Candidate(
        gtin,
        serial,
        lot,
        expiry,
        made,
        null,
        s.scan(),
        s.damaged(),
        s.missing(),
        s.fields() == null ? Map.of() : s.fields(),
        needsLabel,
        null,
        1,
        at,
        vendorLot);
  }

  /**
   * A quantity of lot-tracked or untracked goods: the scan's count (AI 30), else the request's
   * quantity, else one.
   */
  private static Candidate counted(Receiving.ScanRequest s, String gtin, Gs1Data data, String at) {
    Integer quantity =
        data != null && data.count().isPresent()
            ? Integer.valueOf(data.count().getAsInt())
            : s.quantity();
    int q = quantity == null ? 1 : quantity;
    if (q < 1 || q > MAX_QUANTITY) {
      throw Problem.badRequest(
          "invalid-field", at + "quantity", "a quantity is 1 to " + MAX_QUANTITY + ", not " + q);
    }
    if (!blank(s.serial())) {
      throw Problem.badRequest("invalid-field", at + "serial", "a quantity has no serial");
    }
    return candidate(s, gtin, null, data, at).withQuantity(q);
  }

  /**
   * The scan as GS1 data, or null for a plain serial. After a product scan, digits alone may be a
   * serial that happens to read as GS1 (a bare GTIN, or raw AIs), so only unmistakable GS1 counts
   * then: brackets, a symbology identifier, a Digital Link, or raw data with a GS separator.
   */
  private static Gs1Data parsed(Receiving.ScanRequest s) {
    boolean context = !blank(s.product()) || !blank(s.gtin());
    try {
      Gs1Data data = Scans.parse(s.scan(), "scan");
      boolean unmistakable =
          switch (data.form()) {
            case BRACKETED, AIM_GS1, DIGITAL_LINK -> true;
            case RAW -> s.scan().indexOf('\u001d') >= 0 || s.scan().contains("\\x1d");
            default -> false;
          };
      return context && !unmistakable ? null : data;
    } catch (Problem p) {
      if (context) {
        return null;
      }
      throw p;
    }
  }

  private static Gtin gtinOf(String text, String field) {
    try {
      return Gtin.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", field, e.getMessage());
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
