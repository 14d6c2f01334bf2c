package io.unitrace.facility;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.CurrentActor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.tenancy.Tenants;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * SSCC numbering over HTTP: a client's company prefix (ADMIN), and blocks of SSCCs for labels
 * printed ahead of packing (anyone who may write the client's data).
 */
@RestController
@RequestMapping("/api/v1")
class SsccApi {

  record Block(Integer count) {}

  record Allocated(List<Sscc> ssccs) {}

  record NumberingBody(String companyPrefix, Integer extensionDigit) {}

  /**
   * The numbering in force; {@code source} is TENANT or INSTALLATION, all null when none is set.
   */
  record NumberingView(
      String tenant,
      String companyPrefix,
      Integer extensionDigit,
      SsccAllocator.Source source,
      Long capacity) {

    static NumberingView of(String tenant, Optional<SsccAllocator.Numbering> n) {
      return n.map(
              x ->
                  new NumberingView(
                      tenant, x.companyPrefix(), x.extensionDigit(), x.source(), x.capacity()))
          .orElse(new NumberingView(tenant, null, null, null, null));
    }
  }

  private final SsccAllocator allocator;
  private final Tenants tenants;
  private final CurrentActor current;

  SsccApi(SsccAllocator allocator, Tenants tenants, CurrentActor current) {
    this.allocator = allocator;
    this.tenants = tenants;
    this.current = current;
  }

  @Operation(
      summary = "Take the next SSCCs",
      description =
          "Reserves the next serial shipping container codes of the client's numbering, for labels printed ahead.")
  @PostMapping("/sscc")
  @ResponseStatus(HttpStatus.CREATED)
  Allocated allocate(TenantScope scope, @RequestBody(required = false) Block body) {
    scope.requireWrite();
    int count = body == null || body.count() == null ? 1 : body.count();
    return new Allocated(allocator.allocate(scope.tenantId(), count));
  }

  @Operation(
      summary = "Read a client's SSCC numbering",
      description = "The client's GS1 Company Prefix, extension digit and the last number used.")
  @GetMapping("/tenants/{code}/sscc")
  NumberingView numbering(@PathVariable String code) {
    Actor actor = current.get();
    Tenants.Tenant tenant =
        tenants
            .byCode(code)
            .filter(t -> actor.mayRead(t.id()))
            .orElseThrow(() -> Problem.forbidden(actor.who() + " has no access to client " + code));
    return NumberingView.of(tenant.code(), allocator.numbering(tenant.id()));
  }

  @Operation(
      summary = "Set a client's SSCC numbering",
      description =
          "The GS1 Company Prefix and extension digit SSCCs of this client are made from (ADMIN).")
  @PutMapping("/tenants/{code}/sscc")
  NumberingView configure(@PathVariable String code, @RequestBody NumberingBody body) {
    Actor actor = current.get();
    if (actor.role() != Role.ADMIN || actor.tokenId() != null) {
      throw Problem.forbidden(
          "only an ADMIN, signed in as a person, sets a client's SSCC numbering");
    }
    Tenants.Tenant tenant =
        tenants
            .byCode(code)
            .orElseThrow(() -> Problem.notFound("unknown-tenant", "no client with code " + code));
    return NumberingView.of(
        tenant.code(),
        allocator.configure(tenant.id(), body.companyPrefix(), body.extensionDigit()));
  }
}
