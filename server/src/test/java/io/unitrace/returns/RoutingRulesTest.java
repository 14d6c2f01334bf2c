package io.unitrace.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The default route of an inspected return: the client's rules, most specific first. */
class RoutingRulesTest {

  static ReturnRows.Rule rule(String reason, String condition, Disposition d) {
    return new ReturnRows.Rule(reason, condition, d.name());
  }

  static final List<ReturnRows.Rule> RULES =
      List.of(
          rule("*", "*", Disposition.QUARANTINE),
          rule("*", "GOOD", Disposition.REFURBISH),
          rule("WRONG_ITEM", "*", Disposition.RETURN_TO_VENDOR),
          rule("WRONG_ITEM", "GOOD", Disposition.RESTOCK));

  @Test
  void theRuleForTheReasonAndTheConditionComesFirst() {
    var d = RoutingRules.resolve(RULES, "WRONG_ITEM", Condition.GOOD, true);
    assertThat(d.disposition()).isEqualTo(Disposition.RESTOCK);
    assertThat(d.why()).contains("WRONG_ITEM", "GOOD");
  }

  @Test
  void thenTheReasonWithAnyCondition() {
    var d = RoutingRules.resolve(RULES, "WRONG_ITEM", Condition.DAMAGED, true);
    assertThat(d.disposition()).isEqualTo(Disposition.RETURN_TO_VENDOR);
  }

  @Test
  void thenAnyReasonWithTheCondition() {
    var d = RoutingRules.resolve(RULES, "CHANGED_MIND", Condition.GOOD, true);
    assertThat(d.disposition()).isEqualTo(Disposition.REFURBISH);
  }

  @Test
  void thenAnyWithAny() {
    var d = RoutingRules.resolve(RULES, "CHANGED_MIND", Condition.DEFECTIVE, true);
    assertThat(d.disposition()).isEqualTo(Disposition.QUARANTINE);
    assertThat(d.why()).contains("*");
  }

  @Test
  void withoutRulesTheBuiltInDefaultsHold() {
    assertThat(
            RoutingRules.resolve(List.of(), "CHANGED_MIND", Condition.AS_NEW, true).disposition())
        .isEqualTo(Disposition.RESTOCK);
    assertThat(RoutingRules.resolve(List.of(), "CHANGED_MIND", Condition.GOOD, true).disposition())
        .isEqualTo(Disposition.RESTOCK);
    assertThat(RoutingRules.resolve(List.of(), "DEFECTIVE", Condition.DAMAGED, true).disposition())
        .isEqualTo(Disposition.REFURBISH);
    assertThat(
            RoutingRules.resolve(List.of(), "DEFECTIVE", Condition.DEFECTIVE, true).disposition())
        .isEqualTo(Disposition.REPAIR);
  }

  @Test
  void aWarrantyRepairGoesToRepairWhateverItsCondition() {
    assertThat(
            RoutingRules.resolve(List.of(), Reasons.WARRANTY_REPAIR, Condition.AS_NEW, true)
                .disposition())
        .isEqualTo(Disposition.REPAIR);
  }

  @Test
  void aClientRuleBeatsTheBuiltInWarrantyRepair() {
    var rules = List.of(rule(Reasons.WARRANTY_REPAIR, "*", Disposition.RETURN_TO_VENDOR));
    assertThat(
            RoutingRules.resolve(rules, Reasons.WARRANTY_REPAIR, Condition.DEFECTIVE, true)
                .disposition())
        .isEqualTo(Disposition.RETURN_TO_VENDOR);
  }

  @Test
  void anUnverifiedRegulatedUnitIsQuarantinedInsteadOfRestocked() {
    var builtIn = RoutingRules.resolve(List.of(), "CHANGED_MIND", Condition.AS_NEW, false);
    assertThat(builtIn.disposition()).isEqualTo(Disposition.QUARANTINE);
    assertThat(builtIn.why()).contains("RESTOCK");
    var byRule = RoutingRules.resolve(RULES, "WRONG_ITEM", Condition.GOOD, false);
    assertThat(byRule.disposition()).isEqualTo(Disposition.QUARANTINE);
  }

  @Test
  void anUnverifiedUnitGoesWhereverElseTheRulesSay() {
    var d = RoutingRules.resolve(RULES, "WRONG_ITEM", Condition.DAMAGED, false);
    assertThat(d.disposition()).isEqualTo(Disposition.RETURN_TO_VENDOR);
  }
}
