package io.unitrace.ui;

import io.unitrace.counting.Counting;
import io.unitrace.counting.Counts;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A cycle count on a handheld, blind: the counter opens a count, stands at the location the screen
 * names (the next open one in walking order), scans what is there into one field (a unit in any GS1
 * form, a sealed container's SSCC, counted goods by their label with a Qty typed beside the field)
 * and closes the location with Done; the screen then names the next one. Nothing on it says what
 * the books hold: the counter sees locations, their status and how often each was scanned, and the
 * answer to each scan ({@link Counting} answers that way too).
 *
 * <p>The location being counted travels with the form as a hidden field, as on the pick screen, so
 * the server keeps nothing between scans. Each scan carries its own key, sent as the counted goods'
 * scan id: a scan resent after a lost answer counts once. Scans are answered as in receiving: with
 * htmx the answer and, out of band, the location and the walk; without JavaScript the page. Done
 * and a recount's start are plain posts that answer with the page.
 */
@Controller
class CountPage {

  /** A verdict as the screen shows it; colours are receiving's ({@code outcome-COUNTED}). */
  record Answer(String css, String title, String message, String hint, boolean loud) {}

  /** An open count on the start page: its number and how far it is. */

  /** The most counts the start page lists. */
  private static final int LISTED = 50;

  private final ClientChoice clients;
  private final Counts counts;
  private final Counting counting;

  CountPage(ClientChoice clients, Counts counts, Counting counting) {
    this.clients = clients;
    this.counts = counts;
    this.counting = counting;
  }

  /**
   * The start: the open counts the person may take (assigned to them or to nobody, theirs first; a
   * supervisor sees all), or a count opened by its number (CNT-000012 or 12).
   */
  @GetMapping("/counts")
  String start(
      HttpServletRequest request, Model model, @RequestParam(required = false) String count) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "counts/start";
    }
    TenantScope scope = choice.scope();
    boolean supervises = supervises(scope);
    model.addAttribute("supervises", supervises);
    if (PickPage.strip(count) != null) {
      Long id = number(count);
      if (id != null) {
        return "redirect:/counts/" + id;
      }
      model.addAttribute(
          "countRefusal",
          "A count's number is CNT- and digits, or the digits alone: “" + count + "”");
      model.addAttribute("count", count);
    }
    model.addAttribute("open", counts.openFor(scope, LISTED));
    return "counts/start";
  }

  @GetMapping("/counts/{id}")
  String screen(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String at) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "counts/start";
    }
    Counts.TaskView task = counts.task(choice.scope(), id);
    String location = PickPage.strip(at);
    return draw(response, model, task, counting(task, location), null);
  }

  /** Where a browser lands when it reloads a post as a page: the screen. */
  @GetMapping({"/counts/{id}/scans", "/counts/{id}/done", "/counts/{id}/recount"})
  String postAsPage(@PathVariable long id) {
    return "redirect:/counts/" + id;
  }

  @PostMapping("/counts/{id}/scans")
  String scan(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String scan,
      @RequestParam(required = false) String quantity,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String key,
      @RequestHeader(name = "Idempotency-Key", required = false) String keyHeader,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    ClientChoice.ScanScope picked = clients.forScan(request, response, htmx, "counts");
    if (picked.scope() == null) {
      return picked.view();
    }
    TenantScope scope = picked.scope();
    String text = PickPage.strip(scan);
    String at = PickPage.strip(location);
    model.addAttribute("scanned", text == null ? null : Lookup.visible(text));
    Answer answer;
    try {
      if (text == null) {
        throw Problem.badRequest("invalid-field", "scan", "nothing was scanned");
      }
      if (at == null) {
        throw Problem.badRequest(
            "invalid-field", "location", "no location is being counted: take the next one");
      }
      String scanId = PickPage.strip(keyHeader) != null ? PickPage.strip(keyHeader) : key;
      Integer typed = ReceivingPage.quantity(quantity);
      Counting.ScanAnswer a =
          counting.scan(
              scope,
              id,
              at,
              new Counting.ScanAsked(
                  text,
                  null,
                  null,
                  null,
                  null,
                  typed == null ? null : typed.longValue(),
                  PickPage.strip(scanId)));
      answer = counted(a, text);
    } catch (Problem p) {
      response.setStatus(p.status());
      answer = refused(p);
      model.addAttribute("standard", WarehouseWords.refusal(p).standard());
    }
    Counts.TaskView task = counts.task(scope, id);
    response.addHeader(ReceivingPage.FRAGMENT_HEADER, "scan-answer");
    return draw(response, model, task, counting(task, at), answer, htmx);
  }

  /** The location counted is closed: nothing more is counted there, and the next one is named. */
  @PostMapping("/counts/{id}/done")
  String done(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String location) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/counts";
    }
    TenantScope scope = choice.scope();
    String at = PickPage.strip(location);
    Answer answer;
    String next = at;
    try {
      if (at == null) {
        throw Problem.badRequest("invalid-field", "location", "say which location is done");
      }
      Counting.DoneAnswer d = counting.done(scope, id, at);
      next = d.next();
      String then =
          d.next() == null
              ? "Every location of this count is closed: the supervisor reviews it."
              : "Next: " + d.next() + ".";
      answer =
          "RECOUNT".equals(d.status())
              ? new Answer(
                  "outcome-RECOUNT",
                  d.location() + " closed: recount asked",
                  "Another counter will count " + d.location() + " again. " + then,
                  null,
                  true)
              : new Answer("outcome-CLOSED", d.location() + " closed", then, null, false);
    } catch (Problem p) {
      response.setStatus(p.status());
      answer = refused(p);
      model.addAttribute("standard", WarehouseWords.refusal(p).standard());
    }
    Counts.TaskView task = counts.task(scope, id);
    return draw(response, model, task, counting(task, next), answer);
  }

  /** A location that waits for a recount is opened again for this counter, if another one. */
  @PostMapping("/counts/{id}/recount")
  String recount(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String current) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/counts";
    }
    TenantScope scope = choice.scope();
    String at = PickPage.strip(current);
    Answer answer;
    try {
      Counting.DoneAnswer d = counting.recount(scope, id, PickPage.strip(location));
      at = d.location();
      answer =
          new Answer(
              "outcome-RECOUNTING",
              "Recount " + d.location(),
              "Count everything in " + d.location() + " again, then Done.",
              null,
              false);
    } catch (Problem p) {
      response.setStatus(p.status());
      answer = refused(p);
      model.addAttribute("standard", WarehouseWords.refusal(p).standard());
    }
    Counts.TaskView task = counts.task(scope, id);
    return draw(response, model, task, counting(task, at), answer);
  }

  // ---------------------------------------------------------------------------------------------

  private String draw(
      HttpServletResponse response,
      Model model,
      Counts.TaskView task,
      String location,
      Answer answer) {
    return draw(response, model, task, location, answer, null);
  }

  private String draw(
      HttpServletResponse response,
      Model model,
      Counts.TaskView task,
      String location,
      Answer answer,
      String htmx) {
    response.addHeader("Vary", "HX-Request");
    model.addAttribute("task", task);
    model.addAttribute("location", location);
    model.addAttribute("done", task.locations().stream().filter(l -> !open(l)).count());
    model.addAttribute("answer", answer);
    model.addAttribute("key", newKey());
    if ("true".equals(htmx)) {
      model.addAttribute("oob", true);
      return "counts/answer";
    }
    return "counts/screen";
  }

  /**
   * The location being counted: the one the form carried while it is still open, else the next open
   * one in walking order (null when none is left).
   */
  private static String counting(Counts.TaskView task, String asked) {
    if (asked != null
        && task.locations().stream().anyMatch(l -> l.location().equals(asked) && open(l))) {
      return asked;
    }
    return task.next();
  }

  private static boolean open(Counts.TaskLocation l) {
    return l.status().equals("OPEN");
  }

  private static Answer counted(Counting.ScanAnswer a, String scanned) {
    String visible = Lookup.visible(scanned);
    return switch (a.kind()) {
      case "CONTAINER" ->
          a.repeated()
              ? new Answer(
                  "outcome-ALREADY_COUNTED",
                  "Already counted",
                  "Every unit of this container was counted here before: they count once.",
                  null,
                  true)
              : new Answer(
                  "outcome-COUNTED",
                  "Container counted: " + a.counted() + (a.counted() == 1 ? " unit" : " units"),
                  sentence(a.message()),
                  a.alreadyCounted().isEmpty()
                      ? null
                      : a.alreadyCounted().size() + " of them were counted before and count once.",
                  false);
      case "GOODS" ->
          a.repeated()
              ? new Answer(
                  "outcome-ALREADY_COUNTED",
                  "Already counted",
                  "This scan was counted already: it counts once.",
                  null,
                  true)
              : new Answer(
                  "outcome-COUNTED",
                  "Counted " + a.counted(),
                  a.counted() + " × " + visible + " added in " + a.location() + ".",
                  null,
                  false);
      default ->
          a.repeated()
              ? new Answer(
                  "outcome-ALREADY_COUNTED",
                  "Already counted",
                  "Scanned twice, counted once: "
                      + String.join(", ", a.alreadyCounted())
                      + " was counted here already.",
                  "Go on with the next unit.",
                  true)
              : new Answer(
                  "outcome-COUNTED",
                  "Counted",
                  "1 unit counted in " + a.location() + ".",
                  null,
                  false);
    };
  }

  private static Answer refused(Problem p) {
    return new Answer(
        "outcome-REFUSED", title(p), sentence(WarehouseWords.refusal(p).plain()), hint(p), true);
  }

  /** The headline of a refusal in the counter's words; the service's message says the specifics. */
  static String title(Problem p) {
    return switch (p.code()) {
      case "location-counted" -> "Location already closed";
      case "count-decided" -> "Count closed";
      case "not-in-count" -> "Not in this count";
      case "recount-by-another-counter" -> "Another counter recounts";
      case "no-recount" -> "No recount here";
      case "unknown-container" -> "Unknown container";
      case "unknown-product" -> "Unknown product";
      case "count-by-serial" -> "Scan each serial";
      case "unknown-count" -> "Unknown count";
      case "forbidden" -> "Not allowed";
      default ->
          switch (p.field() == null ? "" : p.field()) {
            case "quantity" -> "Qty needed";
            case "lot" -> "Lot needed";
            case "location" -> "No location";
            default -> "Not readable";
          };
    };
  }

  private static String hint(Problem p) {
    return switch (p.code()) {
      case "location-counted" -> "Take the next location the screen names.";
      case "unknown-container" -> "Open the container and scan its units one by one.";
      case "count-by-serial" -> "Scan each unit's own code: GTIN and serial.";
      case "recount-by-another-counter" -> "Leave this location to another counter.";
      default ->
          "quantity".equals(p.field())
              ? "Type the Qty beside the field, then scan the label again."
              : "lot".equals(p.field())
                  ? "Scan the label that carries the lot (10)."
                  : "scan".equals(p.field())
                      ? "Scan the unit's GS1 code (GTIN and serial), an SSCC or a lot label."
                      : null;
    };
  }

  static boolean supervises(TenantScope scope) {
    return scope.actor().role().atLeast(Role.SUPERVISOR)
        && scope.actor().mayWrite(scope.tenantId());
  }

  private static Long number(String text) {
    String t = PickPage.strip(text);
    if (t == null) {
      return null;
    }
    String digits = t.toUpperCase().startsWith("CNT-") ? t.substring(4) : t;
    return digits.matches("[0-9]{1,15}") ? Long.valueOf(digits) : null;
  }

  private static String sentence(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = Character.toUpperCase(text.charAt(0)) + text.substring(1);
    return s.endsWith(".") ? s : s + ".";
  }

  private static String newKey() {
    return "ui-" + UUID.randomUUID();
  }
}
