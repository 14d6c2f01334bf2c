package io.unitrace.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** /** Containers over HTTP: creating them, packing units and containers into them, moving them. */
@RestController
@RequestMapping("/api/v1")
class ContainersApi {

  private final Containers containers;

  ContainersApi(Containers containers) {
    this.containers = containers;
  }

  record UnitKey(String gtin, String serial) {}

  record PackBody(
      List<UnitKey> units, String into, OffsetDateTime eventTime, String device, String scan) {

    PackBody {
      Text.noNulls("units", units);
    }
  }

  record NewContainer(String sscc, String kind, String location) {

    NewContainer {
      Text.line("location", location, UnitsApi.LOCATION_LENGTH);
    }
  }

  record NestBody(String into, OffsetDateTime eventTime, String device, String scan) {}

  @Operation(
      summary = "Pack units into a container",
      description = "Puts units into a container (case, pallet) by SSCC; they move with it.")
  @PostMapping("/units/pack")
  EventReceipt pack(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @RequestBody PackBody b) {
    return containers.pack(
        scope,
        refs(b.units()),
        sscc(b.into(), "into"),
        UnitsApi.meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @Operation(
      summary = "Take units out of a container",
      description = "Units leave their container and stay where it is.")
  @PostMapping("/units/unpack")
  EventReceipt unpack(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @RequestBody PackBody b) {
    return containers.unpack(
        scope, refs(b.units()), UnitsApi.meta(key, b.eventTime(), b.device(), b.scan()));
  }

  /** Without an {@code sscc} the container gets the next one of the client's numbering. */
  @Operation(
      summary = "Create a container",
      description =
          "A case or pallet at a location; without an SSCC it gets the next one of the client's numbering.")
  @PostMapping("/containers")
  @ResponseStatus(HttpStatus.CREATED)
  Container createContainer(TenantScope scope, @RequestBody NewContainer b) {
    Sscc given = b.sscc() == null || b.sscc().isBlank() ? null : sscc(b.sscc(), "sscc");
    return containers.create(scope, given, b.kind(), b.location());
  }

  @Operation(
      summary = "Get a container",
      description = "A container with its location, parent and contents.")
  @GetMapping("/containers/{sscc}")
  Container container(TenantScope scope, @PathVariable String sscc) {
    return containers
        .find(scope.tenantId(), sscc(sscc, "sscc"))
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-container",
                    "client " + scope.tenantCode() + " has no container " + sscc));
  }

  @Operation(
      summary = "Move a container",
      description = "Moves a container with everything in it to another location.")
  @PostMapping("/containers/{sscc}/move")
  EventReceipt moveContainer(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @PathVariable String sscc,
      @RequestBody UnitsApi.MoveBody b) {
    return containers.move(
        scope,
        sscc(sscc, "sscc"),
        b.location(),
        new RequestMeta(key, b.eventTime(), b.device(), b.scan(), b.bizTransactions()));
  }

  @Operation(
      summary = "Put a container on another",
      description = "Puts a case on a pallet (nests containers).")
  @PostMapping("/containers/{sscc}/pack")
  EventReceipt nest(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @PathVariable String sscc,
      @RequestBody NestBody b) {
    return containers.nest(
        scope,
        sscc(sscc, "sscc"),
        sscc(b.into(), "into"),
        UnitsApi.meta(key, b.eventTime(), b.device(), b.scan()));
  }

  @Operation(
      summary = "Take a container off another",
      description = "Takes a case off its pallet; it stays where it is.")
  @PostMapping("/containers/{sscc}/unpack")
  EventReceipt unnest(
      TenantScope scope,
      @RequestHeader(name = UnitsApi.KEY, required = false) String key,
      @PathVariable String sscc) {
    return containers.nest(scope, sscc(sscc, "sscc"), null, UnitsApi.meta(key, null, null, null));
  }

  private static List<UnitRef> refs(List<UnitKey> keys) {
    if (keys == null) {
      return List.of();
    }
    return keys.stream().map(k -> UnitsApi.ref(k.gtin(), k.serial())).toList();
  }

  static Sscc sscc(String text, String field) {
    try {
      return new Sscc(text == null ? null : text.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-sscc", field, e.getMessage());
    }
  }
}
