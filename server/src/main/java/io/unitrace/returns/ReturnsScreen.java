package io.unitrace.returns;

import io.unitrace.tenancy.TenantScope;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What the returns screens may ask of this module: the verdict on a scan, receiving, inspection,
 * routing and suspect cases, answered in records made to be shown. The screens go through the very
 * services the API does.
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
      List<Verdict.Check> checks) {}

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

  ReturnsScreen(
      ReturnDesk desk,
      Inspection inspection,
      SuspectCases cases,
      Reasons reasons,
      ReturnViews views) {
    this.desk = desk;
    this.inspection = inspection;
    this.cases = cases;
    this.reasons = reasons;
    this.views = views;
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
    return new Received(shown(r.ret()), r.verdict(), r.event().repeated());
  }

  public Shown get(TenantScope scope, long id) {
    return shown(views.require(scope.tenantId(), id));
  }

  public Inspected inspect(
      TenantScope scope, long id, String condition, String findings, String key) {
    Inspection.Inspected i =
        inspection.inspect(scope, id, new Inspection.InspectRequest(condition, findings), key);
    return new Inspected(shown(i.ret()), i.suggested().name(), i.why());
  }

  public Routed route(
      TenantScope scope, long id, String disposition, String location, String reason, String key) {
    Inspection.Routed r =
        inspection.route(
            scope, id, new Inspection.RouteRequest(disposition, location, reason), key);
    return new Routed(shown(r.ret()), r.next(), r.event().repeated());
  }

  public List<Shown> openCases(TenantScope scope) {
    return cases.list(scope, "OPEN", null, 100).items().stream()
        .map(c -> get(scope, c.returnId()))
        .toList();
  }

  public Shown resolve(TenantScope scope, long caseId, String decision, String reason, String key) {
    return shown(cases.resolve(scope, caseId, new SuspectCases.Resolution(decision, reason), key));
  }

  private static Shown shown(ReturnViews.ReturnView v) {
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
        v.checks());
  }
}
