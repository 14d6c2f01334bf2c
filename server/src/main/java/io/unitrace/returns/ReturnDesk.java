package io.unitrace.returns;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Ledger;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.ReturnedGoods;
import io.unitrace.ledger.Scans;
import io.unitrace.outbound.Sales;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The returns dock: the verdict on a scanned unit, and its return into the books. A clean return is
 * RETURNED on the dock, waiting for inspection; a suspicious one goes to quarantine with a SUSPECT
 * hold and a case for a supervisor; a refused one (never shipped by us, already back) writes
 * nothing. The ledger event, the return, its case and its RMA line commit together, and the
 * ledger's own rule (only a SHIPPED unit comes back) makes two clerks scanning the same unit give
 * one return. Counted goods come back by lot and quantity against what their order shipped, never
 * more.
 */
@Service
class ReturnDesk {

  /** What the dock asks about before taking a unit in. */
  record VerdictRequest(
      String scan, String rma, String returnedBy, Map<String, String> identifiers) {

    VerdictRequest {
      Text.raw("scan", scan, 2000);
      Text.line("rma", rma, 40);
      Text.line("returnedBy", returnedBy, 200);
      Text.noNullValues("identifiers", identifiers);
    }
  }

  /**
   * A return at the dock: the scan (a unit; with {@code quantity}, counted goods by GTIN and lot),
   * the RMA or, for a blind return, the reason; who brings it back; identifiers read off the unit
   * (an IMEI); the dock it is received on and the quarantine it goes to if suspicious.
   */
  record ReturnRequest(
      String scan,
      String rma,
      String reason,
      String returnedBy,
      Map<String, String> identifiers,
      String location,
      String quarantine,
      Long quantity,
      OffsetDateTime eventTime,
      String device) {

    ReturnRequest {
      Text.raw("scan", scan, 2000);
      Text.line("rma", rma, 40);
      Text.line("reason", reason, 40);
      Text.line("returnedBy", returnedBy, 200);
      Text.noNullValues("identifiers", identifiers);
      Text.line("location", location, 60);
      Text.line("quarantine", quarantine, 60);
      Text.line("device", device, 120);
    }
  }

  record Received(ReturnViews.ReturnView ret, Verdict verdict, EventReceipt event) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ReturnFactGathering facts;
  private final Rmas rmas;
  private final Reasons reasons;
  private final ReturnRows rows;
  private final ReturnViews views;
  private final ReturnedGoods goods;
  private final Sales sales;
  private final Facility facility;
  private final Catalog catalog;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Ledger ledger;

  ReturnDesk(
      ReturnFactGathering facts,
      Rmas rmas,
      Reasons reasons,
      ReturnRows rows,
      ReturnViews views,
      ReturnedGoods goods,
      Sales sales,
      Facility facility,
      Catalog catalog,
      ApplicationEventPublisher events,
      Clock clock,
      Ledger ledger) {
    this.ledger = ledger;
    this.facts = facts;
    this.rmas = rmas;
    this.reasons = reasons;
    this.rows = rows;
    this.views = views;
    this.goods = goods;
    this.sales = sales;
    this.facility = facility;
    this.catalog = catalog;
    this.events = events;
    this.clock = clock;
  }

  Verdict verdict(TenantScope scope, VerdictRequest r) {
    if (r == null) {
      throw Problem.badRequest("invalid-field", "scan", "scan the returned unit");
    }
    Rmas.Rma rma = r.rma() == null ? null : rmas.require(scope.tenantId(), r.rma(), "rma");
    return ReturnChecks.judge(facts.gather(scope, r.scan(), rma, r.returnedBy(), r.identifiers()));
  }

