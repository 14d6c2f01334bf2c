package io.unitrace.transfers;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Transit;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transfers between the operator's warehouses: ship from one, receive at the other. */
@RestController
@RequestMapping("/api/v1/transfers")
class TransfersApi {

  record UnitKey(String gtin, String serial) {}

  /**
   * Counted goods leaving: {@code quantity} of lot {@code lot} (none for untracked goods) of {@code
   * gtin} from location {@code from}; {@code holds} names the bucket (none if not given).
   */
  record StockOutBody(String gtin, String lot, String from, Long quantity, Set<Hold> holds) {}

  record ShipBody(
      String from,
      String to,
      List<UnitKey> units,
      List<String> containers,
      List<StockOutBody> stock) {

    ShipBody {
      Text.noNulls("units", units);
      Text.noNulls("containers", containers);
      Text.noNulls("stock", stock);
    }
  }

  /** Counted goods arriving: {@code quantity} of them (all still on the way if not given). */
  record StockInBody(String gtin, String lot, Long quantity) {}

  record ReceiveBody(
      String dock, List<UnitKey> units, List<String> containers, List<StockInBody> stock) {

    ReceiveBody {
      Text.noNulls("units", units);
      Text.noNulls("containers", containers);
      Text.noNulls("stock", stock);
    }
  }

  private final Transfers transfers;

  TransfersApi(Transfers transfers) {
    this.transfers = transfers;
  }

  @Operation(
      summary = "Ship a transfer to another warehouse",
      description =
          "The units, containers and counted goods leave warehouse from for warehouse to in one"
              + " ledger event: each unit loose, RECEIVED or STORED in a location of from, each"
              + " container outermost and shipped whole; they are IN_TRANSIT, in no location, until"
              + " received. Counted goods (stock: a quantity of a lot, or of an untracked product,"
              + " from a location of from) go to the destination's TRANSIT location, not available,"
              + " until received; one lot taken from several locations is one line."
              + " 201 with the transfer; a repeated Idempotency-Key answers 200 with the first.")
  @PostMapping
  ResponseEntity<Transfers.TransferView> ship(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) ShipBody b) {
    if (b == null) {
      throw Problem.badRequest("invalid-field", "from", "name from, to and the units");
    }
    Transfers.Shipped s =
        transfers.ship(
            scope,
            b.from(),
            b.to(),
            refs(b.units()),
            ssccs(b.containers()),
            stockOut(b.stock()),
            key);
    return ResponseEntity.status(s.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(s.transfer());
  }

  @Operation(
      summary = "Receive a transfer at its destination",
      description =
          "The units, containers and counted goods named, or everything still on its way, arrive"
              + " on a dock of the transfer's destination in one ledger event (RECEIVED, to be put"
              + " away). Counted goods arrive in parts: a quantity, or all still on the way if none"
              + " is given. Something not on the transfer, arrived already, or more than is still on"
              + " its way is refused by its position.")
  @PostMapping("/{number}/receive")
  Transfers.TransferView receive(
      TenantScope scope,
      @PathVariable String number,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) ReceiveBody b) {
    if (b == null) {
      throw Problem.badRequest("invalid-field", "dock", "name the dock the goods arrive on");
    }
    return transfers.receive(
        scope, number, b.dock(), refs(b.units()), ssccs(b.containers()), stockIn(b.stock()), key);
  }

  record CloseBody(String reason) {}

  @Operation(
      summary = "Close a transfer short: what has not arrived was lost on the way",
      description =
          "A SUPERVISOR's decision with a reason: every unit, container and quantity still on its"
              + " way is reported lost in one ledger event (LOST). The units go MISSING, in no"
              + " location, until recorded found wherever they turn up; counted goods leave the"
              + " destination's TRANSIT location. The transfer is CLOSED and receives nothing more;"
              + " lost counts its lines not wholly arrived. 409 if everything has arrived.")
  @PostMapping("/{number}/close")
  Transfers.TransferView close(
      TenantScope scope,
      @PathVariable String number,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) CloseBody b) {
    return transfers.closeShort(scope, number, b == null ? null : b.reason(), key);
  }

  @Operation(
      summary = "Read a transfer",
      description =
          "Its warehouses, status, each unit and container with whether it has arrived, and each"
              + " line of counted goods with how many have arrived; onTheWay counts the lines not"
              + " wholly arrived.")
  @GetMapping("/{number}")
  Transfers.TransferView get(TenantScope scope, @PathVariable String number) {
    return transfers.get(scope, number);
  }

  @Operation(summary = "List transfers", description = "The client's transfers, oldest first.")
  @GetMapping
  CursorPage<Transfers.TransferView> list(
      TenantScope scope,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return transfers.list(scope, cursor, CursorPage.limit(limit));
  }

  private static List<Transit.StockOut> stockOut(List<StockOutBody> lines) {
    List<Transit.StockOut> out = new ArrayList<>();
    for (int i = 0; lines != null && i < lines.size(); i++) {
      StockOutBody l = lines.get(i);
      String at = "stock[" + i + "]";
      if (l.quantity() == null) {
        throw Problem.badRequest("invalid-field", at + ".quantity", "name the quantity");
      }
      out.add(TransferInput.stockOut(at, l.gtin(), l.lot(), l.from(), l.quantity(), l.holds()));
    }
    return out;
  }

  private static List<Transfers.StockAsked> stockIn(List<StockInBody> lines) {
    List<Transfers.StockAsked> in = new ArrayList<>();
    for (int i = 0; lines != null && i < lines.size(); i++) {
      StockInBody l = lines.get(i);
      String at = "stock[" + i + "]";
      in.add(
          new Transfers.StockAsked(
              TransferInput.gtin(at, l.gtin()), TransferInput.lot(at, l.lot()), l.quantity()));
    }
    return in;
  }

  private static List<Sscc> ssccs(List<String> codes) {
    List<Sscc> ssccs = new ArrayList<>();
    for (int i = 0; codes != null && i < codes.size(); i++) {
      ssccs.add(TransferInput.sscc("containers[" + i + "]", codes.get(i)));
    }
    return ssccs;
  }

  private static List<UnitRef> refs(List<UnitKey> keys) {
    List<UnitRef> refs = new ArrayList<>();
    for (int i = 0; keys != null && i < keys.size(); i++) {
      refs.add(TransferInput.unit("units[" + i + "]", keys.get(i).gtin(), keys.get(i).serial()));
    }
    return refs;
  }
}
