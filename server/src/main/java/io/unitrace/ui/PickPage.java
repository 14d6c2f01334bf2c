package io.unitrace.ui;

import io.unitrace.ledger.RequestMeta;
import io.unitrace.outbound.PickLists;
import io.unitrace.outbound.PickScan;
import io.unitrace.outbound.Picking;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Picking by scan on a handheld: open a pick list (by its number, or a new one for the allocated
 * orders of a warehouse), then the list's next task big on the screen and one scan field for the
 * picker's two scans: the location, which the screen remembers, then the goods (a unit in any GS1
 * form, a container's SSCC, or counted goods by their label with a Qty typed beside the field).
 * {@link Picking} judges every scan; a refusal is shown loud with its reason in plain words, a pick
 * in green with what was taken and the next task.
 *
 * <p>The location travels with the form as a hidden field, so the server keeps nothing between
 * scans. A scan is taken for a location when it is the code of a location on the list, or when it
 * is not GS1 data at all (a unit is never named by a plain serial here); a location with nothing
 * left to pick is refused and the one remembered stays. After a pick, the location is kept while
 * the next task is there and forgotten when it is elsewhere, so the screen asks for the next one.
 * Answers come as in putaway: with htmx the answer and, out of band, the step and the task; without
 * JavaScript the page.
 */
@Controller
class PickPage {

  /** A verdict as the screen shows it; colours are receiving's ({@code outcome-PICKED}). */
  record Answer(
      String css, String title, String message, String hint, boolean loud, boolean repeated) {}

  private final ClientChoice clients;
  private final Picking picking;
  private final PickLists pickLists;

  PickPage(ClientChoice clients, Picking picking, PickLists pickLists) {
    this.pickLists = pickLists;
    this.clients = clients;
    this.picking = picking;
  }

