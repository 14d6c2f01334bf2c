package io.unitrace.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * /** Serialized units over HTTP. A unit is addressed by its GS1 Digital Link path {@code
 * /units/01/{gtin}/21/{serial}}. Every command takes an {@code Idempotency-Key} header and optional
 * floor context in its body: {@code eventTime} (with offset), {@code device}, {@code scan} (the raw
 * scan text) and {@code bizTransactions}.
 */
@RestController
@RequestMapping("/api/v1")
class UnitsApi {

  private final UnitBook book;
  private final Units units;

  UnitsApi(UnitBook book, Units units) {
    this.book = book;
    this.units = units;
  }

  static final String KEY = "Idempotency-Key";
  static final String UNIT = "/units/01/{gtin}/21/{serial}";

  /** location.code is VARCHAR(60); a reason is free text kept in the event's details. */
  static final int LOCATION_LENGTH = 60;

  static final int REASON_LENGTH = 1000;

  record Context(
      OffsetDateTime eventTime,
      String device,
      String scan,
      List<RequestMeta.BizTransaction> bizTransactions) {}

  /**
   * A unit to register: its fields, or a GS1 {@code scan} carrying GTIN, serial and, if any, lot,
   * expiry, production date.
   */
  record UnitBody(
      String scan,
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      Map<String, String> fields) {

    UnitBody {
      Text.raw("scan", scan, RequestMeta.SCAN_LENGTH);
      Text.noNullValues("fields", fields);
    }
  }

  record RegisterBody(
      List<UnitBody> units,
      String location,
      Boolean expected,
      String reason,
      OffsetDateTime eventTime,
      String device,
      String scan,
      List<RequestMeta.BizTransaction> bizTransactions) {

    RegisterBody {
      Text.noNulls("units", units);
      Text.line("location", location, LOCATION_LENGTH);
      Text.free("reason", reason, REASON_LENGTH);
    }
  }

  record MoveBody(
      String location,
      OffsetDateTime eventTime,
      String device,
      String scan,
      List<RequestMeta.BizTransaction> bizTransactions) {

    MoveBody {
      Text.line("location", location, LOCATION_LENGTH);
    }
  }

  record HoldBody(Hold hold, String reason, OffsetDateTime eventTime, String device, String scan) {

    HoldBody {
      Text.free("reason", reason, REASON_LENGTH);
    }
  }

  record AdjustBody(
      Adjustment kind,
      String reason,
      String location,
      OffsetDateTime eventTime,
      String device,
      String scan) {

    AdjustBody {
      Text.free("reason", reason, REASON_LENGTH);
      Text.line("location", location, LOCATION_LENGTH);
    }
  }

  record DisposeBody(
      UnitState to, String reason, OffsetDateTime eventTime, String device, String scan) {

    DisposeBody {
      Text.free("reason", reason, REASON_LENGTH);
    }
  }

  record FieldsBody(
      Map<String, String> fields, OffsetDateTime eventTime, String device, String scan) {

    FieldsBody {
      Text.noNullValues("fields", fields);
    }
  }

  record ScanBody(
      String scan,
      String location,
      OffsetDateTime eventTime,
      String device,
      List<RequestMeta.BizTransaction> bizTransactions) {

    ScanBody {
      Text.line("location", location, LOCATION_LENGTH);
    }
  }

