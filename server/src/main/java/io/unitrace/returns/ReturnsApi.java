package io.unitrace.returns;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Returns over HTTP: reason codes, RMAs (and their closing by a supervisor), the verdict on a scan,
 * receiving a return, inspection and routing, suspect cases, and the client's routing rules. Writes
 * take an {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/v1")
class ReturnsApi {

  record RuleSpec(String reason, String condition, String disposition) {

    RuleSpec {
      Text.line("reason", reason, 40);
      Text.line("condition", condition, 20);
      Text.line("disposition", disposition, 20);
    }
  }

  private final Reasons reasons;
  private final Rmas rmas;
  private final ReturnDesk desk;
  private final Inspection inspection;
  private final SuspectCases cases;
  private final ReturnRows rows;
  private final ReturnViews views;
  private final Clock clock;

  ReturnsApi(
      Reasons reasons,
      Rmas rmas,
      ReturnDesk desk,
      Inspection inspection,
      SuspectCases cases,
      ReturnRows rows,
      ReturnViews views,
      Clock clock) {
    this.reasons = reasons;
    this.rmas = rmas;
    this.desk = desk;
    this.inspection = inspection;
    this.cases = cases;
    this.rows = rows;
    this.views = views;
    this.clock = clock;
  }

  @Operation(summary = "List return reasons", description = "The client's return reasons.")
  @GetMapping("/return-reasons")
  List<Reasons.Reason> reasons(TenantScope scope) {
    return reasons.list(scope.tenantId());
  }

  @Operation(
      summary = "Create or change a return reason",
      description = "A reason customers give for a return, by code.")
  @PutMapping("/return-reasons/{code}")
  Reasons.Reason putReason(
      TenantScope scope, @PathVariable String code, @RequestBody Reasons.ReasonSpec spec) {
    return reasons.put(scope, code, spec);
  }

  @Operation(
      summary = "Create an RMA",
      description = "A return authorisation for units of a shipped order.")
  @PostMapping("/rmas")
  ResponseEntity<Rmas.Rma> createRma(TenantScope scope, @RequestBody Rmas.RmaRequest r) {
    return ResponseEntity.status(HttpStatus.CREATED).body(rmas.create(scope, r));
  }

  @Operation(summary = "Get an RMA", description = "An RMA with its units and what came back.")
  @GetMapping("/rmas/{number}")
  Rmas.Rma rma(TenantScope scope, @PathVariable String number) {
    return rmas.require(scope.tenantId(), number, "number");
  }

  /** A supervisor closes an open RMA with a reason: nothing more comes back under it. */
  @Operation(
      summary = "Close an RMA",
      description =
          "A supervisor closes an open RMA with a reason: nothing more comes back under it.")
  @PostMapping("/rmas/{number}/close")
  Rmas.Rma closeRma(
      TenantScope scope,
      @PathVariable String number,
      @RequestBody(required = false) Rmas.Closing c) {
    return rmas.close(scope, number, c);
  }

  @Operation(
      summary = "Check a return before taking it",
      description =
          "Whether a scanned unit may come back: sold by us, in the return window or warranty, not suspect.")
  @PostMapping("/returns/verdict")
  Verdict verdict(TenantScope scope, @RequestBody ReturnDesk.VerdictRequest r) {
    return desk.verdict(scope, r);
  }

  @Operation(
      summary = "Receive a return",
      description =
          "Takes a returned unit in at the desk against its sale or RMA; suspect ones are held.")
  @PostMapping("/returns")
  ResponseEntity<ReturnDesk.Received> receive(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody ReturnDesk.ReturnRequest r) {
    ReturnDesk.Received received = desk.receive(scope, r, key);
    return ResponseEntity.status(received.event().repeated() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(received);
  }

  @Operation(summary = "List returns", description = "Returns by status, a page at a time.")
  @GetMapping("/returns")
  CursorPage<ReturnViews.ReturnView> list(
      TenantScope scope,
      @RequestParam(defaultValue = "AWAITING_INSPECTION") String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    String s = status.strip().toUpperCase(Locale.ROOT);
    if (!List.of("AWAITING_INSPECTION", "INSPECTED", "ROUTED").contains(s)) {
      throw Problem.badRequest(
          "invalid-parameter", "status", "status is AWAITING_INSPECTION, INSPECTED or ROUTED");
    }
    int n = CursorPage.limit(limit);
    return CursorPage.of(
            rows.withStatus(scope.tenantId(), s, CursorPage.decode(cursor), n + 1),
            n,
            ReturnRows.Row::id)
        .map(r -> views.view(scope.tenantId(), r));
  }

  @Operation(
      summary = "Get a return",
      description = "A return with its checks, inspection and route.")
  @GetMapping("/returns/{id}")
  ReturnViews.ReturnView get(TenantScope scope, @PathVariable long id) {
    return views.require(scope.tenantId(), id);
  }

  @Operation(summary = "Inspect a return", description = "Records the returned unit's condition.")
  @PostMapping("/returns/{id}/inspection")
  Inspection.Inspected inspect(
      TenantScope scope,
      @PathVariable long id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody Inspection.InspectRequest r) {
    return inspection.inspect(scope, id, r, key);
  }

  @Operation(
      summary = "Route a return",
      description = "Sends an inspected return to restock, repair, the vendor or scrap.")
  @PostMapping("/returns/{id}/route")
  Inspection.Routed route(
      TenantScope scope,
      @PathVariable long id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody Inspection.RouteRequest r) {
    return inspection.route(scope, id, r, key);
  }

  @Operation(
      summary = "List suspect return cases",
      description = "Returns held as suspect (possible fraud or counterfeit) awaiting a decision.")
  @GetMapping("/return-cases")
  CursorPage<ReturnViews.CaseView> cases(
      TenantScope scope,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return cases.list(scope, status, cursor, limit);
  }

  @Operation(
      summary = "Get a suspect return case",
      description = "A case with the checks that raised it.")
  @GetMapping("/return-cases/{id}")
  ReturnViews.CaseView getCase(TenantScope scope, @PathVariable long id) {
    return cases.get(scope, id);
  }

  @Operation(
      summary = "Resolve a suspect return case",
      description = "A supervisor's decision on a held return, with a reason.")
  @PostMapping("/return-cases/{id}/resolve")
  ReturnViews.ReturnView resolve(
      TenantScope scope,
      @PathVariable long id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody SuspectCases.Resolution r) {
    return cases.resolve(scope, id, r, key);
  }

  @Operation(
      summary = "Get return routing rules",
      description = "Where returns go by reason and condition.")
  @GetMapping("/return-routing-rules")
  List<ReturnRows.Rule> rules(TenantScope scope) {
    return rows.rules(scope.tenantId());
  }

  /** Replaces the client's routing rules; {@code *} stands for any reason or any condition. */
  @Operation(
      summary = "Set return routing rules",
      description =
          "Replaces the client's routing rules; * stands for any reason or any condition.")
  @PutMapping("/return-routing-rules")
  List<ReturnRows.Rule> putRules(TenantScope scope, @RequestBody List<RuleSpec> specs) {
    scope.requireRole(Role.SUPERVISOR);
    if (specs == null) {
      throw Problem.badRequest("invalid-field", "rules", "send a list of rules");
    }
    List<ReturnRows.Rule> rules = new java.util.ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < specs.size(); i++) {
      RuleSpec s = specs.get(i);
      String at = "[" + i + "]";
      if (s == null) {
        throw Problem.badRequest("invalid-field", at, "a rule is empty");
      }
      String reason =
          s.reason() == null || s.reason().strip().equals(RoutingRules.ANY)
              ? RoutingRules.ANY
              : reasons.require(scope.tenantId(), s.reason(), at + ".reason");
      String condition =
          s.condition() == null || s.condition().strip().equals(RoutingRules.ANY)
              ? RoutingRules.ANY
              : Inspection.condition(s.condition()).name();
      Disposition d = Inspection.disposition(s.disposition());
      if (d == Disposition.RETURN_TO_CUSTOMER) {
        throw Problem.badRequest(
            "invalid-field", at + ".disposition", "RETURN_TO_CUSTOMER is for repaired units only");
      }
      if (!seen.add(reason + "|" + condition)) {
        throw Problem.badRequest(
            "invalid-field", at, "a rule for " + reason + " and " + condition + " is given twice");
      }
      rules.add(new ReturnRows.Rule(reason, condition, d.name()));
    }
    rows.replaceRules(scope.tenantId(), rules, clock.millis());
    return rows.rules(scope.tenantId());
  }
}
