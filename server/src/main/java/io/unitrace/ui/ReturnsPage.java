package io.unitrace.ui;

import io.unitrace.returns.ReturnsScreen;
import io.unitrace.returns.Verdict;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The returns dock, one step per form, each a plain post that works without JavaScript: scan the
 * unit (with its RMA, or a reason for a blind return, and who brings it back) and read the verdict
 * with every check in plain words; receive it (a suspicious one into quarantine); inspect it; route
 * it where the rules say, or elsewhere with a supervisor's reason; a supervisor routes a
 * quarantined return onward with a reason. The RMA's status is shown, and a closed one refuses
 * before the receipt is tried. Suspect cases are listed for a supervisor to clear or confirm. Every
 * write carries an Idempotency-Key made with the form, so a double tap records once.
 */
@Controller
class ReturnsPage {

  /** A refusal or a confirmation as the screen shows it; colours are receiving's. */
  record Answer(String css, String title, String message, boolean loud) {}

  /**
   * The dock's form, carried from step to step: bound from the check and the receive posts alike,
   * each field stripped, blank as none.
   */
  record Form(
      String scan,
      String rma,
      String reason,
      String returnedBy,
      String imei,
      String dock,
      String quarantine) {

    Form {
      scan = PickPage.strip(scan);
      rma = PickPage.strip(rma);
      reason = PickPage.strip(reason);
      returnedBy = PickPage.strip(returnedBy);
      imei = PickPage.strip(imei);
      dock = PickPage.strip(dock);
      quarantine = PickPage.strip(quarantine);
    }

    Map<String, String> identifiers() {
      Map<String, String> ids = new LinkedHashMap<>();
      if (imei != null) {
        ids.put("imei", imei);
      }
      return ids;
    }
  }

  private final ClientChoice clients;
  private final ReturnsScreen returns;

  ReturnsPage(ClientChoice clients, ReturnsScreen returns) {
    this.clients = clients;
    this.returns = returns;
  }

