package io.unitrace.returns;

/** What inspection found, with the CBV 2.0 disposition its {@code inspecting} event carries. */
enum Condition {
  AS_NEW("sellable_accessible"),
  GOOD("conformant"),
  DAMAGED("damaged"),
  DEFECTIVE("non_sellable_other");

  private final String cbv;

  Condition(String cbv) {
    this.cbv = cbv;
  }

  String cbv() {
    return cbv;
  }
}
