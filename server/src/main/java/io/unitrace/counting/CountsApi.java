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
  private final CountOpening opening;
  private final Counting counting;
  private final CountSettings settings;
  private final CountAccuracy accuracy;
  private final AbcClasses abc;

  CountsApi(
      Counts counts,
      CountOpening opening,
      Counting counting,
      CountSettings settings,
      CountAccuracy accuracy,
      AbcClasses abc) {
    this.abc = abc;
    this.counts = counts;
    this.opening = opening;
    this.counting = counting;
    this.settings = settings;
    this.accuracy = accuracy;
  }

  /** 201 for a count opened now, 200 for the one a repeated Idempotency-Key opened. */
  @Operation(
      summary = "Open a cycle count",
      description =
          "Opens a count of locations (a bin, or a subtree with subtree true) or of one SKU or lot (the locations holding it), in walking order, for a counter or anyone. 201 for a count opened now, 200 for the one a repeated Idempotency-Key opened.")
  @PostMapping
  ResponseEntity<Counts.CountView> open(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) OpenBody b) {
    Counts.Opened o =
        opening.open(
            scope,
            b == null
                ? null
                : new CountOpening.Asked(
                    b.warehouse(), b.locations(), b.subtree(), b.assignee(), b.sku(), b.lot()),
            key);
    return ResponseEntity.status(o.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(o.count());
  }

  @Operation(
      summary = "List cycle counts",
      description =
          "The client's counts, oldest first, without their locations and discrepancies (supervisors).")
  @GetMapping
  CursorPage<Counts.CountView> list(
      TenantScope scope,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return counts.list(scope, cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Read a count with its discrepancies",
      description =
          "The supervisor's view: per location what the books held when it was closed, what was counted, and each discrepancy with its proposed correction.")
  @GetMapping("/{id}")
  Counts.CountView view(TenantScope scope, @PathVariable long id) {
    return counts.view(scope, id);
  }

  @Operation(
      summary = "The counter's task",
      description =
          "The locations to count in walking order with their status and scans, never the expected units or quantities (blind).")
  @GetMapping("/{id}/task")
  Counts.TaskView task(TenantScope scope, @PathVariable long id) {
    return counts.task(scope, id);
  }

  @Operation(
      summary = "Count a scan at a location",
      description =
          "A serial (any GS1 form), an SSCC (a sealed container counts as its recorded content) or counted goods by lot with a quantity. A serial scanned twice counts once and the answer says so.")
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

  @Operation(
      summary = "Close a counted location",
      description =
          "Reconciles the location against the ledger at this moment and names its discrepancies; variances above the client's threshold send it to a recount by another counter.")
  @PostMapping("/{id}/locations/{code}/done")
  Counting.DoneAnswer done(TenantScope scope, @PathVariable long id, @PathVariable String code) {
    return counting.done(scope, id, code);
  }

  /** A location waiting for a recount is opened again for another counter. */
  @Operation(
      summary = "Recount a location",
      description =
          "Another counter than the first takes the location again; its count replaces the first.")
  @PostMapping("/{id}/locations/{code}/recount")
  Counting.DoneAnswer recount(TenantScope scope, @PathVariable long id, @PathVariable String code) {
    return counting.recount(scope, id, code);
  }

  @Operation(
      summary = "Inventory accuracy",
      description =
          "Record accuracy (locations counted without discrepancy, of those counted) and unit accuracy per warehouse and day, per ABC class and per week or month (by) from approved counts.")
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

  @Operation(
      summary = "Read the recount thresholds",
      description =
          "The client's variances above which a location is recounted by another counter.")
  @GetMapping("/settings")
  CountSettings.View settings(TenantScope scope) {
    return settings.view(scope);
  }

  @Operation(
      summary = "Set the recount thresholds",
      description =
          "Units, value or percent above which a closed location needs a recount by another counter.")
  @PutMapping("/settings")
  CountSettings.View setSettings(
      TenantScope scope, @RequestBody(required = false) CountSettings.Asked b) {
    return settings.set(scope, b);
  }

  @Operation(
      summary = "Approve a count",
      description =
          "Writes the corrections as ledger events naming the count, in one transaction; corrections the floor has overtaken are skipped, unknown serials left for a person.")
  @PostMapping("/{id}/approve")
  Counts.CountView approve(
      TenantScope scope, @PathVariable long id, @RequestBody(required = false) DecisionBody b) {
    return counts.approve(scope, id, b == null ? null : b.reason());
  }

  @Operation(
      summary = "Reject a count",
      description = "Closes the count without writing anything; a reason is required.")
  @PostMapping("/{id}/reject")
  Counts.CountView reject(
      TenantScope scope, @PathVariable long id, @RequestBody(required = false) DecisionBody b) {
    return counts.reject(scope, id, b == null ? null : b.reason());
  }
}
