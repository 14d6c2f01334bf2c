package io.unitrace.recalls;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
      List<Targeting.UnitEntry> units) {

    DraftBody {
      Text.line("title", title, 200);
      Text.free("reason", reason, 1000);
      Text.line("mode", mode, 16);
      Text.noNulls("lots", lots);
      Text.noNulls("units", units);
    }
  }

  /**
   * {@code release}: the recall was a false alarm, and affected goods still in the building under
   * the campaign's hold go back on sale.
   */
  record CloseBody(String reason, Boolean release) {

    CloseBody {
      Text.free("reason", reason, 1000);
    }
  }

  private final Recalls recalls;

  RecallsApi(Recalls recalls) {
    this.recalls = recalls;
  }

  @Operation(
      summary = "Draft a recall",
      description =
          "A recall campaign aimed at lots, serial ranges or units of a product; nothing is held until it is opened.")
  @PostMapping(consumes = "application/json")
  ResponseEntity<Recalls.CampaignView> draft(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) DraftBody b) {
    return answer(
        recalls.draft(
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
                    b.units()),
            key));
  }

  /** 201 for a campaign drafted now, 200 for the one a repeated Idempotency-Key drafted. */
  private static ResponseEntity<Recalls.CampaignView> answer(Recalls.Drafted d) {
    return ResponseEntity.status(d.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(d.campaign());
  }

  /**
   * A campaign by an explicit list of units uploaded as CSV: GTIN,serial or a scan per line. The
   * body is required: a request with neither body nor Content-Type would otherwise match both
   * drafts, and Spring would fail on the ambiguity.
   */
  @Operation(
      summary = "Draft a recall from a unit list",
      description = "A recall of exactly the units listed in CSV: GTIN,serial or a scan per line.")
  @PostMapping(consumes = {"text/csv", "text/plain"})
  ResponseEntity<Recalls.CampaignView> draftCsv(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String reason,
      @RequestBody String csv) {
    return answer(
        recalls.draft(
            scope,
            new Targeting.Asked(
                title, reason, "SERIALS", null, null, null, null, Targeting.csv(csv)),
            key));
  }

  @Operation(summary = "List recalls", description = "Recall campaigns, a page at a time.")
  @GetMapping
  CursorPage<Recalls.CampaignView> list(
      TenantScope scope,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return recalls.list(scope, status, cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Get a recall",
      description = "A campaign with its figures: units in stock held, shipped, recovered.")
  @GetMapping("/{id}")
  Recalls.CampaignView get(TenantScope scope, @PathVariable long id) {
    return recalls.view(scope, id);
  }

  @Operation(
      summary = "Open a recall",
      description =
          "Puts every affected unit in stock on RECALL hold and lists the customers who got one.")
  @PostMapping("/{id}/open")
  Recalls.CampaignView open(TenantScope scope, @PathVariable long id) {
    return recalls.open(scope, id);
  }

  @Operation(summary = "Close a recall", description = "Ends the campaign with a reason.")
  @PostMapping("/{id}/close")
  Recalls.CampaignView close(
      TenantScope scope, @PathVariable long id, @RequestBody(required = false) CloseBody b) {
    return recalls.close(
        scope, id, b == null ? null : b.reason(), b != null && Boolean.TRUE.equals(b.release()));
  }

  @Operation(
      summary = "List a recall's customers",
      description = "Who received affected units, with what and when.")
  @GetMapping("/{id}/customers")
  CursorPage<Recalls.CustomerView> customers(
      TenantScope scope,
      @PathVariable long id,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return recalls.customers(scope, id, cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Export a recall's customers",
      description = "The customer notification list as CSV.")
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

  @Operation(
      summary = "Mark a customer contacted",
      description = "Records that a customer of the recall was notified.")
  @PostMapping("/{id}/customers/{customerId}/contacted")
  Recalls.CustomerView contacted(
      TenantScope scope, @PathVariable long id, @PathVariable long customerId) {
    return recalls.contacted(scope, id, customerId);
  }
}
