package io.unitrace.gs1;

import java.util.Objects;

/**
 * One GS1 element: an Application Identifier and its data, e.g. {@code ai = "17"}, {@code value =
 * "201225"}. A plain pair; {@link Gs1#parse} and {@link Gs1#elementString} are where values get
 * validated.
 */
public record Element(String ai, String value) {

  public Element {
    Objects.requireNonNull(ai, "ai");
    Objects.requireNonNull(value, "value");
  }

  /** The dictionary's short title of this AI, e.g. "GTIN" or "USE BY or EXPIRY"; "" if unknown. */
  public String title() {
    AiDefinition definition = SyntaxDictionary.get().exact(ai);
    return definition == null ? "" : definition.title;
  }
}