  Received receive(TenantScope scope, ReturnRequest r, String idempotencyKey) {
    scope.requireWrite();
    if (r == null) {
      throw Problem.badRequest("invalid-field", "scan", "scan the returned unit");
    }
    // The same request again: its first answer, before the checks would call the unit back.
    var first = ledger.recordedReceipt(scope, idempotencyKey);
    if (first.isPresent()) {
      ReturnRows.Row row =
          rows.byEvent(scope.tenantId(), first.get().eventId())
              .orElseThrow(
                  () ->
                      Problem.conflict(
                          "idempotency-key-reused",
                          "Idempotency-Key",
                          "this key was used for another request"));
      return new Received(views.view(scope.tenantId(), row), null, first.get());
    }
    if (r.quantity() != null) {
      return receiveCounted(scope, r, idempotencyKey);
    }
    // a closed RMA is refused after the verdict: a unit already back is told so first
    Rmas.Rma rma =
        r.rma() == null || r.rma().isBlank()
            ? null
            : rmas.require(scope.tenantId(), r.rma(), "rma");
    String reason =
        rma != null ? rma.reason() : reasons.require(scope.tenantId(), r.reason(), "reason");
    Location dock = place(r.location(), "location", LocationType.DOCK);
    ReturnFacts f = facts.gather(scope, r.scan(), rma, r.returnedBy(), r.identifiers());
    Verdict verdict = ReturnChecks.judge(f);
    verdict
        .refusal()
        .ifPresent(
            c -> {
              throw Problem.conflict(c.code(), "scan", c.message())
                  .with("rule", c.code())
                  .with("verdict", verdict);
            });
    if (rma != null) {
      rmas.requireOpen(rma);
    }
    Location at = dock;
    if (verdict.suspicious()) {
      if (r.quarantine() == null || r.quarantine().isBlank()) {
        throw Problem.unprocessable(
                "quarantine-required",
                "quarantine",
                "this return is suspicious ("
                    + String.join(", ", suspectCodes(verdict))
                    + "): name the quarantine location it goes to")
            .with("verdict", verdict);
      }
      at = place(r.quarantine(), "quarantine", LocationType.QUARANTINE);
    }
    long unitId = f.unit().id();
    Sales.Sale sale = f.sale();
    String blindNumber = rma == null ? blindNumber() : null;
    String returnedBy = f.returnedBy();
    long now = clock.millis();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rma", rma == null ? blindNumber : rma.number());
    details.put("reason", reason);
    details.put("order", sale.order());
    details.put("channel", sale.channel());
    if (verdict.suspicious()) {
      details.put("suspect", suspectCodes(verdict));
    }
    long locationId = at.id();
    boolean refund = !Reasons.WARRANTY_REPAIR.equals(reason);
    EventReceipt receipt =
        goods.receive(
            scope,
            unitId,
            at.code(),
            verdict.suspicious() ? Hold.SUSPECT.bit() : 0,
            details,
            meta(idempotencyKey, r, rma == null ? blindNumber : rma.number(), sale.order()),
            eventId -> {
              Rmas.Rma under =
                  rma != null ? rma : rmas.blind(scope, blindNumber, reason, returnedBy);
              under.lines().stream()
                  .filter(l -> Objects.equals(l.unitId(), unitId))
                  .findFirst()
                  .ifPresent(l -> rmas.receive(scope, l.id(), 1));
              sales.countReturned(scope.tenantId(), sale.allocationId(), 1);
              String checks = views.checks(verdict.checks());
              long returnId =
                  rows.insert(
                      new ReturnRows.NewReturn(
                          scope.tenantId(),
                          under.id(),
                          unitId,
                          sale.productId(),
                          sale.lotId(),
                          1,
                          sale.allocationId(),
                          returnedBy,
                          reason,
                          locationId,
                          eventId,
                          verdict.eligibility().kind().name(),
                          checks,
                          scope.actor().who(),
                          now));
              if (verdict.suspicious()) {
                rows.insertCase(scope.tenantId(), returnId, checks, now);
              }
              events.publishEvent(new UnitReturned(scope.tenantId(), unitId, returnId, refund));
            });
    ReturnRows.Row row = rows.byEvent(scope.tenantId(), receipt.eventId()).orElseThrow();
    return new Received(views.view(scope.tenantId(), row), verdict, receipt);
  }