  @Operation(
      summary = "Register units",
      description =
          "Records serialized units at a location (commissioning, opening stock); each gets its own history from here on.")
  @PostMapping("/units")
  @ResponseStatus(HttpStatus.CREATED)
  EventReceipt register(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody RegisterBody b) {
    List<UnitBook.NewUnit> units = b.units() == null ? null : new ArrayList<>(b.units().size());
    if (b.units() != null) {
      for (int i = 0; i < b.units().size(); i++) {
        UnitBody u = b.units().get(i);
        units.add(
            u == null
                ? null
                : u.scan() != null
                    ? Scans.newUnit(u.scan(), "units[" + i + "].scan", u.fields())
                    : new UnitBook.NewUnit(
                        u.gtin(), u.serial(), u.lot(), u.expiry(), u.manufactured(), u.fields()));
      }
    }
    return book.register(
        scope,
        new UnitBook.Registration(
            units, b.location(), Boolean.TRUE.equals(b.expected()), b.reason()),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @Operation(
      summary = "Find units",
      description =
          "Units by product, lot, state, hold, location, container, custom field or further identifier; a page at a time.")
  @GetMapping("/units")
  CursorPage<Units.UnitView> search(
      TenantScope scope,
      @RequestParam(required = false) String sku,
      @RequestParam(required = false) String gtin,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) UnitState state,
      @RequestParam(required = false) String hold,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String container,
      @RequestParam(required = false) String field,
      @RequestParam(required = false) String identifier,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return units.search(
        scope,
        new Units.Search(sku, gtin, lot, state, hold, location, container, field, identifier),
        cursor,
        CursorPage.limit(limit));
  }

  @Operation(
      summary = "Get a unit",
      description =
          "A unit by its GTIN and serial (GS1 Digital Link path): where it is, its state and holds.")
  @GetMapping(UNIT)
  Units.UnitView unit(TenantScope scope, @PathVariable String gtin, @PathVariable String serial) {
    return units.require(scope, ref(gtin, serial));
  }

  @Operation(
      summary = "Get a unit's history",
      description =
          "Everything that happened to a unit, oldest first, each event hash-chained to the one before.")
  @GetMapping(UNIT + "/history")
  CursorPage<Units.HistoryEntry> history(
      TenantScope scope,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return units.history(scope, ref(gtin, serial), cursor, CursorPage.limit(limit));
  }

  /** The unit a scan names (any GS1 form), for scanners that do not build URLs. */
  @Operation(
      summary = "Get the unit a scan names",
      description =
          "The unit a barcode names, in any GS1 form, for scanners that do not build URLs.")
  @GetMapping("/units/by-scan")
  Units.UnitView unitByScan(TenantScope scope, @RequestParam String scan) {
    return units.require(scope, Scans.unit(scan, "scan"));
  }

  @Operation(
      summary = "Move the unit a scan names",
      description = "Moves the scanned unit to a location.")
  @PostMapping("/units/by-scan/move")
  EventReceipt moveByScan(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody ScanBody b) {
    return book.move(
        scope,
        Scans.unit(b.scan(), "scan"),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @Operation(
      summary = "Record seeing the unit a scan names",
      description = "Notes that the scanned unit was seen at a location, without moving it.")
  @PostMapping("/units/by-scan/observations")
  EventReceipt observeByScan(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody ScanBody b) {
    return book.observe(
        scope,
        Scans.unit(b.scan(), "scan"),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @Operation(
      summary = "Move a unit",
      description = "Moves a unit to another location in the same warehouse.")
  @PostMapping(UNIT + "/move")
  EventReceipt move(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody MoveBody b) {
    return book.move(
        scope,
        ref(gtin, serial),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @Operation(
      summary = "Record seeing a unit",
      description = "Notes that a unit was seen at a location, without moving it.")
  @PostMapping(UNIT + "/observations")
  EventReceipt observe(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody MoveBody b) {
    return book.observe(
        scope,
        ref(gtin, serial),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @Operation(
      summary = "Hold a unit",
      description =
          "Puts a unit on hold (SUSPECT, QC, DAMAGED…) with a reason: it cannot be allocated, picked or shipped.")
  @PostMapping(UNIT + "/holds")
  EventReceipt placeHold(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody HoldBody b) {
    return book.placeHold(
        scope,
        ref(gtin, serial),
        b.hold(),
        b.reason(),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @Operation(
      summary = "Release a unit's hold",
      description = "Takes one hold off a unit, with a reason.")
  @PostMapping(UNIT + "/holds/release")
  EventReceipt releaseHold(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody HoldBody b) {
    return book.releaseHold(
        scope,
        ref(gtin, serial),
        b.hold(),
        b.reason(),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @Operation(
      summary = "Report a unit lost or found",
      description = "A supervisor's correction: the unit is missing, or found again at a location.")
  @PostMapping(UNIT + "/adjustments")
  EventReceipt adjust(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody AdjustBody b) {
    return book.adjust(
        scope,
        ref(gtin, serial),
        b.kind(),
        b.reason(),
        b.location(),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  /** Stock taken out of the books from the shelf: SCRAPPED or RETURNED_TO_VENDOR, with a reason. */
  @Operation(
      summary = "Scrap or return a unit to its vendor",
      description = "Takes a unit out of stock as SCRAPPED or RETURNED_TO_VENDOR, with a reason.")
  @PostMapping(UNIT + "/disposal")
  EventReceipt dispose(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody DisposeBody b) {
    return book.dispose(
        scope,
        ref(gtin, serial),
        b.to(),
        b.reason(),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @Operation(
      summary = "Set a unit's custom fields",
      description = "Sets custom field values (IMEI, MAC…) of a unit; unique fields are checked.")
  @PostMapping(UNIT + "/fields")
  EventReceipt setFields(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody FieldsBody b) {
    return book.setFields(
        scope, ref(gtin, serial), b.fields(), meta(key, b.eventTime(), b.device(), b.scan()));
  }

  static UnitRef ref(String gtin, String serial) {
    return new UnitRef(Planning.gtin(gtin, "gtin"), CatalogInput.serial("serial", serial));
  }

  static RequestMeta meta(String key, OffsetDateTime eventTime, String device, String scan) {
    return new RequestMeta(key, eventTime, device, scan, List.of());
  }
}