  @GetMapping("/returns")
  String screen(HttpServletRequest request, Model model) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      start(model, choice.scope(), new Form(null, null, null, null, null, null, null));
    }
    return "returns/screen";
  }

  @PostMapping("/returns/check")
  String check(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @ModelAttribute Form form) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/returns";
    }
    TenantScope scope = choice.scope();
    start(model, scope, form);
    try {
      Verdict v =
          returns.verdict(scope, form.scan(), form.rma(), form.returnedBy(), form.identifiers());
      model.addAttribute("verdict", v);
      ReturnsScreen.RmaState rma =
          form.rma() == null ? null : returns.rma(scope, form.rma()).orElse(null);
      model.addAttribute("rmaState", rma);
      if (!v.refused() && rma != null && !rma.open()) {
        // the unit is fine, its authorisation is not: the receipt would be refused
        response.setStatus(409);
        model.addAttribute(
            "answer", new Answer("outcome-REFUSED", "Refused: rma closed", rma.refusal(), true));
      } else {
        model.addAttribute(
            "answer",
            new Answer(
                v.refused()
                    ? "outcome-REFUSED"
                    : v.suspicious() ? "outcome-SUSPECT" : "outcome-ACCEPTED",
                v.refused() ? "Refused" : v.suspicious() ? "Suspicious return" : "Clean return",
                v.summary(),
                v.refused() || v.suspicious()));
      }
    } catch (Problem p) {
      refused(response, model, p);
    }
    return "returns/screen";
  }

  @PostMapping("/returns/receive")
  String receive(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @ModelAttribute Form form,
      @RequestParam(required = false) String key) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/returns";
    }
    TenantScope scope = choice.scope();
    try {
      ReturnsScreen.Received r =
          returns.receive(
              scope,
              form.scan(),
              form.rma(),
              form.reason(),
              form.returnedBy(),
              form.identifiers(),
              form.dock(),
              form.quarantine(),
              PickPage.strip(key));
      return shown(
          model,
          scope,
          r.ret(),
          new Answer(
              r.ret().caseId() == null ? "outcome-RECEIVED" : "outcome-SUSPECT",
              "Received: return " + r.ret().id(),
              r.ret().caseId() == null
                  ? "Returned on " + r.ret().location() + ", waiting for inspection."
                  : "Into quarantine at "
                      + r.ret().location()
                      + " with a SUSPECT hold; case "
                      + r.ret().caseId()
                      + " is open for a supervisor.",
              r.ret().caseId() != null));
    } catch (Problem p) {
      start(model, scope, form);
      refused(response, model, p);
      return "returns/screen";
    }
  }

  @GetMapping("/returns/{id}")
  String one(HttpServletRequest request, Model model, @PathVariable long id) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "returns/screen";
    }
    return shown(model, choice.scope(), returns.get(choice.scope(), id), null);
  }

  @PostMapping("/returns/{id}/inspect")
  String inspect(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String condition,
      @RequestParam(required = false) String findings,
      @RequestParam(required = false) String key) {
    return onReturn(
        request,
        response,
        model,
        id,
        scope -> {
          ReturnsScreen.Inspected i =
              returns.inspect(scope, id, condition, PickPage.strip(findings), PickPage.strip(key));
          model.addAttribute("suggested", i.suggested());
          model.addAttribute("why", i.why());
          return shown(
              model,
              scope,
              i.ret(),
              new Answer(
                  "outcome-INSPECTED",
                  "Inspected: " + i.ret().condition(),
                  "The rules route it to " + i.suggested() + " (" + i.why() + ").",
                  false));
        });
  }

  @PostMapping("/returns/{id}/route")
  String route(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String disposition,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String key) {
    return onReturn(
        request,
        response,
        model,
        id,
        scope -> {
          ReturnsScreen.Routed r =
              returns.route(
                  scope,
                  id,
                  disposition,
                  PickPage.strip(location),
                  PickPage.strip(reason),
                  PickPage.strip(key));
          return shown(
              model,
              scope,
              r.ret(),
              new Answer("outcome-ROUTED", "Routed: " + r.ret().disposition(), r.next(), false));
        });
  }

  /**
   * An action on one return at the client picked: its answer on the return's page, or the refusal
   * shown with the return as it stands.
   */
  private String onReturn(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      long id,
      Function<TenantScope, String> action) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/returns";
    }
    TenantScope scope = choice.scope();
    try {
      return action.apply(scope);
    } catch (Problem p) {
      refused(response, model, p);
      return shown(model, scope, returns.get(scope, id), (Answer) model.getAttribute("answer"));
    }
  }

  @GetMapping("/returns/cases")
  String cases(HttpServletRequest request, Model model) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      model.addAttribute("cases", returns.openCases(choice.scope()));
      model.addAttribute("key", newKey());
    }
    return "returns/cases";
  }

  @PostMapping("/returns/cases/{id}/resolve")
  String resolve(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String decision,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String key) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/returns/cases";
    }
    try {
      ReturnsScreen.Shown r =
          returns.resolve(
              choice.scope(), id, decision, PickPage.strip(reason), PickPage.strip(key));
      model.addAttribute(
          "answer",
          new Answer(
              "outcome-ROUTED",
              "Case " + id + " " + r.caseStatus().toLowerCase(),
              "CLEARED".equals(r.caseStatus())
                  ? "The SUSPECT hold is released: return " + r.id() + " goes on to inspection."
                  : "The unit stays held: return "
                      + r.id()
                      + " may be quarantined, scrapped or sent"
                      + " to the vendor, never restocked.",
              false));
    } catch (Problem p) {
      refused(response, model, p);
    }
    model.addAttribute("cases", returns.openCases(choice.scope()));
    model.addAttribute("key", newKey());
    return "returns/cases";
  }

  private String shown(Model model, TenantScope scope, ReturnsScreen.Shown ret, Answer answer) {
    model.addAttribute("ret", ret);
    // routing out of quarantine is a supervisor's: the form is offered to them only
    model.addAttribute("supervisor", scope.actor().role().atLeast(Role.SUPERVISOR));
    model.addAttribute("choices", returns.choices(scope));
    model.addAttribute("key", newKey());
    if (answer != null) {
      model.addAttribute("answer", answer);
    }
    return "returns/return";
  }

  private void start(Model model, TenantScope scope, Form form) {
    model.addAttribute("form", form);
    model.addAttribute("choices", returns.choices(scope));
    model.addAttribute("key", newKey());
  }

  private static void refused(HttpServletResponse response, Model model, Problem p) {
    response.setStatus(p.status());
    model.addAttribute("refusal", p);
    model.addAttribute(
        "answer",
        new Answer(
            "outcome-REFUSED",
            p.code().startsWith("gs1-")
                ? "Barcode not readable"
                : "Refused: " + p.code().replace('-', ' '),
            WarehouseWords.refusal(p).plain(),
            true));
    model.addAttribute("standard", WarehouseWords.refusal(p).standard());
  }

  private static String newKey() {
    return "ui-" + UUID.randomUUID();
  }
}
