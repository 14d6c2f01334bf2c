package io.unitrace.ui;

import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.outbound.Packing;
import io.unitrace.outbound.PickScan;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The packing station on a handheld: an order (typed or scanned by its number), what each line
 * still misses, a new carton under a new SSCC with its label, the order's picked goods scanned into
 * the carton being filled, then the order closed — complete, or short by a supervisor with a
 * reason. {@link Packing} judges every scan; refusals (not this order, not picked, already packed…)
 * are loud and pack nothing.
 *
 * <p>The carton being filled travels with the scan form as a hidden field; without one named, the
 * order's last open carton. Scans are answered as on the other scan screens: with htmx the answer
 * and, out of band, the lines and cartons; without JavaScript the page.
 */
@Controller
class PackPage {

  /** A verdict as the screen shows it; colours are receiving's ({@code outcome-PACKED}). */
  record Answer(String css, String title, String message, String hint, boolean loud) {}

  private final ClientChoice clients;
  private final Packing packing;

  PackPage(ClientChoice clients, Packing packing) {
    this.clients = clients;
    this.packing = packing;
  }

  @GetMapping("/pack")
  String start(
      HttpServletRequest request, Model model, @RequestParam(required = false) String order) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked() || PickPage.strip(order) == null) {
      return "pack/start";
    }
    String id = PickPage.strip(order);
    if (!id.matches("[0-9]{1,15}")) {
      model.addAttribute("orderRefusal", "An order number is a whole number, not “" + id + "”");
      model.addAttribute("order", order);
      return "pack/start";
    }
    return "redirect:/pack/" + id;
  }

  @GetMapping("/pack/{orderId}")
  String screen(
      HttpServletRequest request,
      Model model,
      @PathVariable long orderId,
      @RequestParam(required = false) String carton,
      @RequestParam(required = false) String opened) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "pack/screen";
    }
    Packing.Progress progress = packing.progress(choice.scope(), orderId);
    String current = current(progress, carton);
    if (opened != null && opened.equals(current)) {
      model.addAttribute(
          "answer",
          new Answer(
              "outcome-CARTON",
              "New carton " + opened,
              "Stick its label on the carton, then scan the goods into it.",
              null,
              false));
    }
    draw(choice, model, progress, current);
    return "pack/screen";
  }

  /** A new carton at the station; the page then shows it as the one being filled. */
  @PostMapping("/pack/{orderId}/cartons")
  String open(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long orderId,
      @RequestParam(required = false) String station) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/pack";
    }
    try {
      Packing.Carton c = packing.open(choice.scope(), orderId, PickPage.strip(station));
      return "redirect:/pack/" + orderId + "?carton=" + c.sscc() + "&opened=" + c.sscc();
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("answer", refused(p));
      model.addAttribute("standard", WarehouseWords.refusal(p).standard());
      model.addAttribute("station", station);
      Packing.Progress progress = packing.progress(choice.scope(), orderId);
      draw(choice, model, progress, current(progress, null));
      return "pack/screen";
    }
  }

  @GetMapping({"/pack/{orderId}/scans", "/pack/{orderId}/close"})
  String scansAsPage(@PathVariable long orderId) {
    return "redirect:/pack/" + orderId;
  }

  @PostMapping("/pack/{orderId}/scans")
  String scan(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long orderId,
      @RequestParam(required = false) String scan,
      @RequestParam(required = false) String quantity,
      @RequestParam(required = false) String carton,
      @RequestParam(required = false) String key,
      @RequestHeader(name = "Idempotency-Key", required = false) String keyHeader,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    ClientChoice.ScanScope picked = clients.forScan(request, response, htmx, "pack");
    if (picked.scope() == null) {
      return picked.view();
    }
    TenantScope scope = picked.scope();
    String text = PickPage.strip(scan);
    model.addAttribute("scanned", text == null ? null : Lookup.visible(text));
    String requestKey =
        PickPage.strip(keyHeader) != null ? PickPage.strip(keyHeader) : PickPage.strip(key);
    Packing.Progress progress;
    String into = PickPage.strip(carton);
    try {
      if (into == null) {
        throw Problem.conflict(
            "no-carton", "carton", "no carton is open for this order: start a new carton first");
      }
      Sscc sscc = sscc(into);
      Long typed = quantity(quantity);
      PickScan.Read read = PickScan.read(text, null, null, null, null, typed);
      Packing.Packed p =
          packing.scan(scope, sscc, read, new RequestMeta(requestKey, null, null, text, List.of()));
      Packing.Item i = p.item();
      String what =
          i.serial() != null
              ? i.sku() + " " + i.serial()
              : i.quantity() + " × " + i.sku() + (i.lot() == null ? "" : " lot " + i.lot());
      model.addAttribute(
          "answer",
          new Answer(
              "outcome-PACKED",
              "Packed",
              what + " into carton " + p.sscc() + ".",
              missing(p.progress()),
              false));
      progress = p.progress();
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("answer", refused(p));
      model.addAttribute("standard", WarehouseWords.refusal(p).standard());
      progress = packing.progress(scope, orderId);
    }
    response.addHeader(ReceivingPage.FRAGMENT_HEADER, "scan-answer");
    draw(clients.of(request), model, progress, current(progress, into));
    if ("true".equals(htmx)) {
      model.addAttribute("oob", true);
      return "pack/answer";
    }
    return "pack/screen";
  }

  /** Closes the order's packing: complete, or (a supervisor, with a reason) short. */
  @PostMapping("/pack/{orderId}/close")
  String close(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long orderId,
      @RequestParam(defaultValue = "false") boolean shortClose,
      @RequestParam(required = false) String reason) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/pack";
    }
    Packing.Progress progress;
    try {
      progress = packing.finish(choice.scope(), orderId, shortClose, PickPage.strip(reason));
      long cartons = progress.cartons().stream().filter(c -> !c.items().isEmpty()).count();
      model.addAttribute(
          "answer",
          new Answer(
              "outcome-CLOSED",
              "Packing closed",
              "Order "
                  + progress.channelOrderId()
                  + " is "
                  + progress.status()
                  + " in "
                  + cartons
                  + (cartons == 1 ? " carton." : " cartons.")
                  + (progress.complete() ? "" : " Closed short: " + PickPage.strip(reason) + "."),
              "Print the packing slip, then ship it.",
              false));
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("answer", refused(p));
      model.addAttribute("standard", WarehouseWords.refusal(p).standard());
      model.addAttribute("reason", reason);
      progress = packing.progress(choice.scope(), orderId);
    }
    draw(choice, model, progress, current(progress, null));
    return "pack/screen";
  }

  // ---------------------------------------------------------------------------------------------

  private static void draw(
      ClientChoice.Choice choice, Model model, Packing.Progress progress, String current) {
    model.addAttribute("progress", progress);
    model.addAttribute("carton", current);
    model.addAttribute("key", "ui-" + UUID.randomUUID());
    model.addAttribute(
        "supervisor", choice.actor() != null && choice.actor().role().atLeast(Role.SUPERVISOR));
    if (!model.containsAttribute("station")) {
      model.addAttribute(
          "station",
          progress.cartons().isEmpty()
              ? null
              : progress.cartons().get(progress.cartons().size() - 1).station());
    }
  }

  /** The carton being filled: the one named if it is an open carton of the order, else the last. */
  private static String current(Packing.Progress progress, String named) {
    List<Packing.Carton> open =
        progress.cartons().stream().filter(c -> c.status().equals("OPEN")).toList();
    return open.stream()
        .map(Packing.Carton::sscc)
        .filter(s -> s.equals(named))
        .findFirst()
        .orElse(open.isEmpty() ? null : open.get(open.size() - 1).sscc());
  }

  /** What the order still misses, in one line. */
  private static String missing(Packing.Progress p) {
    String missing =
        p.lines().stream()
            .filter(l -> l.missing() > 0)
            .map(l -> l.missing() + " × " + l.sku() + (l.lot() == null ? "" : " lot " + l.lot()))
            .reduce((a, b) -> a + ", " + b)
            .orElse(null);
    return missing == null
        ? "Everything is packed: close the order."
        : "Still missing: " + missing + ".";
  }

  private static Answer refused(Problem p) {
    return new Answer(
        "outcome-REFUSED", title(p), WarehouseWords.refusal(p).plain(), hint(p), true);
  }

  /** The headline of a refusal in the packer's words; the service's message says the specifics. */
  static String title(Problem p) {
    return switch (p.code()) {
      case "not-this-order" -> "Not this order";
      case "not-picked" -> "Not picked yet";
      case "already-packed" -> "Already packed";
      case "held" -> "On hold";
      case "unknown-unit" -> "Unknown unit";
      case "unknown-product" -> "Unknown product";
      case "unknown-carton" -> "Unknown carton";
      case "carton-closed" -> "Carton closed";
      case "no-carton" -> "No carton open";
      case "over-quantity" -> "Over quantity";
      case "order-incomplete" -> "Not packed in full";
      case "nothing-packed" -> "Nothing packed";
      case "order-closed" -> "Order closed";
      case "unknown-location" -> "Unknown station";
      case "forbidden" -> "Not allowed";
      default ->
          "quantity".equals(p.field())
              ? "Qty refused"
              : "reason".equals(p.field()) ? "Reason required" : "Refused";
    };
  }

  private static String hint(Problem p) {
    return switch (p.code()) {
      case "not-this-order", "not-picked", "held" -> "Put it aside: it does not go in this carton.";
      case "order-incomplete" -> "Scan the missing goods, or ask a supervisor to close it short.";
      case "carton-closed", "no-carton" -> "Start a new carton.";
      default ->
          "quantity".equals(p.field())
              ? "Type the Qty (or scan a label that carries the count) and scan again."
              : null;
    };
  }

  private static Long quantity(String typed) {
    Integer q = ReceivingPage.quantity(typed);
    return q == null ? null : q.longValue();
  }

  private static Sscc sscc(String text) {
    try {
      return new Sscc(text);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-sscc", "carton", e.getMessage());
    }
  }
}
