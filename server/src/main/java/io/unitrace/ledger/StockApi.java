package io.unitrace.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** /** Counted stock (lot-tracked and untracked goods) over HTTP: levels, history and commands. */
@RestController
@RequestMapping("/api/v1")
class StockApi {

  private final StockBook stockBook;
  private final Units units;

  StockApi(StockBook stockBook, Units units) {
    this.stockBook = stockBook;
    this.units = units;
  }

  @Operation(
      summary = "Get stock",
      description =
          "Quantities by product, lot and location, with what is available and what is held.")
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

  @Operation(
      summary = "Get stock history",
      description = "Every change to a lot or untracked product's quantities, in order.")
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

  @Operation(
      summary = "Move a quantity",
      description = "Moves a quantity of a lot or untracked product between locations.")
  @PostMapping("/stock/moves")
  EventReceipt moveStock(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @RequestBody StockMoveBody b) {
    return stockBook.move(
        scope,
        new StockBook.StockMove(
            b.gtin(), b.lot(), b.from(), b.to(), quantity(b.quantity()), b.holds()),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  record StockAdjustBody(
      String gtin,
      String lot,
      LocalDate expiry,
      String location,
      Adjustment kind,
      Long quantity,
      String reason,
      OffsetDateTime eventTime,
      String device,
      String scan) {

    StockAdjustBody {
      Text.free("reason", reason, UnitsApi.REASON_LENGTH);
    }
  }

  @Operation(
      summary = "Adjust counted stock",
      description =
          "Records stock found or lost at a location, with a reason (how opening stock is entered).")
  @PostMapping("/stock/adjustments")
  EventReceipt adjustStock(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @RequestBody StockAdjustBody b) {
    return stockBook.adjust(
        scope,
        new StockBook.StockAdjustment(
            b.gtin(),
            b.lot(),
            b.expiry(),
            b.location(),
            b.kind(),
            quantity(b.quantity()),
            b.reason()),
        UnitsApi.meta(key, b.eventTime(), b.device(), b.scan()));
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

    StockHoldBody {
      Text.free("reason", reason, UnitsApi.REASON_LENGTH);
    }

    StockBook.StockHold request() {
      return new StockBook.StockHold(
          gtin, lot, location, StockApi.quantity(quantity), hold, holds, reason);
    }
  }

  @Operation(
      summary = "Hold a quantity",
      description =
          "Puts a quantity of a lot at a location on hold (QC, DAMAGED…): it cannot be allocated or shipped.")
  @PostMapping("/stock/holds")
  EventReceipt placeStockHold(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @RequestBody StockHoldBody b) {
    return stockBook.placeHold(
        scope, b.request(), UnitsApi.meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @Operation(
      summary = "Release a held quantity",
      description = "Takes a hold off a quantity, with a reason.")
  @PostMapping("/stock/holds/release")
  EventReceipt releaseStockHold(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @RequestBody StockHoldBody b) {
    return stockBook.releaseHold(
        scope, b.request(), UnitsApi.meta(key, b.eventTime(), b.device(), b.scan()));
  }

  private static long quantity(Long q) {
    if (q == null) {
      throw Problem.badRequest("invalid-field", "quantity", "name the quantity");
    }
    return q;
  }
}
