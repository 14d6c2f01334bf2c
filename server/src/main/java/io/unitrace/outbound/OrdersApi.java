package io.unitrace.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.TenantScope;
import java.io.StringReader;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Channel orders: one as JSON, or many as CSV on the same path, answered 201 when something new was
 * created and 200 when every order was there already (a repeat); reads; cancellation. Any user or
 * token that may write the client's data may place and cancel orders: channels send them through
 * integrations.
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrdersApi {

  /** The answer to a CSV import: one result per order, in the order of their first rows. */
  record Imported(int created, int repeated, List<OrderIntake.Placed> orders) {}

  record CancelRequest(String reason) {

    CancelRequest {
      Text.free("reason", reason, 500);
    }
  }

  private final OrderIntake intake;
  private final Orders orders;
  private final OrderCancellation cancellation;

  OrdersApi(OrderIntake intake, Orders orders, OrderCancellation cancellation) {
    this.intake = intake;
    this.orders = orders;
    this.cancellation = cancellation;
  }

  @Operation(
      summary = "Place an order",
      description =
          "A sales order from a channel with its lines; placing the same channel order again answers the first.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Orders.OrderView> place(
      TenantScope scope, @RequestBody OrderImport.OrderForm order) {
    scope.requireWrite();
    OrderIntake.Placed placed = intake.place(scope, List.of(OrderImport.fromJson(order))).get(0);
    return ResponseEntity.status(placed.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(view(scope, placed.id()));
  }

  @Operation(
      summary = "Import orders from CSV",
      description =
          "Orders as rows, one order line per row (columns as the JSON fields); a bad row is answered with its row and column.")
  @PostMapping(consumes = "text/csv")
  ResponseEntity<Imported> importCsv(TenantScope scope, @RequestBody String csv) {
    scope.requireWrite();
    List<OrderIntake.Placed> placed =
        intake.place(scope, OrderImport.fromCsv(new StringReader(csv)));
    int created = (int) placed.stream().filter(OrderIntake.Placed::created).count();
    return ResponseEntity.status(created > 0 ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new Imported(created, placed.size() - created, placed));
  }

  @Operation(summary = "List orders", description = "Orders by status, a page at a time.")
  @GetMapping
  CursorPage<Orders.OrderSummary> list(
      TenantScope scope,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    return orders.list(scope, status, channel, cursor, CursorPage.limit(limit));
  }

  @Operation(
      summary = "Get an order",
      description = "An order with its lines, what is allocated, picked, packed and shipped.")
  @GetMapping("/{id}")
  Orders.OrderView get(TenantScope scope, @PathVariable long id) {
    return view(scope, id);
  }

  @Operation(
      summary = "Get an order by its channel number",
      description = "The order a sales channel knows by its own number.")
  @GetMapping("/by-channel/{channel}/{channelOrderId}")
  Orders.OrderView onChannel(
      TenantScope scope, @PathVariable String channel, @PathVariable String channelOrderId) {
    return orders
        .viewOnChannel(scope, channel, channelOrderId)
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-order", "no order " + channelOrderId + " on channel " + channel));
  }

  @Operation(
      summary = "Cancel an order",
      description = "Cancels what is not shipped yet and frees its allocated units.")
  @PostMapping("/{id}/cancel")
  Orders.OrderView cancel(
      TenantScope scope, @PathVariable long id, @RequestBody CancelRequest request) {
    cancellation.cancelOrder(scope, id, request == null ? null : request.reason());
    return view(scope, id);
  }

  @Operation(
      summary = "Cancel an order line",
      description = "Cancels one line of an order and frees its allocated units.")
  @PostMapping("/{id}/lines/{lineNo}/cancel")
  Orders.OrderView cancelLine(
      TenantScope scope,
      @PathVariable long id,
      @PathVariable int lineNo,
      @RequestBody CancelRequest request) {
    cancellation.cancelLine(scope, id, lineNo, request == null ? null : request.reason());
    return view(scope, id);
  }

  private Orders.OrderView view(TenantScope scope, long id) {
    return orders
        .view(scope, id)
        .orElseThrow(() -> Problem.notFound("unknown-order", "no order " + id));
  }
}