  /**
   * Counted goods back by GTIN, lot and quantity, under an RMA of their order: the quantity is
   * counted against the RMA line and against what the order shipped of that lot (conditional
   * updates: never more), and goes into a bucket on QC hold at the dock.
   */
  private Received receiveCounted(TenantScope scope, ReturnRequest r, String idempotencyKey) {
    if (r.quantity() < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "the quantity must be at least 1");
    }
    if (r.rma() == null || r.rma().isBlank()) {
      throw Problem.badRequest(
          "invalid-field", "rma", "counted goods come back under the RMA of their order: name it");
    }
    Rmas.Rma rma = openRma(scope, r.rma());
    if (rma.orderId() == null) {
      throw Problem.unprocessable(
          "rma-without-order", "rma", rma.number() + " names no order to count the goods against");
    }
    Gs1Data data = Scans.parse(r.scan(), "scan");
    if (data.gtin().isEmpty()) {
      throw Problem.badRequest("scan-not-a-product", "scan", "the scan carries no GTIN (01)");
    }
    Product product =
        catalog
            .byGtin(scope.tenantId(), data.gtin().get())
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-gtin",
                        "scan",
                        "no product has GTIN " + data.gtin().get().value()));
    if (product.tracking().serialized()) {
      throw Problem.badRequest(
          "serial-required",
          "quantity",
          product.sku() + " is serialized: scan each unit, not a quantity");
    }
    Long lotId = null;
    String lotCode = data.lot().orElse(null);
    if (lotCode != null) {
      lotId =
          catalog
              .lots(scope.tenantId(), List.of(new ProductId(product.id())), List.of(lotCode))
              .stream()
              .findFirst()
              .map(Lot::id)
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "not-on-order",
                          "scan",
                          "lot "
                              + lotCode
                              + " of "
                              + product.sku()
                              + " was never shipped to this order"));
    }
    Long lot = lotId;
    Rmas.Line line =
        rma.lines().stream()
            .filter(
                l ->
                    l.unitId() == null
                        && l.productId() == product.id()
                        && Objects.equals(l.lotId(), lot))
            .findFirst()
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "not-authorised",
                        "scan",
                        rma.number()
                            + " does not authorise "
                            + product.sku()
                            + (lotCode == null ? "" : " lot " + lotCode)));
    long quantity = r.quantity();
    if (line.received() + quantity > line.quantity()) {
      throw Problem.conflict(
              "more-than-authorised",
              "quantity",
              rma.number()
                  + " lets "
                  + (line.quantity() - line.received())
                  + " more of "
                  + product.sku()
                  + (lotCode == null ? "" : " lot " + lotCode)
                  + " come back, not "
                  + quantity)
          .with("returnable", line.quantity() - line.received());
    }
    List<Sales.Sale> shipped =
        sales.ofOrder(scope.tenantId(), rma.orderId()).stream()
            .filter(
                s ->
                    s.unitId() == null
                        && s.productId() == product.id()
                        && Objects.equals(s.lotId(), lot))
            .toList();
    Location dock = place(r.location(), "location", LocationType.DOCK);
    String reason = rma.reason();
    long now = clock.millis();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rma", rma.number());
    details.put("reason", reason);
    details.put("quantity", quantity);
    EventReceipt receipt =
        goods.receiveStock(
            scope,
            new ProductId(product.id()),
            lot == null ? null : new LotId(lot),
            dock.code(),
            quantity,
            details,
            meta(idempotencyKey, r, rma.number(), null),
            eventId -> {
              if (!rmas.receive(scope, line.id(), quantity)) {
                throw moreThanShipped(product, lotCode, quantity);
              }
              long left = quantity;
              Long allocation = null;
              for (Sales.Sale s : shipped) {
                long take = Math.min(left, s.returnable());
                if (take > 0 && sales.countReturned(scope.tenantId(), s.allocationId(), take)) {
                  left -= take;
                  allocation = allocation == null ? s.allocationId() : allocation;
                }
              }
              if (left > 0) {
                throw moreThanShipped(product, lotCode, quantity);
              }
              rows.insert(
                  new ReturnRows.NewReturn(
                      scope.tenantId(),
                      rma.id(),
                      null,
                      product.id(),
                      lot,
                      quantity,
                      allocation,
                      rma.customer(),
                      reason,
                      dock.id(),
                      eventId,
                      "NONE",
                      "[]",
                      scope.actor().who(),
                      now));
            });
    ReturnRows.Row row = rows.byEvent(scope.tenantId(), receipt.eventId()).orElseThrow();
    return new Received(views.view(scope.tenantId(), row), null, receipt);
  }

  private static Problem moreThanShipped(Product product, String lot, long quantity) {
    return Problem.conflict(
        "more-than-shipped",
        "quantity",
        quantity
            + " of "
            + product.sku()
            + (lot == null ? "" : " lot " + lot)
            + " is more than the order shipped and has not come back yet");
  }

  private Rmas.Rma openRma(TenantScope scope, String number) {
    if (number == null || number.isBlank()) {
      return null;
    }
    return rmas.requireOpen(rmas.require(scope.tenantId(), number, "rma"));
  }

  private Location place(String code, String field, LocationType type) {
    Location l = facility.require(code, field);
    if (l.type() != type) {
      throw Problem.unprocessable(
          "wrong-location-type",
          field,
          l.code()
              + " is a "
              + l.type()
              + " location; "
              + field
              + " must be a "
              + type
              + " location");
    }
    return l;
  }

  private static List<String> suspectCodes(Verdict v) {
    return v.checks().stream()
        .filter(c -> c.severity() == Verdict.Check.Severity.SUSPECT)
        .map(Verdict.Check::code)
        .distinct()
        .toList();
  }

  /** A blind RMA's number, made before its transaction so that the event can name it. */
  private static String blindNumber() {
    StringBuilder s = new StringBuilder("BLIND-");
    String digits = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    for (int i = 0; i < 10; i++) {
      s.append(digits.charAt(RANDOM.nextInt(digits.length())));
    }
    return s.toString();
  }

  static RequestMeta meta(String key, ReturnRequest r, String rma, String order) {
    List<RequestMeta.BizTransaction> tx = new ArrayList<>();
    tx.add(new RequestMeta.BizTransaction("rma", rma));
    if (order != null) {
      tx.add(new RequestMeta.BizTransaction("po", order));
    }
    return new RequestMeta(key, r.eventTime(), r.device(), r.scan(), tx);
  }
}
