package io.unitrace.ledger;

import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Moves a ledger recorded before ADR 0018 under the new rules. Its events and entries were hashed
 * in form v1 and stay verified so; from a verified state, re-anchoring closes signed checkpoints in
 * every book (covering the legacy entries and events up to the settle horizon, chained to the
 * unsigned legacy checkpoints) and records LEDGER_REANCHORED, whose details carry the
 * verification's counts, the digest of the legacy units' identities (product, GTIN, serial, lot:
 * not in a v1 hash) and the signed checkpoints. Events recorded since the upgrade are of form v2
 * anyway.
 */
@Service
class Reanchoring {

  private final Verification verification;
  private final Checkpoints checkpoints;
  private final UnitIdentities identities;
  private final Recorder recorder;
  private final JdbcClient db;

  Reanchoring(
      Verification verification,
      Checkpoints checkpoints,
      UnitIdentities identities,
      Recorder recorder,
      JdbcClient db) {
    this.verification = verification;
    this.checkpoints = checkpoints;
    this.identities = identities;
    this.recorder = recorder;
    this.db = db;
  }

  EventReceipt reanchor(TenantScope scope, RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    long tenant = scope.tenantId();
    // A repeat under the same Idempotency-Key answers the first re-anchoring.
    if (meta.idempotencyKey() != null && !meta.idempotencyKey().isBlank()) {
      var first = recorder.receipt(tenant, meta.idempotencyKey().strip(), null);
      if (first.isPresent() && first.get().type() == EventType.LEDGER_REANCHORED) {
        return first.get();
      }
    }
    boolean legacy =
        db.sql("SELECT count(*) FROM ledger_event WHERE tenant_id = ? AND hash IS NULL")
                .param(tenant)
                .query(Long.class)
                .single()
            > 0;
    if (!legacy) {
      throw Problem.conflict(
          "nothing-to-reanchor",
          null,
          "every event of this client's ledger is hashed under the current rules; there is nothing"
              + " to re-anchor");
    }
    boolean done =
        db.sql("SELECT count(*) FROM ledger_event WHERE tenant_id = ? AND type = ?")
                .params(tenant, EventType.LEDGER_REANCHORED.name())
                .query(Long.class)
                .single()
            > 0;
    if (done) {
      throw Problem.conflict(
          "already-reanchored", null, "this client's ledger was already re-anchored");
    }
    Verification.Report report = verification.verify(tenant);
    if (!report.intact()) {
      throw Problem.conflict(
              "ledger-broken",
              null,
              "verification found a break ("
                  + report.firstBreak().kind()
                  + "); a ledger is re-anchored only from a verified state")
          .with("firstBreak", report.firstBreak());
    }
    List<Checkpoints.Checkpoint> signed = checkpoints.close(tenant);
    UnitIdentities.Digest legacyUnits = identities.legacy(tenant);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(
        "verified",
        Map.of(
            "units", report.units(),
            "entries", report.entries(),
            "buckets", report.buckets(),
            "stockEntries", report.stockEntries(),
            "events", report.events(),
            "legacyEvents", report.legacyEvents()));
    details.put("identities", Map.of("units", legacyUnits.units(), "digest", legacyUnits.hex()));
    details.put(
        "checkpoints",
        signed.stream()
            .map(
                c ->
                    Map.of(
                        "book", c.book().name(),
                        "id", c.id(),
                        "lastEntryId", c.lastEntryId(),
                        "digest", c.digest(),
                        "signature", c.signature()))
            .toList());
    details.put("signingKey", verification.signingKey());
    return recorder.record(
        scope,
        meta,
        Map.of("reanchor", tenant),
        () -> new Recorder.Plan(EventType.LEDGER_REANCHORED, null, null, null, details, List.of()));
  }
}
