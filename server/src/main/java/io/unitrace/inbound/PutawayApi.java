package io.unitrace.inbound;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.tenancy.TenantScope;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Putaway from a handheld: scan the goods (a unit's DataMatrix or a pallet's SSCC, or type {@code
 * gtin} + {@code serial} or {@code sscc}), get suggestions, scan the bin. The putaway takes an
 * {@code Idempotency-Key} header, passed on to the ledger: a repeat answers the first result.
 */
@RestController
@RequestMapping("/api/v1/putaway")
class PutawayApi {

  /**
   * Counted goods: a scan or {@code gtin} without a serial, with {@code lot}, {@code quantity}
   * (none: all of it) and {@code from} (the dock).
   */
  record Goods(
      String scan,
      String gtin,
      String serial,
      String sscc,
      String lot,
      Integer quantity,
      String from) {}

  record PutawayBody(
      String scan,
      String gtin,
      String serial,
      String sscc,
      String lot,
      Integer quantity,
      String from,
      String location,
      OffsetDateTime eventTime,
      String device,
      List<RequestMeta.BizTransaction> bizTransactions) {}

  private final Putaway putaway;

  PutawayApi(Putaway putaway) {
    this.putaway = putaway;
  }

  @Operation(
      summary = "Suggest where to put goods away",
      description = "Bins for a scanned unit, container or lot quantity on a dock, best first.")
  @PostMapping("/suggestions")
  Putaway.Suggestions suggestions(TenantScope scope, @RequestBody Goods b) {
    return putaway.suggest(
        scope,
        Putaway.target(b.scan(), b.gtin(), b.serial(), b.sscc(), b.lot(), b.quantity(), b.from()));
  }

  @Operation(
      summary = "Put goods away",
      description =
          "Moves a scanned unit, container or lot quantity from the dock into a storage location.")
  @PostMapping
  Putaway.Done putAway(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody PutawayBody b) {
    return putaway.putAway(
        scope,
        Putaway.target(b.scan(), b.gtin(), b.serial(), b.sscc(), b.lot(), b.quantity(), b.from()),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }
}
