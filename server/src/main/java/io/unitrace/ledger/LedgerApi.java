package io.unitrace.ledger;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.facility.Container;
import io.unitrace.facility.Facility;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Units and containers over HTTP. A unit is addressed by its GS1 Digital Link path {@code
 * /units/01/{gtin}/21/{serial}}. Every command takes an {@code Idempotency-Key} header and optional
 * floor context in its body: {@code eventTime} (with offset), {@code device}, {@code scan} (the raw
 * scan text) and {@code bizTransactions}.
 */
@RestController
@RequestMapping("/api/v1")
class LedgerApi {

  static final String KEY = "Idempotency-Key";
  static final String UNIT = "/units/01/{gtin}/21/{serial}";

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
      Map<String, String> fields) {}

  record RegisterBody(
      List<UnitBody> units,
      String location,
      Boolean expected,
      String reason,
      OffsetDateTime eventTime,
      String device,
      String scan,
      List<RequestMeta.BizTransaction> bizTransactions) {}

  record MoveBody(
      String location,
      OffsetDateTime eventTime,
      String device,
      String scan,
      List<RequestMeta.BizTransaction> bizTransactions) {}

  record HoldBody(Hold hold, String reason, OffsetDateTime eventTime, String device, String scan) {}

  record AdjustBody(
      Ledger.Adjustment kind,
      String reason,
      String location,
      OffsetDateTime eventTime,
      String device,
      String scan) {}

  record FieldsBody(
      Map<String, String> fields, OffsetDateTime eventTime, String device, String scan) {}

  record UnitKey(String gtin, String serial) {}

  record PackBody(
      List<UnitKey> units, String into, OffsetDateTime eventTime, String device, String scan) {}

  record NewContainer(String sscc, String kind, String location) {}

  record NestBody(String into, OffsetDateTime eventTime, String device, String scan) {}

  private final Ledger ledger;
  private final Units units;
  private final Facility facility;

  LedgerApi(Ledger ledger, Units units, Facility facility) {
    this.ledger = ledger;
    this.units = units;
    this.facility = facility;
  }

  @PostMapping("/units")
  @ResponseStatus(HttpStatus.CREATED)
  EventReceipt register(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody RegisterBody b) {
    List<Ledger.NewUnit> units = b.units() == null ? null : new ArrayList<>(b.units().size());
    if (b.units() != null) {
      for (int i = 0; i < b.units().size(); i++) {
        UnitBody u = b.units().get(i);
        units.add(
            u == null
                ? null
                : u.scan() != null
                    ? Scans.newUnit(u.scan(), "units[" + i + "].scan", u.fields())
                    : new Ledger.NewUnit(
                        u.gtin(), u.serial(), u.lot(), u.expiry(), u.manufactured(), u.fields()));
      }
    }
    return ledger.register(
        scope,
        new Ledger.Registration(units, b.location(), Boolean.TRUE.equals(b.expected()), b.reason()),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

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

  @GetMapping("/stock")
  Units.StockPage stock(
      TenantScope scope,
      @RequestParam(required = false) String sku,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) LocalDate expiresBefore,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return units.stock(
        scope,
        new Units.StockFilter(sku, lot, location, expiresBefore),
        cursor,
        CursorPage.limit(limit));
  }

  @GetMapping("/stock/history")
  CursorPage<Units.StockEntry> stockHistory(
      TenantScope scope,
      @RequestParam(required = false) String sku,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return units.stockHistory(scope, sku, lot, cursor, CursorPage.limit(limit));
  }

  /**
   * Lot or untracked stock moved: {@code holds} names the bucket (held stock moves as held stock).
   */
  record StockMoveBody(
      String gtin,
      String lot,
      String from,
      String to,
      Long quantity,
      Set<Hold> holds,
      OffsetDateTime eventTime,
      String device,
      String scan,
      List<RequestMeta.BizTransaction> bizTransactions) {}

  @PostMapping("/stock/moves")
  EventReceipt moveStock(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody StockMoveBody b) {
    return ledger.moveStock(
        scope,
        new Ledger.StockMove(
            b.gtin(), b.lot(), b.from(), b.to(), quantity(b.quantity()), b.holds()),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  record StockAdjustBody(
      String gtin,
      String lot,
      LocalDate expiry,
      String location,
      Ledger.Adjustment kind,
      Long quantity,
      String reason,
      OffsetDateTime eventTime,
      String device,
      String scan) {}

  @PostMapping("/stock/adjustments")
  EventReceipt adjustStock(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody StockAdjustBody b) {
    return ledger.adjustStock(
        scope,
        new Ledger.StockAdjustment(
            b.gtin(),
            b.lot(),
            b.expiry(),
            b.location(),
            b.kind(),
            quantity(b.quantity()),
            b.reason()),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  /**
   * {@code holds}: the holds the stock is on now (default: none when placing, just {@code hold}
   * when releasing).
   */
  record StockHoldBody(
      String gtin,
      String lot,
      String location,
      Long quantity,
      Hold hold,
      Set<Hold> holds,
      String reason,
      OffsetDateTime eventTime,
      String device,
      String scan) {

    Ledger.StockHold request() {
      return new Ledger.StockHold(
          gtin, lot, location, LedgerApi.quantity(quantity), hold, holds, reason);
    }
  }

  @PostMapping("/stock/holds")
  EventReceipt placeStockHold(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody StockHoldBody b) {
    return ledger.placeStockHold(
        scope, b.request(), meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @PostMapping("/stock/holds/release")
  EventReceipt releaseStockHold(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody StockHoldBody b) {
    return ledger.releaseStockHold(
        scope, b.request(), meta(key, b.eventTime(), b.device(), b.scan()));
  }

  private static long quantity(Long q) {
    if (q == null) {
      throw Problem.badRequest("invalid-field", "quantity", "name the quantity");
    }
    return q;
  }

  @GetMapping(UNIT)
  Units.UnitView unit(TenantScope scope, @PathVariable String gtin, @PathVariable String serial) {
    return units.require(scope, ref(gtin, serial));
  }

  @GetMapping(UNIT + "/history")
  CursorPage<Units.HistoryEntry> history(
      TenantScope scope,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return units.history(scope, ref(gtin, serial), cursor, CursorPage.limit(limit));
  }

  record ScanBody(
      String scan,
      String location,
      OffsetDateTime eventTime,
      String device,
      List<RequestMeta.BizTransaction> bizTransactions) {}

  /** The unit a scan names (any GS1 form), for scanners that do not build URLs. */
  @GetMapping("/units/by-scan")
  Units.UnitView unitByScan(TenantScope scope, @RequestParam String scan) {
    return units.require(scope, Scans.unit(scan, "scan"));
  }

  @PostMapping("/units/by-scan/move")
  EventReceipt moveByScan(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody ScanBody b) {
    return ledger.move(
        scope,
        Scans.unit(b.scan(), "scan"),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @PostMapping("/units/by-scan/observations")
  EventReceipt observeByScan(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody ScanBody b) {
    return ledger.observe(
        scope,
        Scans.unit(b.scan(), "scan"),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @PostMapping(UNIT + "/move")
  EventReceipt move(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody MoveBody b) {
    return ledger.move(
        scope,
        ref(gtin, serial),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @PostMapping(UNIT + "/observations")
  EventReceipt observe(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody MoveBody b) {
    return ledger.observe(
        scope,
        ref(gtin, serial),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @PostMapping(UNIT + "/holds")
  EventReceipt placeHold(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody HoldBody b) {
    return ledger.placeHold(
        scope,
        ref(gtin, serial),
        b.hold(),
        b.reason(),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @PostMapping(UNIT + "/holds/release")
  EventReceipt releaseHold(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody HoldBody b) {
    return ledger.releaseHold(
        scope,
        ref(gtin, serial),
        b.hold(),
        b.reason(),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @PostMapping(UNIT + "/adjustments")
  EventReceipt adjust(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody AdjustBody b) {
    return ledger.adjust(
        scope,
        ref(gtin, serial),
        b.kind(),
        b.reason(),
        b.location(),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @PostMapping(UNIT + "/fields")
  EventReceipt setFields(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String gtin,
      @PathVariable String serial,
      @RequestBody FieldsBody b) {
    return ledger.setFields(
        scope, ref(gtin, serial), b.fields(), meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @PostMapping("/units/pack")
  EventReceipt pack(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody PackBody b) {
    return ledger.pack(
        scope,
        refs(b.units()),
        sscc(b.into(), "into"),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @PostMapping("/units/unpack")
  EventReceipt unpack(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody PackBody b) {
    return ledger.unpack(scope, refs(b.units()), meta(key, b.eventTime(), b.device(), b.scan()));
  }

  /** Without an {@code sscc} the container gets the next one of the client's numbering. */
  @PostMapping("/containers")
  @ResponseStatus(HttpStatus.CREATED)
  Container createContainer(TenantScope scope, @RequestBody NewContainer b) {
    Sscc given = b.sscc() == null || b.sscc().isBlank() ? null : sscc(b.sscc(), "sscc");
    return ledger.createContainer(scope, given, b.kind(), b.location());
  }

  @GetMapping("/containers/{sscc}")
  Container container(TenantScope scope, @PathVariable String sscc) {
    return facility
        .container(scope.tenantId(), sscc(sscc, "sscc"))
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-container",
                    "client " + scope.tenantCode() + " has no container " + sscc));
  }

  @PostMapping("/containers/{sscc}/move")
  EventReceipt moveContainer(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String sscc,
      @RequestBody MoveBody b) {
    return ledger.moveContainer(
        scope,
        sscc(sscc, "sscc"),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @PostMapping("/containers/{sscc}/pack")
  EventReceipt nest(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String sscc,
      @RequestBody NestBody b) {
    return ledger.nestContainer(
        scope,
        sscc(sscc, "sscc"),
        sscc(b.into(), "into"),
        meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @PostMapping("/containers/{sscc}/unpack")
  EventReceipt unnest(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @PathVariable String sscc) {
    return ledger.nestContainer(scope, sscc(sscc, "sscc"), null, meta(key, null, null, null));
  }

  static UnitRef ref(String gtin, String serial) {
    return new UnitRef(Ledger.gtin(gtin, "gtin"), CatalogInput.serial("serial", serial));
  }

  private static List<UnitRef> refs(List<UnitKey> keys) {
    if (keys == null) {
      return List.of();
    }
    return keys.stream().map(k -> ref(k.gtin(), k.serial())).toList();
  }

  static Sscc sscc(String text, String field) {
    try {
      return new Sscc(text == null ? null : text.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-sscc", field, e.getMessage());
    }
  }

  private static RequestMeta meta(
      String key, OffsetDateTime eventTime, String device, String scan) {
    return new RequestMeta(key, eventTime, device, scan, List.of());
  }
}
