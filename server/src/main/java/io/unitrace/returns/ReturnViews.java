package io.unitrace.returns;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.ledger.Inventory;
import io.unitrace.shared.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Returns and their cases as clients read them: codes and serials, never row ids of others. */
@Component
class ReturnViews {

  record ReturnView(
      long id,
      String rma,
      String gtin,
      String serial,
      String sku,
      String lot,
      long quantity,
      String reason,
      String returnedBy,
      String location,
      String eligibility,
      List<Verdict.Check> checks,
      String status,
      String condition,
      String findings,
      String inspectedBy,
      String disposition,
      String overrideReason,
      String routedBy,
      CaseView suspectCase,
      long eventId,
      Long routeEvent,
      Instant receivedAt) {}

  record CaseView(
      long id,
      long returnId,
      List<Verdict.Check> checks,
      String status,
      String resolution,
      String resolvedBy,
      Instant resolvedAt,
      Instant openedAt) {}

  private static final TypeReference<List<Verdict.Check>> CHECKS = new TypeReference<>() {};

  private final ReturnRows rows;
  private final Rmas rmas;
  private final Facility facility;
  private final Inventory inventory;
  private final Catalog catalog;
  private final ObjectMapper json;

  ReturnViews(
      ReturnRows rows,
      Rmas rmas,
      Facility facility,
      Inventory inventory,
      Catalog catalog,
      ObjectMapper json) {
    this.rows = rows;
    this.rmas = rmas;
    this.facility = facility;
    this.inventory = inventory;
    this.catalog = catalog;
    this.json = json;
  }

  String checks(List<Verdict.Check> checks) {
    return json.writeValueAsString(checks);
  }

  ReturnView require(long tenantId, long id) {
    return rows.byId(tenantId, id)
        .map(r -> view(tenantId, r))
        .orElseThrow(() -> Problem.notFound("unknown-return", "no return " + id));
  }

  ReturnView view(long tenantId, ReturnRows.Row r) {
    String gtin = null;
    String serial = null;
    if (r.unitId() != null) {
      Optional<Inventory.UnitPosition> u = inventory.unit(tenantId, r.unitId());
      gtin = u.map(p -> p.gtin().value()).orElse(null);
      serial = u.map(Inventory.UnitPosition::serial).orElse(null);
    }
    Product product = catalog.byId(tenantId, r.productId()).orElse(null);
    Lot lot =
        r.lotId() == null
            ? null
            : catalog.lotsById(tenantId, List.of(new LotId(r.lotId()))).get(new LotId(r.lotId()));
    String rma =
        r.rmaId() == null
            ? null
            : rmas.byId(tenantId, r.rmaId()).map(Rmas.Rma::number).orElse(null);
    CaseView c = rows.caseOf(tenantId, r.id()).map(this::caseView).orElse(null);
    return new ReturnView(
        r.id(),
        rma,
        gtin,
        serial,
        product == null ? null : product.sku(),
        lot == null ? null : lot.code(),
        r.quantity(),
        r.reason(),
        r.returnedBy(),
        facility.byId(r.locationId()).map(Location::code).orElse(null),
        r.eligibility(),
        json.readValue(r.checks(), CHECKS),
        r.status(),
        r.condition(),
        r.findings(),
        r.inspectedBy(),
        r.disposition(),
        r.overrideReason(),
        r.routedBy(),
        c,
        r.eventId(),
        r.routeEvent(),
        Instant.ofEpochMilli(r.createdAt()));
  }

  CaseView caseView(ReturnRows.CaseRow c) {
    return new CaseView(
        c.id(),
        c.returnId(),
        json.readValue(c.checks(), CHECKS),
        c.status(),
        c.resolution(),
        c.resolvedBy(),
        c.resolvedAt() == null ? null : Instant.ofEpochMilli(c.resolvedAt()),
        Instant.ofEpochMilli(c.createdAt()));
  }
}
