package io.unitrace.ui;

import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.facility.LocationType;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Warehouses and their locations for the office. The site is the operator's, not a client's: no
 * client needs picking, and, as in the API, only a SUPERVISOR or ADMIN sees these screens. A
 * warehouse's locations are shown a page at a time in the API's order, laid out as a tree (each
 * under its parent, indented by its depth), each with a link to its printable label (the labels
 * module's location label). Writes go through {@link Facility}; a refusal is shown on its input.
 */
@Controller
class LocationsPage {

  /** A location in the indented table: {@code depth} 0 for a top-level one. */
  record Row(Location location, String parent, int depth) {}

  private static final int PAGE = 200;
  private static final Set<String> WAREHOUSE_INPUTS = Set.of("code", "name", "gln");
  private static final Set<String> LOCATION_INPUTS =
      Set.of("warehouse", "parent", "code", "name", "level", "type");

  private final ClientChoice clients;
  private final Facility facility;

  LocationsPage(ClientChoice clients, Facility facility) {
    this.clients = clients;
    this.facility = facility;
  }

  @GetMapping("/setup/locations")
  String page(
      HttpServletRequest request,
      Model model,
      @RequestParam(required = false) String warehouse,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String created) {
    staff(request);
    model.addAttribute("created", SetupForms.blankToNull(created));
    return shown(model, SetupForms.blankToNull(warehouse), SetupForms.blankToNull(cursor));
  }

  @PostMapping("/setup/locations/warehouses")
  String createWarehouse(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String gln) {
    staff(request);
    try {
      Facility.Warehouse w =
          facility.createWarehouse(
              SetupForms.blankToNull(code),
              SetupForms.blankToNull(name),
              SetupForms.blankToNull(gln));
      return "redirect:/setup/locations?warehouse=" + encode(w.code());
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("warehouseRefusal", SetupForms.refusal(p, WAREHOUSE_INPUTS, Map.of()));
      model.addAttribute("warehouseForm", new String[] {code, name, gln});
      return shown(model, null, null);
    }
  }

  @PostMapping("/setup/locations")
  String createLocation(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String warehouse,
      @RequestParam(required = false) String parent,
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String level,
      @RequestParam(required = false) String type) {
    staff(request);
    try {
      Location l =
          facility.createLocation(
              warehouse,
              SetupForms.blankToNull(parent),
              SetupForms.blankToNull(code),
              SetupForms.blankToNull(name),
              SetupForms.blankToNull(level),
              SetupForms.choice(LocationType.class, type, "type"));
      return "redirect:/setup/locations?warehouse="
          + encode(warehouse)
          + "&created="
          + encode(l.code());
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("locationRefusal", SetupForms.refusal(p, LOCATION_INPUTS, Map.of()));
      model.addAttribute("locationForm", new String[] {parent, code, name, level, type});
      return shown(model, warehouse, null);
    }
  }

  private String shown(Model model, String warehouse, String cursor) {
    List<Facility.Warehouse> warehouses = facility.warehouses();
    model.addAttribute("warehouses", warehouses);
    model.addAttribute("levels", List.of("ZONE", "AISLE", "RACK", "BIN", "AREA"));
    model.addAttribute("types", LocationType.CHOSEN.stream().map(Enum::name).toList());
    if (warehouse != null) {
      Facility.Warehouse w =
          warehouses.stream()
              .filter(x -> x.code().equals(warehouse))
              .findFirst()
              .orElseThrow(
                  () ->
                      Problem.notFound("unknown-warehouse", "no warehouse with code " + warehouse));
      CursorPage<Location> page = facility.locations(w.code(), cursor, PAGE);
      model.addAttribute("warehouse", w);
      model.addAttribute("rows", tree(page.items()));
      model.addAttribute("next", page.next());
      model.addAttribute("paged", cursor != null);
    }
    return "setup/locations";
  }

  /**
   * The page's locations in tree order: each after its parent, children in code order. Depths count
   * every ancestor, also those on earlier pages (read in one call per level, not one per location).
   */
  private List<Row> tree(List<Location> page) {
    Map<Long, Location> known = new HashMap<>();
    page.forEach(l -> known.put(l.id(), l));
    for (int level = 0; level < 16; level++) {
      List<LocationId> missing =
          known.values().stream()
              .map(Location::parentId)
              .filter(p -> p != null && !known.containsKey(p))
              .distinct()
              .map(LocationId::new)
              .toList();
      if (missing.isEmpty()) {
        break;
      }
      facility.locations(missing).values().forEach(l -> known.put(l.id(), l));
    }
    Map<Long, List<Location>> children = new LinkedHashMap<>();
    List<Location> roots = new ArrayList<>();
    Set<Long> onPage = new HashSet<>(page.stream().map(Location::id).toList());
    for (Location l : page) {
      if (l.parentId() != null && onPage.contains(l.parentId())) {
        children.computeIfAbsent(l.parentId(), k -> new ArrayList<>()).add(l);
      } else {
        roots.add(l);
      }
    }
    List<Row> rows = new ArrayList<>(page.size());
    roots.sort(Comparator.comparing(Location::code));
    for (Location root : roots) {
      walk(root, children, known, rows);
    }
    return rows;
  }

  private static void walk(
      Location l, Map<Long, List<Location>> children, Map<Long, Location> known, List<Row> rows) {
    int depth = 0;
    for (Long p = l.parentId(); p != null && known.containsKey(p) && depth < 16; depth++) {
      p = known.get(p).parentId();
    }
    Location parent = l.parentId() == null ? null : known.get(l.parentId());
    rows.add(new Row(l, parent == null ? null : parent.code(), depth));
    List<Location> below = new ArrayList<>(children.getOrDefault(l.id(), List.of()));
    below.sort(Comparator.comparing(Location::code));
    for (Location c : below) {
      walk(c, children, known, rows);
    }
  }

  /** As the API: the operator's SUPERVISOR or ADMIN; a client's user or an OPERATOR is refused. */
  private void staff(HttpServletRequest request) {
    Actor actor = clients.of(request).actor();
    SetupForms.requireSupervisor(actor);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
