package io.unitrace.ui;

import io.unitrace.ledger.RequestMeta;
import io.unitrace.outbound.Packing;
import io.unitrace.outbound.Shipping;
import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Confirming a shipment at the outbound dock: an order (typed or scanned by its number), its
 * cartons, the carrier, service and tracking number, then Confirm: {@link Shipping} ships every
 * unshipped carton of the packed order, and the page answers with the shipment's number and a link
 * to its dispatch advice. The form carries an Idempotency-Key, so a double tap ships once and is
 * answered with the first shipment.
 */
@Controller
class ShipPage {

  /** A verdict as the screen shows it; colours are receiving's ({@code outcome-SHIPPED}). */
  record Answer(String css, String title, String message, String hint, boolean loud) {}

  private final ClientChoice clients;
  private final Packing packing;
  private final Shipping shipping;

  ShipPage(ClientChoice clients, Packing packing, Shipping shipping) {
    this.clients = clients;
    this.packing = packing;
    this.shipping = shipping;
  }

  @GetMapping("/ship")
  String start(
      HttpServletRequest request, Model model, @RequestParam(required = false) String order) {
    ClientChoice.Choice choice = clients.of(request);
    String id = PickPage.strip(order);
    if (!choice.picked() || id == null) {
      return "ship/start";
    }
    if (!id.matches("[0-9]{1,15}")) {
      model.addAttribute("orderRefusal", "An order number is a whole number, not “" + id + "”");
      model.addAttribute("order", order);
      return "ship/start";
    }
    return "redirect:/ship/" + id;
  }

  @GetMapping("/ship/{orderId}")
  String screen(HttpServletRequest request, Model model, @PathVariable long orderId) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      draw(model, packing.progress(choice.scope(), orderId));
    }
    return "ship/screen";
  }

  @PostMapping("/ship/{orderId}")
  String ship(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long orderId,
      @RequestParam(required = false) String carrier,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String tracking,
      @RequestParam(required = false) String key) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/ship";
    }
    try {
      Shipping.Shipped s =
          shipping.ship(
              choice.scope(),
              orderId,
              new Shipping.ShipmentRequest(
                  PickPage.strip(carrier),
                  PickPage.strip(service),
                  PickPage.strip(tracking),
                  null,
                  null),
              RequestMeta.of(PickPage.strip(key)));
      model.addAttribute("shipped", s);
      String contents =
          s.units() > 0 && s.quantity() > 0
              ? s.units() + " units and " + s.quantity() + " counted"
              : s.units() > 0
                  ? s.units() + (s.units() == 1 ? " unit" : " units")
                  : s.quantity() + " counted";
      model.addAttribute(
          "answer",
          new Answer(
              "outcome-SHIPPED",
              "Shipped: shipment " + s.shipment(),
              "Order "
                  + s.channelOrderId()
                  + " left with "
                  + PickPage.strip(carrier)
                  + " in "
                  + s.cartons().size()
                  + (s.cartons().size() == 1 ? " carton" : " cartons")
                  + " ("
                  + contents
                  + ").",
              s.receipt() != null && s.receipt().repeated()
                  ? "The same request again: this is its first answer, nothing new recorded."
                  : null,
              false));
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute(
          "answer", new Answer("outcome-REFUSED", title(p), p.getMessage(), hint(p), true));
      model.addAttribute("carrier", carrier);
      model.addAttribute("service", service);
      model.addAttribute("tracking", tracking);
      model.addAttribute("refusal", p);
    }
    draw(model, packing.progress(choice.scope(), orderId));
    return "ship/screen";
  }

  private static void draw(Model model, Packing.Progress progress) {
    model.addAttribute("progress", progress);
    model.addAttribute("key", "ui-" + UUID.randomUUID());
  }

  static String title(Problem p) {
    return switch (p.code()) {
      case "order-not-packed" -> "Not packed yet";
      case "nothing-packed" -> "Nothing to ship";
      case "unknown-carton" -> "Unknown carton";
      case "invalid-field" -> "carrier".equals(p.field()) ? "Carrier required" : "Refused";
      default -> "Refused";
    };
  }

  private static String hint(Problem p) {
    return "order-not-packed".equals(p.code())
        ? "Close the order's packing first, on the Pack screen."
        : null;
  }
}
