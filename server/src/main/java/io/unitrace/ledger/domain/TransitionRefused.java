package io.unitrace.ledger.domain;

/** A command the state machine refuses; {@code rule} is the stable name of the rule it broke. */
public class TransitionRefused extends RuntimeException {

  private final String rule;

  public TransitionRefused(String rule, String message) {
    super(message);
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}
