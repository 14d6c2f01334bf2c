package io.unitrace.counting;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
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
 * Cycle counts over HTTP: open (a supervisor), the counter's blind task, scans per location, a
 * location done, a recount by another counter, the supervisor's view with the discrepancies,
 * approve, reject, the client's recount threshold, and inventory accuracy.
 */
@RestController
@RequestMapping("/api/v1/counts")
class CountsApi {

  record OpenBody(
      String warehouse,
      List<String> locations,
      Boolean subtree,
      String assignee,
      String sku,
      String lot) {}

  record ScanBody(
      String scan,
      String gtin,
      String serial,
      String sscc,
      String lot,
      Long quantity,
      String scanId) {}

  record DecisionBody(String reason) {}

  private final Counts counts;
  private final Counting counting;
  private final CountSettings settings;
  private final CountAccuracy accuracy;
  private final AbcClasses abc;

  CountsApi(
      Counts counts,
      Counting counting,
      CountSettings settings,
      CountAccuracy accuracy,
      AbcClasses abc) {
    this.abc = abc;
    this.counts = counts;
    this.counting = counting;
    this.settings = settings;
    this.accuracy = accuracy;
  }

  /** 201 for a count opened now, 200 for the one a repeated Idempotency-Key opened. */
  @PostMapping
  ResponseEntity<Counts.CountView> open(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) OpenBody b) {
    Counts.Opened o =
        counts.open(
            scope,
            b == null
                ? null
                : new Counts.Asked(
                    b.warehouse(), b.locations(), b.subtree(), b.assignee(), b.sku(), b.lot()),
            key);
    return ResponseEntity.status(o.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(o.count());
  }

  @GetMapping
  CursorPage<Counts.CountView> list(
      TenantScope scope,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return counts.list(scope, cursor, CursorPage.limit(limit));
  }

  @GetMapping("/{id}")
  Counts.CountView view(TenantScope scope, @PathVariable long id) {
    return counts.view(scope, id);
  }

  @GetMapping("/{id}/task")
  Counts.TaskView task(TenantScope scope, @PathVariable long id) {
    return counts.task(scope, id);
  }

  @PostMapping("/{id}/locations/{code}/scans")
  Counting.ScanAnswer scan(
      TenantScope scope,
      @PathVariable long id,
      @PathVariable String code,
      @RequestBody(required = false) ScanBody b) {
    return counting.scan(
        scope,
        id,
        code,
        b == null
            ? null
            : new Counting.ScanAsked(
                b.scan(), b.gtin(), b.serial(), b.sscc(), b.lot(), b.quantity(), b.scanId()));
  }

  @PostMapping("/{id}/locations/{code}/done")
  Counting.DoneAnswer done(TenantScope scope, @PathVariable long id, @PathVariable String code) {
    return counting.done(scope, id, code);
  }

  /** A location waiting for a recount is opened again for another counter. */
  @PostMapping("/{id}/locations/{code}/recount")
  Counting.DoneAnswer recount(TenantScope scope, @PathVariable long id, @PathVariable String code) {
    return counting.recount(scope, id, code);
  }

  @GetMapping("/accuracy")
  CountAccuracy.Report accuracy(
      TenantScope scope,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String warehouse,
      @RequestParam(required = false) String by) {
    return accuracy.report(scope, from, to, warehouse, by);
  }

  @Operation(
      summary = "SKUs by ABC class",
      description =
          "Each SKU of the client with its ABC class, its ledger movements over the last 90 days,"
              + " and whether the class is COMPUTED from them or SET by a supervisor.")
  @GetMapping("/abc")
  List<AbcClasses.SkuClass> abc(TenantScope scope) {
    return abc.view(scope);
  }

  @Operation(
      summary = "Set or clear a SKU's ABC class",
      description =
          "Sets the SKU's class by hand (A, B or C), winning over the computed one; null clears it.")
  @PutMapping("/abc/{sku}")
  AbcClasses.SkuClass setAbc(
      TenantScope scope,
      @PathVariable String sku,
      @RequestBody(required = false) AbcClasses.Asked b) {
    return abc.set(scope, sku, b);
  }

  @GetMapping("/settings")
  CountSettings.View settings(TenantScope scope) {
    return settings.view(scope);
  }

  @PutMapping("/settings")
  CountSettings.View setSettings(
      TenantScope scope, @RequestBody(required = false) CountSettings.Asked b) {
    return settings.set(scope, b);
  }

  @PostMapping("/{id}/approve")
  Counts.CountView approve(
      TenantScope scope, @PathVariable long id, @RequestBody(required = false) DecisionBody b) {
    return counts.approve(scope, id, b == null ? null : b.reason());
  }

  @PostMapping("/{id}/reject")
  Counts.CountView reject(
      TenantScope scope, @PathVariable long id, @RequestBody(required = false) DecisionBody b) {
    return counts.reject(scope, id, b == null ? null : b.reason());
  }
}
