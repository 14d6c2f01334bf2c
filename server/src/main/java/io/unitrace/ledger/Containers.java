package io.unitrace.ledger;

import io.unitrace.facility.Location;
import io.unitrace.facility.SsccAllocator;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Pallets, cases, totes and boxes: where a container is and what it holds is inventory, so its rows
 * change only here, together with the ledger entries of the units inside.
 */
@Service
public class Containers {

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;
  private final ContainerRows containerRows;
  private final SsccAllocator allocator;

  Containers(
      Recorder recorder,
      Planning planning,
      UnitRows rows,
      ContainerRows containerRows,
      SsccAllocator allocator) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.containerRows = containerRows;
    this.allocator = allocator;
  }

  public record PackRequest(List<UnitRef> units, String into) {

    public PackRequest {
      Text.noNulls("units", units);
    }
  }

  /** Packs units into a container; they take its location and from now on move with it. */
  public EventReceipt pack(TenantScope scope, List<UnitRef> refs, Sscc into, RequestMeta meta) {
    if (refs == null || refs.isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name at least one unit to pack");
    }
    return recorder.record(
        scope,
        meta,
        new PackRequest(refs, into.value()),
        () -> {
          Container c = planning.container(scope, into, "into");
          UnitCommand command = new UnitCommand.Pack(c.id(), c.locationId());
          List<Recorder.Change> changes = new ArrayList<>();
          Location at = c.locationId() == null ? null : planning.location(c.locationId());
          for (UnitRef ref : Planning.distinct(refs)) {
            UnitRows.Loaded u = planning.load(scope, ref);
            if (at != null) {
              planning.sameWarehouse(u.status().location(), at, "into", "unit " + ref);
            }
            changes.add(new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command)));
          }
          return new Recorder.Plan(
              EventType.PACKED,
              null,
              c.locationId(),
              c.locationId(),
              Map.of("into", into.value()),
              List.of(),
              changes,
              () -> holdStill(scope, c.id(), c.locationId()));
        });
  }

  public record UnpackRequest(List<UnitRef> units) {

    public UnpackRequest {
      Text.noNulls("units", units);
    }
  }

  public EventReceipt unpack(TenantScope scope, List<UnitRef> refs, RequestMeta meta) {
    if (refs == null || refs.isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name at least one unit to unpack");
    }
    return recorder.record(
        scope,
        meta,
        new UnpackRequest(refs),
        () -> {
          List<Recorder.Change> changes = new ArrayList<>();
          Long at = null;
          for (UnitRef ref : Planning.distinct(refs)) {
            UnitRows.Loaded u = planning.load(scope, ref);
            changes.add(
                new Recorder.Change(
                    u,
                    new UnitCommand.Unpack(),
                    Recorder.apply(ref, u.status(), new UnitCommand.Unpack())));
            at = u.status().location();
          }
          return new Recorder.Plan(EventType.UNPACKED, null, at, at, Map.of(), changes);
        });
  }

  public record ContainerMoveRequest(String sscc, String location) {}

  /** Moves a container with everything in it, at any depth: every unit inside gets its entry. */
  public EventReceipt move(TenantScope scope, Sscc sscc, String locationCode, RequestMeta meta) {
    Location to = planning.require(locationCode, "location");
    return recorder.record(
        scope,
        meta,
        new ContainerMoveRequest(sscc.value(), to.code()),
        () -> {
          Container c = planning.container(scope, sscc, "sscc");
          if (c.parentId() != null) {
            throw Problem.conflict(
                    "illegal-transition",
                    "sscc",
                    "container "
                        + sscc
                        + " sits inside another: move the outer one, or take it out first")
                .with("rule", "container-nested");
          }
          planning.sameWarehouse(c.locationId(), to, "location", "container " + sscc);
          List<Long> tree = containerRows.tree(scope.tenantId(), c.id());
          List<Recorder.Change> carried = carry(scope, tree, to);
          return new Recorder.Plan(
              EventType.MOVED,
              null,
              to.id(),
              to.id(),
              Map.of("container", sscc.value(), "to", to.code()),
              List.of(),
              carried,
              () -> {
                containerRows.place(scope.tenantId(), tree, to.id());
                requireSameContents(scope, c.id(), tree, carried);
              });
        });
  }

  public record NestRequest(String sscc, String into) {}

  /**
   * Packs a container into another (a case onto a pallet); its contents travel to the outer one's
   * location.
   */
  public EventReceipt nest(TenantScope scope, Sscc child, Sscc parent, RequestMeta meta) {
    return recorder.record(
        scope,
        meta,
        new NestRequest(child.value(), parent == null ? null : parent.value()),
        () -> {
          Container c = planning.container(scope, child, "sscc");
          if (parent == null) {
            if (c.parentId() == null) {
              throw Problem.conflict(
                      "illegal-transition", "sscc", "container " + child + " is not inside another")
                  .with("rule", "container-not-nested");
            }
            return new Recorder.Plan(
                EventType.UNPACKED,
                null,
                c.locationId(),
                c.locationId(),
                Map.of("container", child.value()),
                List.of(),
                List.of(),
                () -> containerRows.nest(scope.tenantId(), c.id(), null));
          }
          Container outer = planning.container(scope, parent, "into");
          if (c.parentId() != null) {
            throw Problem.conflict(
                    "illegal-transition",
                    "sscc",
                    "container " + child + " is already inside another: take it out first")
                .with("rule", "container-nested");
          }
          List<Long> tree = containerRows.tree(scope.tenantId(), c.id());
          Location to = planning.location(outer.locationId());
          planning.sameWarehouse(c.locationId(), to, "into", "container " + child);
          List<Recorder.Change> carried = carry(scope, tree, to);
          return new Recorder.Plan(
              EventType.PACKED,
              null,
              to.id(),
              to.id(),
              Map.of("container", child.value(), "into", parent.value()),
              List.of(),
              carried,
              () -> {
                holdStill(scope, outer.id(), outer.locationId());
                nestInto(scope.tenantId(), c.id(), outer.id());
                containerRows.place(scope.tenantId(), tree, to.id());
                requireSameContents(scope, c.id(), tree, carried);
              });
        });
  }

  static final Set<String> KINDS = Set.of("PALLET", "CASE", "TOTE", "BOX");

  public record ContainerPutawayRequest(String sscc, String dock, String location) {}

  /**
   * Puts a container away with everything in it: moves it from {@code dockCode} to {@code
   * locationCode} only while it stands on that dock and every unit in it is still RECEIVED there. A
   * container inside another (a case on a pallet) is taken out of it in the same event: breaking a
   * pallet down into bins is one scan per case, and the event names the container it came out of
   * ({@code "from container"}). The claim is taken in the event's own transaction, the container's
   * row before its units' (the order every container command locks in), so of two clerks exactly
   * one moves it and the other is refused ({@code not-on-dock}) with where it is now; a pallet put
   * away whole while a case is taken off it sees its contents change and is planned again.
   */
  public EventReceipt putAway(
      TenantScope scope, Sscc sscc, String dockCode, String locationCode, RequestMeta meta) {
    Location dock = planning.require(dockCode, "dock");
    Location to = planning.require(locationCode, "location");
    planning.sameWarehouse(dock.id(), to, "location", "dock " + dock.code());
    long tenantId = scope.tenantId();
    return recorder.record(
        scope,
        meta,
        new ContainerPutawayRequest(sscc.value(), dock.code(), to.code()),
        () -> {
          Container c = planning.container(scope, sscc, "sscc");
          if (!containerRows.claimOnDock(tenantId, c.id(), dock.id())) {
            Container now = containerRows.byId(tenantId, c.id()).orElseThrow();
            throw planning.notOnDock("sscc", "container " + sscc, null, now.locationId(), dock);
          }
          Container outer =
              c.parentId() == null
                  ? null
                  : containerRows.byId(tenantId, c.parentId()).orElseThrow();
          List<Long> tree = containerRows.tree(tenantId, c.id());
          List<Long> inside = rows.inContainers(tenantId, tree).stream().map(u -> u.id()).toList();
          if (rows.claimReceived(tenantId, inside, dock.id(), false) != inside.size()) {
            UnitRows.Loaded moved =
                rows.inContainers(tenantId, tree).stream()
                    .filter(
                        u ->
                            u.status().state() != UnitState.RECEIVED
                                || !Long.valueOf(dock.id()).equals(u.status().location()))
                    .findFirst()
                    .orElseThrow(Recorder.UnitChanged::new);
            throw planning.notOnDock(
                "sscc",
                "unit " + moved.gtin().value() + "/" + moved.serial() + " in container " + sscc,
                moved.status().state(),
                moved.status().location(),
                dock);
          }
          List<Recorder.Change> carried = carry(scope, tree, to);
          Map<String, Object> data =
              new LinkedHashMap<>(
                  Map.of("container", sscc.value(), "from", dock.code(), "to", to.code()));
          if (outer != null) {
            data.put("fromContainer", outer.sscc().value());
          }
          return new Recorder.Plan(
                  EventType.MOVED,
                  null,
                  to.id(),
                  to.id(),
                  data,
                  List.of(),
                  carried,
                  () -> {
                    if (outer != null) {
                      containerRows.nest(tenantId, c.id(), null);
                    }
                    containerRows.place(tenantId, tree, to.id());
                    requireSameContents(scope, c.id(), tree, carried);
                  })
              .knowing(to);
        });
  }

  /**
   * Creates an empty container at a location; with a null {@code sscc} it gets the next SSCC of the
   * client's numbering. Not one transaction on purpose: the SSCC is spent when allocated (see
   * {@link SsccAllocator}), and the kind and location are checked first so that bad input spends
   * none.
   */
  public Container create(TenantScope scope, Sscc sscc, String kind, String locationCode) {
    scope.requireWrite();
    Location at = planning.require(locationCode, "location");
    String k = kind(kind);
    return containerRows.insert(
        scope.tenantId(), sscc == null ? allocator.allocate(scope.tenantId()) : sscc, k, at.id());
  }

  /** The client's container with this SSCC, as it is now. */
  public Optional<Container> find(long tenantId, Sscc sscc) {
    return containerRows.bySscc(tenantId, sscc);
  }

  public Optional<Container> byId(long tenantId, long id) {
    return containerRows.byId(tenantId, id);
  }

  /**
   * The client's containers with the given SSCCs, as they are now (absent ones left out), a few
   * statements for any number of SSCCs.
   */
  public Map<Sscc, Container> find(long tenantId, Collection<Sscc> ssccs) {
    return containerRows.bySscc(tenantId, ssccs);
  }

  /** The container's id and the ids of every container nested in it, at any depth. */
  public List<Long> tree(long tenantId, long rootId) {
    return containerRows.tree(tenantId, rootId);
  }

  /** The client's containers with these ids (absent ones left out), a statement per 500 ids. */
  public Map<Long, Container> byIds(long tenantId, Collection<Long> ids) {
    return containerRows.byIds(tenantId, ids);
  }

  /** How many units sit directly in the container (not in containers nested in it). */
  public int unitCount(long tenantId, long containerId) {
    return containerRows.unitCount(tenantId, containerId);
  }

  private static String kind(String kind) {
    String k = kind == null ? "PALLET" : kind.toUpperCase();
    if (!KINDS.contains(k)) {
      throw Problem.badRequest("invalid-field", "kind", "kind is one of " + KINDS);
    }
    return k;
  }

  /** Nests {@code childId} in {@code parentId}; refuses a cycle. */
  private void nestInto(long tenantId, long childId, long parentId) {
    if (containerRows.tree(tenantId, childId).contains(parentId)) {
      throw Problem.unprocessable(
          "container-cycle",
          "into",
          "a container cannot be packed into itself or into one it holds");
    }
    containerRows.nest(tenantId, childId, parentId);
  }

  /*
   * Units packed into a container take its location, and a moving container takes its contents
   * along. Neither is covered by a unit's version check: the unit being packed is not yet in the
   * container, the container being moved is not a unit. So these writes meet on the container
   * rows, which each of them updates (and so locks) before it writes any unit: packing and nesting
   * go ahead only if the container is still where they planned; a move or nest goes ahead only if
   * the tree and its units are still what it planned. Otherwise the command is planned again.
   */

  /**
   * Locks a container's row; refuses to go on (so the command is planned afresh) if it moved since
   * planning.
   */
  private void holdStill(TenantScope scope, long containerId, Long plannedLocation) {
    if (!containerRows.hold(scope.tenantId(), containerId, plannedLocation)) {
      throw new Recorder.UnitChanged();
    }
  }

  /**
   * With the tree's rows locked: refuses to go on if a container or unit joined or left the tree
   * since planning.
   */
  private void requireSameContents(
      TenantScope scope, long rootId, List<Long> plannedTree, List<Recorder.Change> plannedUnits) {
    List<Long> tree = containerRows.tree(scope.tenantId(), rootId);
    Set<Long> planned = new HashSet<>();
    plannedUnits.forEach(c -> planned.add(c.before().id()));
    Set<Long> now = new HashSet<>();
    rows.inContainers(scope.tenantId(), tree).forEach(u -> now.add(u.id()));
    if (!new HashSet<>(tree).equals(new HashSet<>(plannedTree)) || !now.equals(planned)) {
      throw new Recorder.UnitChanged();
    }
  }

  private List<Recorder.Change> carry(TenantScope scope, List<Long> tree, Location to) {
    UnitCommand command = new UnitCommand.Carry(to.id(), to.type());
    List<Recorder.Change> changes = new ArrayList<>();
    for (UnitRows.Loaded u : rows.inContainers(scope.tenantId(), tree)) {
      UnitRef ref = u.ref();
      changes.add(new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command)));
    }
    return changes;
  }

  /**
   * The arriving containers' ids, creating at the dock those the client does not have yet
   * (set-based: one multi-row insert per level of nesting, pallets before the cases on them). One
   * it already has must be on the dock; if it sits elsewhere than announced it is nested as
   * announced. Runs inside the receiving event's transaction.
   */
  Map<Sscc, Long> arriving(
      TenantScope scope, List<Arrivals.ArrivingContainer> arriving, Location dock) {
    Map<Sscc, Long> ids = new HashMap<>();
    if (arriving == null || arriving.isEmpty()) {
      return ids;
    }
    long tenantId = scope.tenantId();
    Map<Sscc, Container> known =
        containerRows.bySscc(
            tenantId, arriving.stream().map(Arrivals.ArrivingContainer::sscc).toList());
    List<Arrivals.ArrivingContainer> pending = new ArrayList<>();
    for (Arrivals.ArrivingContainer c : arriving) {
      Container k = known.get(c.sscc());
      if (k == null) {
        pending.add(c);
      } else if (!Long.valueOf(dock.id()).equals(k.locationId())) {
        throw Problem.conflict(
            "container-elsewhere",
            "containers",
            "container " + c.sscc() + " already exists and is not on " + dock.code());
      } else {
        ids.put(c.sscc(), k.id());
      }
    }
    while (!pending.isEmpty()) {
      List<Arrivals.ArrivingContainer> level =
          pending.stream().filter(c -> c.parent() == null || ids.containsKey(c.parent())).toList();
      if (level.isEmpty()) {
        throw Problem.badRequest(
            "invalid-field",
            "containers",
            "container "
                + pending.get(0).sscc()
                + " names a parent that is not arriving: "
                + pending.get(0).parent());
      }
      List<ContainerRows.NewRow> rows = new ArrayList<>(level.size());
      for (Arrivals.ArrivingContainer c : level) {
        rows.add(
            new ContainerRows.NewRow(
                c.sscc(), kind(c.kind()), c.parent() == null ? null : ids.get(c.parent())));
      }
      ids.putAll(containerRows.insertAll(tenantId, rows, dock.id()));
      pending.removeAll(level);
    }
    for (Arrivals.ArrivingContainer c : arriving) {
      Container k = known.get(c.sscc());
      if (k != null && c.parent() != null && !ids.containsKey(c.parent())) {
        throw Problem.badRequest(
            "invalid-field",
            "containers",
            "container " + c.sscc() + " names a parent that is not arriving: " + c.parent());
      }
      if (k != null && c.parent() != null && !ids.get(c.parent()).equals(k.parentId())) {
        nestInto(tenantId, k.id(), ids.get(c.parent()));
      }
    }
    return ids;
  }
}
