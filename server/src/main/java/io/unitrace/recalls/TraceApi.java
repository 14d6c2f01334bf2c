package io.unitrace.recalls;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trace over HTTP: forward for a lot ({@code /trace/lots?product=SKU&lot=L1}, JSON a page of units
 * at a time, or the whole lot as a streamed CSV), backward for a unit by its Digital Link path.
 */
@RestController
@RequestMapping("/api/v1/trace")
class TraceApi {

  private final Trace trace;

  TraceApi(Trace trace) {
    this.trace = trace;
  }

  @Operation(
      summary = "Trace a lot forward",
      description =
          "Where the units and quantities of a lot went: in stock, shipped to whom, built into what.")
  @GetMapping("/lots")
  Trace.LotTrace forward(
      TenantScope scope,
      @RequestParam(required = false) String product,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return trace.forward(scope, product, lot, cursor, CursorPage.limit(limit));
  }

  @Operation(summary = "Export a lot trace", description = "The forward trace of a lot as CSV.")
  @GetMapping("/lots.csv")
  void forwardCsv(
      TenantScope scope,
      @RequestParam(required = false) String product,
      @RequestParam(required = false) String lot,
      HttpServletResponse response)
      throws IOException {
    // Resolve first, so that a bad product or lot is a problem, not a half-written CSV.
    trace.forward(scope, product, lot, null, 1);
    response.setContentType("text/csv");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"trace-" + lot + ".csv\"");
    trace.forwardCsv(scope, product, lot, response.getWriter());
  }

  @Operation(
      summary = "Trace a unit back",
      description = "Where a unit came from: its receipt, purchase order, vendor and components.")
  @GetMapping("/units/01/{gtin}/21/{serial}")
  Trace.Origin backward(TenantScope scope, @PathVariable String gtin, @PathVariable String serial) {
    UnitRef ref;
    try {
      ref = new UnitRef(new Gtin(gtin), new Serial(serial));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-field", "gtin", e.getMessage());
    }
    return trace.backward(scope, ref);
  }
}
