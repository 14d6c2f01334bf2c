package io.unitrace.returns;

import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.ReturnedGoods;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Suspicious returns waiting for a supervisor. CLEAR releases the unit's SUSPECT hold (it goes on
 * to inspection and routing like any return); CONFIRM keeps it held and notes the decision on its
 * chain (it can then be quarantined, scrapped or sent to the vendor, never restocked). Either way
 * the decision, with its reason, is one ledger event, and a case is resolved once.
 */
@Service
class SuspectCases {

  record Resolution(String decision, String reason) {

    Resolution {
      Text.line("decision", decision, 20);
      Text.free("reason", reason, 500);
    }
  }

  private final ReturnRows rows;
  private final ReturnViews views;
  private final ReturnedGoods goods;
  private final Clock clock;
  private final io.unitrace.ledger.Ledger ledger;

  SuspectCases(
      ReturnRows rows,
      ReturnViews views,
      ReturnedGoods goods,
      Clock clock,
      io.unitrace.ledger.Ledger ledger) {
    this.ledger = ledger;
    this.rows = rows;
    this.views = views;
    this.goods = goods;
    this.clock = clock;
  }

  CursorPage<ReturnViews.CaseView> list(
      TenantScope scope, String status, String cursor, Integer requested) {
    int limit = CursorPage.limit(requested);
    String s = status == null ? "OPEN" : status.strip().toUpperCase(Locale.ROOT);
    if (!List.of("OPEN", "CLEARED", "CONFIRMED").contains(s)) {
      throw Problem.badRequest("invalid-field", "status", "status is OPEN, CLEARED or CONFIRMED");
    }
    List<ReturnRows.CaseRow> page =
        rows.cases(scope.tenantId(), s, CursorPage.decode(cursor), limit + 1);
    return CursorPage.of(page, limit, ReturnRows.CaseRow::id).map(views::caseView);
  }

  ReturnViews.CaseView get(TenantScope scope, long id) {
    return rows.caseById(scope.tenantId(), id)
        .map(views::caseView)
        .orElseThrow(() -> Problem.notFound("unknown-case", "no suspect case " + id));
  }

  ReturnViews.ReturnView resolve(TenantScope scope, long caseId, Resolution r, String key) {
    scope.requireRole(Role.SUPERVISOR);
    ReturnRows.CaseRow c =
        rows.caseById(scope.tenantId(), caseId)
            .orElseThrow(() -> Problem.notFound("unknown-case", "no suspect case " + caseId));
    String decision =
        r == null || r.decision() == null ? "" : r.decision().strip().toUpperCase(Locale.ROOT);
    if (!decision.equals("CLEAR") && !decision.equals("CONFIRM")) {
      throw Problem.badRequest(
              "invalid-field",
              "decision",
              "decision is CLEAR (release the hold) or CONFIRM (keep it)")
          .with("allowed", List.of("CLEAR", "CONFIRM"));
    }
    if (r.reason() == null || r.reason().isBlank()) {
      throw Problem.badRequest("invalid-field", "reason", "say why: a reason is required");
    }
    if (ledger.recorded(scope, key) && !c.status().equals("OPEN")) {
      return views.require(scope.tenantId(), c.returnId());
    }
    if (!c.status().equals("OPEN")) {
      throw Problem.conflict(
          "case-resolved", "case", "case " + caseId + " is " + c.status() + " already");
    }
    ReturnRows.Row ret = rows.byId(scope.tenantId(), c.returnId()).orElseThrow();
    boolean clear = decision.equals("CLEAR");
    String status = clear ? "CLEARED" : "CONFIRMED";
    long now = clock.millis();
    String reason = r.reason().strip();
    goods.resolveCase(
        scope,
        ret.unitId(),
        clear,
        reason,
        Map.of("case", caseId, "return", ret.id(), "decision", status),
        RequestMeta.of(key),
        eventId -> {
          if (!rows.resolve(caseId, status, reason, scope.actor().who(), eventId, now)) {
            throw Problem.conflict(
                "case-resolved", "case", "case " + caseId + " is resolved already");
          }
        });
    return views.require(scope.tenantId(), ret.id());
  }
}
