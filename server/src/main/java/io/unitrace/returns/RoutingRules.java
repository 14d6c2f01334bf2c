package io.unitrace.returns;

import java.util.List;

/**
 * The default route of an inspected return (pure). The client's rules are tried most specific
 * first: reason and condition, reason with any condition, any reason with the condition, any with
 * any ({@code *}); then the built-in defaults: a warranty repair goes to REPAIR, an unused or good
 * unit back to stock, a damaged one to REFURBISH, a defective one to REPAIR. A regulated product
 * whose identifier was not verified is never restocked by default: it goes to QUARANTINE.
 */
final class RoutingRules {

  static final String ANY = "*";

  record Decision(Disposition disposition, String why) {}

  private RoutingRules() {}

  static Decision resolve(
      List<ReturnRows.Rule> rules, String reason, Condition condition, boolean resaleable) {
    Decision d = byRules(rules, reason, condition);
    if (d.disposition() == Disposition.RESTOCK && !resaleable) {
      return new Decision(
          Disposition.QUARANTINE,
          "not resaleable until its identifier is verified (" + d.why() + " said RESTOCK)");
    }
    return d;
  }

  private static Decision byRules(List<ReturnRows.Rule> rules, String reason, Condition condition) {
    String[][] tries = {
      {reason, condition.name()}, {reason, ANY}, {ANY, condition.name()}, {ANY, ANY}
    };
    for (String[] t : tries) {
      for (ReturnRows.Rule r : rules) {
        if (r.reason().equals(t[0]) && r.condition().equals(t[1])) {
          return new Decision(
              Disposition.valueOf(r.disposition()),
              "the client's rule for reason " + t[0] + " and condition " + t[1]);
        }
      }
    }
    if (Reasons.WARRANTY_REPAIR.equals(reason)) {
      return new Decision(Disposition.REPAIR, "a warranty repair goes to repair");
    }
    return switch (condition) {
      case AS_NEW, GOOD -> new Decision(Disposition.RESTOCK, "a sound unit goes back to stock");
      case DAMAGED -> new Decision(Disposition.REFURBISH, "a damaged unit is refurbished");
      case DEFECTIVE -> new Decision(Disposition.REPAIR, "a defective unit goes to repair");
    };
  }
}
