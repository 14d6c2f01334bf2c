package io.unitrace.inbound;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.io.StringReader;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Advance ship notices: created as JSON against a purchase order, items appended as CSV (an
 * expected-serial file of 100,000 rows is one request). Writing needs a SUPERVISOR.
 */
@RestController
@RequestMapping("/api/v1/asns")
class AsnApi {

  private final Asns asns;
  private final AsnImport asnImport;

  AsnApi(Asns asns, AsnImport asnImport) {
    this.asns = asns;
    this.asnImport = asnImport;
  }

  @Operation(
      summary = "Announce a delivery (ASN)",
      description =
          "An advance shipping notice: the containers (SSCCs) and serials or lot quantities expected, optionally against a purchase order.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Asns.AsnView create(TenantScope scope, @RequestBody Asns.NewAsn asn) {
    scope.requireRole(Role.SUPERVISOR);
    return asns.create(scope.tenantId(), asn);
  }

  @Operation(
      summary = "Get an ASN",
      description = "An ASN with its counts of announced and received items.")
  @GetMapping("/{number}")
  Asns.AsnView get(TenantScope scope, @PathVariable String number) {
    return asns.view(scope.tenantId(), number).orElseThrow(() -> Asns.unknownAsn(number));
  }

  @Operation(
      summary = "List an ASN's items",
      description = "The announced serials and lot quantities, optionally of one container.")
  @GetMapping("/{number}/items")
  CursorPage<Asns.ItemView> items(
      TenantScope scope,
      @PathVariable String number,
      @RequestParam(required = false) String sscc,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return asns.items(scope.tenantId(), number, sscc, cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Add items to an ASN from CSV",
      description =
          "More announced items, one per row; a bad row is answered with its row and column.")
  @PostMapping(path = "/{number}/items", consumes = "text/csv")
  Asns.Appended appendCsv(TenantScope scope, @PathVariable String number, @RequestBody String csv) {
    scope.requireRole(Role.SUPERVISOR);
    return asnImport.append(scope.tenantId(), number, new StringReader(csv));
  }
}
