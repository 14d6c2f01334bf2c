package io.unitrace.ui;

import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Transit;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import io.unitrace.transfers.TransferInput;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The load of a transfer being built, as the shipping form carries it in hidden fields, numbered
 * from 0 in the order it was built ({@code unit0}, {@code container0}, {@code lineGtin0} …): a name
 * apiece, so no value is ever split or merged with another. Read from each post, changed by it, and
 * drawn again; at Ship, read into what {@link io.unitrace.transfers.Transfers#ship} takes, each
 * item at the position the service's refusals name ({@code units[2]}, {@code stock[0].quantity}).
 */
final class TransferLoad {

  /** The most items of one kind the form carries; the service refuses a load past its own limit. */
  private static final int MOST_ITEMS = 10_000;

  /** A unit on the load. */
  record Piece(String gtin, String serial) {}

  /** Counted goods on the load: a lot (null: untracked) of a GTIN, from a location. */
  record Line(String gtin, String lot, String from, long quantity) {}

  private final List<Piece> units = new ArrayList<>();
  private final List<String> containers = new ArrayList<>();
  private final List<Line> stock = new ArrayList<>();

  static TransferLoad none() {
    return new TransferLoad();
  }

  /** The load the form posted. */
  static TransferLoad of(HttpServletRequest request) {
    TransferLoad load = new TransferLoad();
    for (int i = 0; i <= MOST_ITEMS && request.getParameter("unit" + i) != null; i++) {
      String u = request.getParameter("unit" + i);
      int slash = u.indexOf('/');
      if (slash < 0) {
        throw Problem.badRequest("invalid-field", "unit", "a unit is carried as GTIN/serial");
      }
      load.units.add(new Piece(u.substring(0, slash), u.substring(slash + 1)));
    }
    for (int i = 0; i <= MOST_ITEMS && request.getParameter("container" + i) != null; i++) {
      load.containers.add(request.getParameter("container" + i));
    }
    for (int i = 0; i <= MOST_ITEMS && request.getParameter("lineGtin" + i) != null; i++) {
      String lot = request.getParameter("lineLot" + i);
      String from = request.getParameter("lineFrom" + i);
      long q;
      try {
        q = Long.parseLong(request.getParameter("lineQty" + i));
      } catch (NumberFormatException e) {
        throw Problem.badRequest("invalid-field", "stock", "the load's lines are incomplete");
      }
      if (from == null) {
        throw Problem.badRequest("invalid-field", "stock", "the load's lines are incomplete");
      }
      load.stock.add(
          new Line(
              request.getParameter("lineGtin" + i),
              lot == null || lot.isBlank() ? null : lot,
              from,
              q));
    }
    return load;
  }

  public List<Piece> units() {
    return units;
  }

  public List<String> containers() {
    return containers;
  }

  public List<Line> stock() {
    return stock;
  }

  public int size() {
    return units.size() + containers.size() + stock.size();
  }

  public boolean empty() {
    return size() == 0;
  }

  /** Adds the unit; false if it is on the load already. */
  boolean add(Piece unit) {
    if (units.contains(unit)) {
      return false;
    }
    return units.add(unit);
  }

  /** Adds the container; false if it is on the load already. */
  boolean add(String sscc) {
    if (containers.contains(sscc)) {
      return false;
    }
    return containers.add(sscc);
  }

  /** The same goods from the same location again: one line with both quantities. */
  void add(Line line) {
    for (int i = 0; i < stock.size(); i++) {
      Line l = stock.get(i);
      if (l.gtin().equals(line.gtin())
          && Objects.equals(l.lot(), line.lot())
          && l.from().equals(line.from())) {
        stock.set(i, new Line(l.gtin(), l.lot(), l.from(), l.quantity() + line.quantity()));
        return;
      }
    }
    stock.add(line);
  }

  /** Takes off the item a Remove button names: "unit:2", "container:0", "stock:1". */
  void remove(String which) {
    String[] kindAndIndex = which.split(":", 2);
    int i;
    try {
      i = Integer.parseInt(kindAndIndex[kindAndIndex.length - 1]);
    } catch (NumberFormatException e) {
      return;
    }
    List<?> list =
        switch (kindAndIndex[0]) {
          case "unit" -> units;
          case "container" -> containers;
          default -> stock;
        };
    if (i >= 0 && i < list.size()) {
      list.remove(i);
    }
  }

  List<UnitRef> refs() {
    List<UnitRef> refs = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      refs.add(TransferInput.unit("units[" + i + "]", units.get(i).gtin(), units.get(i).serial()));
    }
    return refs;
  }

  List<Sscc> ssccs() {
    List<Sscc> ssccs = new ArrayList<>();
    for (int i = 0; i < containers.size(); i++) {
      ssccs.add(TransferInput.sscc("containers[" + i + "]", containers.get(i)));
    }
    return ssccs;
  }

  /** Counted goods leaving, from the bucket not held. */
  List<Transit.StockOut> stockOut() {
    List<Transit.StockOut> out = new ArrayList<>();
    for (int i = 0; i < stock.size(); i++) {
      Line l = stock.get(i);
      String at = "stock[" + i + "]";
      out.add(TransferInput.stockOut(at, l.gtin(), l.lot(), l.from(), l.quantity(), Set.of()));
    }
    return out;
  }

  /**
   * The unit of the load a refusal names: by its position ({@code units[3]}), or, where the ledger
   * names the units as a whole ({@code units}), the one its message names.
   */
  Integer refusedUnit(Problem p) {
    String field = p.field();
    if (field == null || !field.startsWith("units")) {
      return null;
    }
    if (field.startsWith("units[")) {
      try {
        return Integer.valueOf(field.substring(6, field.indexOf(']')));
      } catch (RuntimeException e) {
        return null;
      }
    }
    String message = p.getMessage() == null ? "" : p.getMessage();
    for (int i = 0; i < units.size(); i++) {
      String named = "(01)" + units.get(i).gtin() + "(21)" + units.get(i).serial();
      if (message.contains(named + " ") || message.endsWith(named)) {
        return i;
      }
    }
    return null;
  }
}
