package io.unitrace.recalls;

import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recall campaigns over HTTP: draft (JSON, or a CSV of units), preview, open, customers to notify
 * (JSON and streamed CSV), customers contacted, close.
 */
@RestController
@RequestMapping("/api/v1/recalls")
class RecallsApi {

  record DraftBody(
      String title,
      String reason,
      String mode,
      String product,
      List<String> lots,
      LocalDate receivedFrom,
      LocalDate receivedTo,
      List<Targeting.UnitEntry> units) {}

  record CloseBody(String reason) {}

  private final Recalls recalls;

  RecallsApi(Recalls recalls) {
    this.recalls = recalls;
  }

  @PostMapping(consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  Recalls.CampaignView draft(TenantScope scope, @RequestBody(required = false) DraftBody b) {
    return recalls.draft(
        scope,
        b == null
            ? null
            : new Targeting.Asked(
                b.title(),
                b.reason(),
                b.mode(),
                b.product(),
                b.lots(),
                b.receivedFrom(),
                b.receivedTo(),
                b.units()));
  }

  /** A campaign by an explicit list of units uploaded as CSV: GTIN,serial or a scan per line. */
  @PostMapping(consumes = {"text/csv", "text/plain"})
  @ResponseStatus(HttpStatus.CREATED)
  Recalls.CampaignView draftCsv(
      TenantScope scope,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String reason,
      @RequestBody(required = false) String csv) {
    return recalls.draft(
        scope,
        new Targeting.Asked(title, reason, "SERIALS", null, null, null, null, Targeting.csv(csv)));
  }

  @GetMapping
  CursorPage<Recalls.CampaignView> list(
      TenantScope scope,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return recalls.list(scope, status, cursor, CursorPage.limit(limit));
  }

  @GetMapping("/{id}")
  Recalls.CampaignView get(TenantScope scope, @PathVariable long id) {
    return recalls.view(scope, id);
  }

  @PostMapping("/{id}/open")
  Recalls.CampaignView open(TenantScope scope, @PathVariable long id) {
    return recalls.open(scope, id);
  }

  @PostMapping("/{id}/close")
  Recalls.CampaignView close(
      TenantScope scope, @PathVariable long id, @RequestBody(required = false) CloseBody b) {
    return recalls.close(scope, id, b == null ? null : b.reason());
  }

  @GetMapping("/{id}/customers")
  CursorPage<Recalls.CustomerView> customers(
      TenantScope scope,
      @PathVariable long id,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return recalls.customers(scope, id, cursor, CursorPage.limit(limit));
  }

  @GetMapping(value = "/{id}/customers.csv")
  void customersCsv(TenantScope scope, @PathVariable long id, HttpServletResponse response)
      throws IOException {
    recalls.require(scope, id);
    response.setContentType("text/csv");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"recall-" + id + "-customers.csv\"");
    recalls.customersCsv(scope, id, response.getWriter());
  }

  @PostMapping("/{id}/customers/{customerId}/contacted")
  Recalls.CustomerView contacted(
      TenantScope scope, @PathVariable long id, @PathVariable long customerId) {
    return recalls.contacted(scope, id, customerId);
  }
}
