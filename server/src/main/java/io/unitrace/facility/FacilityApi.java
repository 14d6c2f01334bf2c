package io.unitrace.facility;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.CurrentActor;
import io.unitrace.tenancy.Role;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Warehouses and locations: the operator's staff read them; SUPERVISOR and ADMIN change them. */
@RestController
@RequestMapping("/api/v1")
class FacilityApi {

  record NewWarehouse(String code, String name, String gln) {

    NewWarehouse {
      Text.line("code", code, 40);
      Text.line("name", name, 200);
      Text.line("gln", gln, 13);
    }
  }

  record NewLocation(
      String warehouse, String parent, String code, String name, String level, LocationType type) {

    NewLocation {
      Text.line("warehouse", warehouse, 40);
      Text.line("parent", parent, 60);
      Text.line("code", code, 60);
      Text.line("name", name, 200);
      Text.line("level", level, 10);
    }
  }

  private final Facility facility;
  private final CurrentActor current;

  FacilityApi(Facility facility, CurrentActor current) {
    this.facility = facility;
    this.current = current;
  }

  @Operation(summary = "List warehouses", description = "Every warehouse (building) of the site.")
  @GetMapping("/warehouses")
  List<Facility.Warehouse> warehouses() {
    staff(false);
    return facility.warehouses();
  }

  @Operation(summary = "Create a warehouse", description = "A building with its own locations.")
  @PostMapping("/warehouses")
  @ResponseStatus(HttpStatus.CREATED)
  Facility.Warehouse createWarehouse(@RequestBody NewWarehouse body) {
    staff(true);
    return facility.createWarehouse(body.code(), body.name(), body.gln());
  }

  @Operation(
      summary = "List locations",
      description =
          "Locations of a warehouse (docks, storage bins, quarantine…), a page at a time.")
  @GetMapping("/locations")
  CursorPage<Location> locations(
      @RequestParam(required = false) String warehouse,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    staff(false);
    return facility.locations(warehouse, cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Create a location",
      description =
          "A dock, storage bin, quarantine area or other place, optionally inside a parent location.")
  @PostMapping("/locations")
  @ResponseStatus(HttpStatus.CREATED)
  Location createLocation(@RequestBody NewLocation body) {
    staff(true);
    return facility.createLocation(
        body.warehouse(), body.parent(), body.code(), body.name(), body.level(), body.type());
  }

  @Operation(summary = "Get a location", description = "A location by its code.")
  @GetMapping("/locations/{code}")
  Location location(@PathVariable String code) {
    staff(false);
    return facility
        .byCode(code)
        .orElseThrow(() -> Problem.notFound("unknown-location", "no location with code " + code));
  }

  /** The site is the operator's: client users do not see it, and only supervisors change it. */
  private void staff(boolean change) {
    Actor actor = current.get();
    if (actor.role() == Role.CLIENT) {
      throw Problem.forbidden("the warehouse layout is visible to the operator's staff only");
    }
    if (change && (!actor.role().atLeast(Role.SUPERVISOR) || actor.tokenReadOnly())) {
      throw Problem.forbidden("changing the warehouse layout needs a SUPERVISOR or ADMIN");
    }
  }
}
