package io.unitrace.returns;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Warranty over HTTP, signed in: the warranty of a unit by its Digital Link path or by any GS1
 * scan, its service records; warranty claims (open, list, read, change status, link a replacement)
 * and service records. Writes take an {@code Idempotency-Key} header.
 */
@RestController
@RequestMapping("/api/v1")
class WarrantyApi {

  static final String KEY = "Idempotency-Key";
  static final String UNIT = "/warranty/01/{gtin}/21/{serial}";

  private final WarrantyLookup lookup;
  private final WarrantyClaims claims;
  private final ServiceRecords services;
  private final Inventory inventory;

  WarrantyApi(
      WarrantyLookup lookup, WarrantyClaims claims, ServiceRecords services, Inventory inventory) {
    this.lookup = lookup;
    this.claims = claims;
    this.services = services;
    this.inventory = inventory;
  }

  @Operation(
      summary = "Get a unit's warranty",
      description = "Warranty status and end date of a unit, from its sale or registration.")
  @GetMapping(UNIT)
  WarrantyCard warranty(TenantScope scope, @PathVariable String gtin, @PathVariable String serial) {
    return lookup.require(scope, WarrantyInput.unit("", null, gtin, serial));
  }

  /** The warranty of the unit a scan names, in any GS1 form (bracketed, raw, AIM, Digital Link). */
  @Operation(
      summary = "Get the warranty of a scanned unit",
      description = "The warranty of the unit a scan names, in any GS1 form.")
  @GetMapping("/warranty")
  WarrantyCard warrantyByScan(TenantScope scope, @RequestParam(required = false) String scan) {
    return lookup.require(scope, Scans.unit(scan, "scan"));
  }

  @Operation(
      summary = "List a unit's service records",
      description = "Repairs and services done on a unit.")
  @GetMapping(UNIT + "/service-records")
  List<ServiceRecords.ServiceRecord> serviceRecords(
      TenantScope scope, @PathVariable String gtin, @PathVariable String serial) {
    UnitRef ref = WarrantyInput.unit("", null, gtin, serial);
    Inventory.UnitPosition unit =
        inventory
            .unit(scope.tenantId(), ref)
            .orElseThrow(() -> WarrantyLookup.unknownUnit(scope, ref));
    return services.ofUnit(scope.tenantId(), unit.id());
  }

  @Operation(
      summary = "Open a warranty claim",
      description = "A claim for a unit's fault; whether it is in warranty is decided now.")
  @PostMapping("/warranty-claims")
  @ResponseStatus(HttpStatus.CREATED)
  WarrantyClaims.Claim open(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody WarrantyClaims.OpenRequest body) {
    return claims.open(scope, body, key);
  }

  @Operation(summary = "List warranty claims", description = "Claims by status, a page at a time.")
  @GetMapping("/warranty-claims")
  CursorPage<WarrantyClaims.Summary> list(
      TenantScope scope,
      @RequestParam(required = false) ClaimStatus status,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return claims.list(scope, status, cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Get a warranty claim",
      description = "A claim with its service records and replacement.")
  @GetMapping("/warranty-claims/{number}")
  WarrantyClaims.Claim claim(TenantScope scope, @PathVariable String number) {
    return claims.find(scope, number);
  }

  @Operation(
      summary = "Change a claim's status",
      description = "Approves, rejects, repairs or closes a claim, with a note.")
  @PostMapping("/warranty-claims/{number}/status")
  WarrantyClaims.Claim status(
      TenantScope scope,
      @PathVariable String number,
      @RequestBody WarrantyClaims.StatusRequest body) {
    return claims.changeStatus(scope, number, body);
  }

  @Operation(
      summary = "Replace a unit under a claim",
      description =
          "Ships a replacement unit for the claimed one; both histories link to each other.")
  @PostMapping("/warranty-claims/{number}/replacement")
  WarrantyClaims.Claim replacement(
      TenantScope scope,
      @PathVariable String number,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody WarrantyClaims.ReplacementRequest body) {
    return claims.replace(scope, number, body, key);
  }

  @Operation(summary = "Record a service", description = "A repair or service done on a unit.")
  @PostMapping("/service-records")
  @ResponseStatus(HttpStatus.CREATED)
  ServiceRecords.ServiceRecord serviceRecord(
      TenantScope scope,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestBody ServiceRecords.ServiceRequest body) {
    return services.record(scope, body, key, n -> claims.require(scope, n));
  }
}