  /** The start: a list to open by its number, or a new one for a warehouse. */
  @GetMapping("/pick")
  String start(
      HttpServletRequest request, Model model, @RequestParam(required = false) String list) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked() || strip(list) == null) {
      return "pick/start";
    }
    Long id = number(list);
    if (id == null) {
      model.addAttribute("listRefusal", "A pick list number is a whole number, not “" + list + "”");
      model.addAttribute("list", list);
      return "pick/start";
    }
    return "redirect:/pick/" + id;
  }

  @PostMapping("/pick")
  String create(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String warehouse,
      @RequestParam(required = false) String destination) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/pick";
    }
    try {
      PickLists.PickList created =
          pickLists.create(choice.scope(), strip(warehouse), List.of(), strip(destination));
      return "redirect:/pick/" + created.id();
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("refusal", p);
      model.addAttribute("warehouse", warehouse);
      model.addAttribute("destination", destination);
      return "pick/start";
    }
  }

  @GetMapping("/pick/{listId}")
  String screen(HttpServletRequest request, Model model, @PathVariable long listId) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      model.addAttribute("list", pickLists.list(choice.scope(), listId));
      model.addAttribute("key", newKey());
    }
    return "pick/screen";
  }

  /** Where a browser lands when it reloads a scan POST as a page: the screen. */
  @GetMapping({"/pick/{listId}/scans", "/pick/{listId}/short"})
  String scansAsPage(@PathVariable long listId) {
    return "redirect:/pick/" + listId;
  }

  @PostMapping("/pick/{listId}/scans")
  String scan(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long listId,
      @RequestParam(required = false) String scan,
      @RequestParam(required = false) String quantity,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String key,
      @RequestHeader(name = "Idempotency-Key", required = false) String keyHeader,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    ClientChoice.ScanScope picked = clients.forScan(request, response, htmx, "pick");
    if (picked.scope() == null) {
      return picked.view();
    }
    TenantScope scope = picked.scope();
    String text = strip(scan);
    String at = strip(location);
    model.addAttribute("scanned", text == null ? null : Lookup.visible(text));
    PickLists.PickList list = pickLists.list(scope, listId);
    if (text == null) {
      answer(model, refused("Nothing scanned", "Scan a location or the goods.", null), at);
    } else if (isLocationOf(list, text) || !looksLikeGoods(text)) {
      at = location(response, model, list, text, at);
    } else if (at == null) {
      response.setStatus(409);
      answer(
          model,
          refused(
              "Scan the location first",
              "The screen does not know where you are: scan the location's barcode, then the goods.",
              list.next() == null ? null : "Go to " + list.next().location() + "."),
          null);
    } else {
      String requestKey = strip(keyHeader) != null ? strip(keyHeader) : strip(key);
      try {
        PickScan.Read read = PickScan.read(text, null, null, null, null, longQuantity(quantity));
        Picking.Answer a =
            picking.scan(
                scope, listId, at, read, new RequestMeta(requestKey, null, null, text, List.of()));
        list = pickLists.list(scope, listId);
        answer(model, picked(a, list), stay(at, list));
        at = stay(at, list);
      } catch (Problem p) {
        response.setStatus(p.status());
        answer(model, refused(p), at);
        model.addAttribute("standard", WarehouseWords.refusal(p).standard());
      }
    }
    return draw(response, model, list, at, htmx);
  }

  /**
   * A short pick of the task shown: the goods are not there (or not all of them), with a reason.
   */
  @PostMapping("/pick/{listId}/short")
  String shortPick(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long listId,
      @RequestParam(required = false) Long allocation,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String quantity,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String key,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    ClientChoice.ScanScope picked = clients.forScan(request, response, htmx, "pick");
    if (picked.scope() == null) {
      return picked.view();
    }
    TenantScope scope = picked.scope();
    String at = strip(location);
    PickLists.PickList list = pickLists.list(scope, listId);
    PickLists.Task task =
        list.tasks().stream()
            .filter(t -> allocation != null && t.allocation() == allocation)
            .filter(t -> t.status().equals("ALLOCATED"))
            .findFirst()
            .orElse(null);
    try {
      if (task == null) {
        throw Problem.conflict(
            "not-on-list",
            "allocation",
            "this task is no longer open on the list: nothing shorted");
      }
      if (strip(reason) == null) {
        throw Problem.badRequest("invalid-field", "reason", "say why the goods are short");
      }
      PickScan.Read read =
          task.serial() != null
              ? PickScan.read(null, task.gtin(), task.serial(), null, null, null)
              : PickScan.read(
                  null,
                  task.gtin(),
                  null,
                  null,
                  task.lot(),
                  Objects.requireNonNullElse(longQuantity(quantity), task.quantity()));
      Picking.Answer a =
          picking.shortPick(
              scope,
              listId,
              task.location(),
              read,
              strip(reason),
              new RequestMeta(strip(key), null, null, null, List.of()));
      list = pickLists.list(scope, listId);
      at = stay(at, list);
      String what =
          task.serial() != null
              ? task.sku() + " " + task.serial()
              : a.quantity()
                  + " × "
                  + task.sku()
                  + (task.lot() == null ? "" : " lot " + task.lot());
      answer(
          model,
          new Answer(
              "outcome-SHORT",
              "Short picked",
              what + " of order " + a.order() + " is booked missing: " + strip(reason) + ".",
              "The order's line is allocated again; what was found joins the list.",
              false,
              a.receipt() != null && a.receipt().repeated()),
          at);
    } catch (Problem p) {
      response.setStatus(p.status());
      answer(model, refused(p), at);
      model.addAttribute("standard", WarehouseWords.refusal(p).standard());
    }
    return draw(response, model, list, at, htmx);
  }

  // ---------------------------------------------------------------------------------------------

  private String draw(
      HttpServletResponse response,
      Model model,
      PickLists.PickList list,
      String location,
      String htmx) {
    response.addHeader(ReceivingPage.FRAGMENT_HEADER, "scan-answer");
    model.addAttribute("list", list);
    model.addAttribute("location", location);
    model.addAttribute("key", newKey());
    if ("true".equals(htmx)) {
      model.addAttribute("oob", true);
      return "pick/answer";
    }
    return "pick/screen";
  }

  /** A location scanned: remembered when there is something left to pick there. */
  private static String location(
      HttpServletResponse response,
      Model model,
      PickLists.PickList list,
      String code,
      String remembered) {
    boolean open =
        list.tasks().stream()
            .anyMatch(t -> code.equals(t.location()) && t.status().equals("ALLOCATED"));
    if (open) {
      long here =
          list.tasks().stream()
              .filter(t -> code.equals(t.location()) && t.status().equals("ALLOCATED"))
              .count();
      answer(
          model,
          new Answer(
              "outcome-LOCATION",
              "At " + code,
              here + (here == 1 ? " task" : " tasks") + " here. Scan the goods.",
              null,
              false,
              false),
          code);
      return code;
    }
    response.setStatus(409);
    boolean onList = list.tasks().stream().anyMatch(t -> code.equals(t.location()));
    answer(
        model,
        refused(
            onList ? "Nothing left here" : "Not on this list",
            onList
                ? "Everything this list had at " + code + " is picked."
                : "Nothing on this list is to be picked at " + code + ".",
            list.next() == null ? null : "Go to " + list.next().location() + "."),
        remembered);
    return remembered;
  }

  private static void answer(Model model, Answer answer, String location) {
    model.addAttribute("answer", answer);
    model.addAttribute("location", location);
  }

  private static Answer picked(Picking.Answer a, PickLists.PickList list) {
    String what =
        a.sscc() != null
            ? "Container " + a.sscc() + " with " + a.quantity() + " units"
            : a.serial() != null
                ? a.sku() + " " + a.serial()
                : a.quantity() + " × " + a.sku() + (a.lot() == null ? "" : " lot " + a.lot());
    boolean substituted = "SUBSTITUTED".equals(a.outcome());
    String done =
        list.next() == null ? "All picked: take the goods to " + list.destination() + "." : null;
    return new Answer(
        substituted ? "outcome-SUBSTITUTED" : "outcome-PICKED",
        substituted ? "Substituted for " + a.substitutedFor() : "Picked",
        what + " for order " + a.order() + ".",
        substituted
            ? "Picked in place of "
                + a.substitutedFor()
                + ", which stays on the shelf."
                + (done == null ? "" : " " + done)
            : done,
        false,
        a.receipt() != null && a.receipt().repeated());
  }

  private static Answer refused(Problem p) {
    return refused(title(p), WarehouseWords.refusal(p).plain(), hint(p));
  }

  private static Answer refused(String title, String message, String hint) {
    return new Answer("outcome-REFUSED", title, message, hint, true, false);
  }

  /** The headline of a refusal in the picker's words; the service's message says the specifics. */
  static String title(Problem p) {
    return switch (p.code()) {
      case "wrong-sku" -> "Wrong SKU";
      case "wrong-lot" -> "Wrong lot";
      case "short-shelf-life" -> "Short shelf life";
      case "held" -> "On hold";
      case "allocated-elsewhere" -> "For another order";
      case "not-here" -> "Not in this location";
      case "already-picked" -> "Already picked";
      case "in-container" -> "In a container";
      case "unknown-unit" -> "Unknown unit";
      case "unknown-product" -> "Unknown product";
      case "unknown-container" -> "Unknown container";
      case "container-not-for-this-order" -> "Container not for one order";
      case "empty-container" -> "Empty container";
      case "nothing-to-pick-here" -> "Nothing to pick here";
      case "over-quantity" -> "Over quantity";
      case "not-available" -> "Not available";
      case "not-on-list" -> "Not on the list";
      case "unknown-location" -> "Unknown location";
      case "other-warehouse" -> "Other warehouse";
      default ->
          "quantity".equals(p.field())
              ? "Qty refused"
              : "reason".equals(p.field()) ? "Reason required" : "Scan refused";
    };
  }

  private static String hint(Problem p) {
    return switch (p.code()) {
      case "in-container" -> "Scan the container's SSCC to pick it whole.";
      case "not-here", "nothing-to-pick-here" ->
          "Check the location, or scan the one you stand at.";
      case "wrong-sku", "wrong-lot", "short-shelf-life", "held", "allocated-elsewhere" ->
          "Leave it on the shelf and scan the goods the task shows.";
      default ->
          "quantity".equals(p.field())
              ? "Type the Qty (or scan a label that carries the count) and scan again."
              : null;
    };
  }

  /** After a pick: the location stays while the next task is there. */
  private static String stay(String location, PickLists.PickList list) {
    return list.next() != null && Objects.equals(list.next().location(), location)
        ? location
        : null;
  }

  private static boolean isLocationOf(PickLists.PickList list, String code) {
    return list.tasks().stream().anyMatch(t -> code.equals(t.location()));
  }

  /** GS1 data, bracketed or raw (a numeric AI first), or a Digital Link: goods, not a bin. */
  private static boolean looksLikeGoods(String text) {
    return Lookup.announcesGs1(text) || text.matches("[0-9]{2}.*");
  }

  private static Long longQuantity(String typed) {
    Integer q = ReceivingPage.quantity(typed);
    return q == null ? null : q.longValue();
  }

  private static Long number(String text) {
    String t = strip(text);
    return t != null && t.matches("[0-9]{1,15}") ? Long.valueOf(t) : null;
  }

  private static String newKey() {
    return "ui-" + UUID.randomUUID();
  }

  static String strip(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
