package io.unitrace.returns;

import io.unitrace.tenancy.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the returns screens may ask of this module: the verdict on a scan, an RMA's state,
 * receiving, inspection, routing (out of quarantine too) and suspect cases, answered in records
 * made to be shown. The screens go through the very services the API does.
 */
@Service
public class ReturnsScreen {

  /** A return as a screen shows it. */
  public record Shown(
      long id,
      String rma,
      String gtin,
      String serial,
      String sku,
      String lot,
      long quantity,
      String reason,
      String location,
      String status,
      String condition,
      String disposition,
      Long caseId,
      String caseStatus,
      List<Verdict.Check> checks,
      String rmaStatus,
      List<String> onward) {

    /** Held in quarantine after its route: a supervisor routes it onward. */
    public boolean quarantined() {
      return !onward.isEmpty();
    }
  }

  /** An RMA's state as the dock reads it; {@code refusal} says why nothing comes back under it. */
  public record RmaState(
      String number,
      String status,
      Instant closedAt,
      String closedBy,
      String closeReason,
      String refusal) {

    public boolean open() {
      return Rmas.OPEN.equals(status);
    }
  }

  public record Inspected(Shown ret, String suggested, String why) {}

  public record Routed(Shown ret, String next, boolean repeated) {}

  public record Received(Shown ret, Verdict verdict, boolean repeated) {}

  /** The reasons, conditions and dispositions a form offers. */
  public record Choices(List<String> reasons, List<String> conditions, List<String> dispositions) {}

  private final ReturnDesk desk;
  private final Inspection inspection;
  private final SuspectCases cases;
  private final Reasons reasons;
  private final ReturnViews views;
  private final ReturnRows rows;
  private final Rmas rmas;

  ReturnsScreen(
      ReturnDesk desk,
      Inspection inspection,
      SuspectCases cases,
      Reasons reasons,
      ReturnViews views,
      ReturnRows rows,
      Rmas rmas) {
    this.desk = desk;
    this.inspection = inspection;
    this.cases = cases;
    this.reasons = reasons;
    this.views = views;
    this.rows = rows;
    this.rmas = rmas;
  }

  /** The RMA the dock named, if there is one by that number. */
  public Optional<RmaState> rma(TenantScope scope, String number) {
    return rmas.byNumber(scope.tenantId(), number)
        .map(
            r ->
                new RmaState(
                    r.number(),
                    r.status(),
                    r.closedAt(),
                    r.closedBy(),
                    r.closeReason(),
                    r.open() ? null : Rmas.closed(r).getMessage()));
  }

  public Choices choices(TenantScope scope) {
    return new Choices(
        reasons.list(scope.tenantId()).stream().map(Reasons.Reason::code).toList(),
        java.util.Arrays.stream(Condition.values()).map(Enum::name).toList(),
        java.util.Arrays.stream(Disposition.values()).map(Enum::name).toList());
  }

  public Verdict verdict(
      TenantScope scope, String scan, String rma, String returnedBy, Map<String, String> ids) {
    return desk.verdict(scope, new ReturnDesk.VerdictRequest(scan, rma, returnedBy, ids));
  }

  public Received receive(
      TenantScope scope,
      String scan,
      String rma,
      String reason,
      String returnedBy,
      Map<String, String> ids,
      String dock,
      String quarantine,
      String key) {
    ReturnDesk.Received r =
        desk.receive(
            scope,
            new ReturnDesk.ReturnRequest(
                scan, rma, reason, returnedBy, ids, dock, quarantine, null, null, "returns screen"),
            key);
    return new Received(shown(scope, r.ret()), r.verdict(), r.event().repeated());
  }

  public Shown get(TenantScope scope, long id) {
    return shown(scope, views.require(scope.tenantId(), id));
  }

  public Inspected inspect(
      TenantScope scope, long id, String condition, String findings, String key) {
    Inspection.Inspected i =
        inspection.inspect(scope, id, new Inspection.InspectRequest(condition, findings), key);
    return new Inspected(shown(scope, i.ret()), i.suggested().name(), i.why());
  }

  public Routed route(
      TenantScope scope, long id, String disposition, String location, String reason, String key) {
    Inspection.Routed r =
        inspection.route(
            scope, id, new Inspection.RouteRequest(disposition, location, reason), key);
    return new Routed(shown(scope, r.ret()), r.next(), r.event().repeated());
  }

  public List<Shown> openCases(TenantScope scope) {
    return cases.list(scope, "OPEN", null, 100).items().stream()
        .map(c -> get(scope, c.returnId()))
        .toList();
  }

  public Shown resolve(TenantScope scope, long caseId, String decision, String reason, String key) {
    return shown(
        scope, cases.resolve(scope, caseId, new SuspectCases.Resolution(decision, reason), key));
  }

  private Shown shown(TenantScope scope, ReturnViews.ReturnView v) {
    boolean quarantined =
        rows.byId(scope.tenantId(), v.id())
            .map(row -> inspection.quarantined(scope.tenantId(), row))
            .orElse(false);
    return new Shown(
        v.id(),
        v.rma(),
        v.gtin(),
        v.serial(),
        v.sku(),
        v.lot(),
        v.quantity(),
        v.reason(),
        v.location(),
        v.status(),
        v.condition(),
        v.disposition(),
        v.suspectCase() == null ? null : v.suspectCase().id(),
        v.suspectCase() == null ? null : v.suspectCase().status(),
        v.checks(),
        rmas.byNumber(scope.tenantId(), v.rma()).map(Rmas.Rma::status).orElse(null),
        quarantined ? Inspection.OUT_OF_QUARANTINE.stream().map(Enum::name).toList() : List.of());
  }
}
