package io.unitrace.ui;

import io.unitrace.counting.CountAccuracy;
import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Inventory accuracy from the client's approved counts, for the office: per warehouse, locations
 * counted without discrepancy over locations counted and serials found where the books had them,
 * for the period asked (by default the last 30 days), each warehouse with its days. The figures are
 * {@link CountAccuracy}'s, which asks for a SUPERVISOR; a period or warehouse it refuses is shown
 * on its field.
 */
@Controller
class CountAccuracyPage {

  private final ClientChoice clients;
  private final CountAccuracy accuracy;

  CountAccuracyPage(ClientChoice clients, CountAccuracy accuracy) {
    this.clients = clients;
    this.accuracy = accuracy;
  }

  @GetMapping("/counts/accuracy")
  String report(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String warehouse,
      @RequestParam(required = false) String by) {
    ClientChoice.Choice choice = clients.of(request);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("warehouse", warehouse);
    model.addAttribute("by", by);
    if (!choice.picked()) {
      return "counts/accuracy";
    }
    try {
      model.addAttribute("report", accuracy.report(choice.scope(), from, to, warehouse, by));
    } catch (Problem p) {
      if (p.status() == 403) {
        throw p;
      }
      response.setStatus(p.status());
      model.addAttribute("refusal", p);
    }
    return "counts/accuracy";
  }
}
