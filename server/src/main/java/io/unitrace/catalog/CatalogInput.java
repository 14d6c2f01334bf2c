package io.unitrace.catalog;

import io.unitrace.shared.Problem;

/**
 * Serials and lot codes as a request gives them. The value types refuse bad text with a plain
 * exception; here, once, that refusal becomes the problem the client sees, at the field it sent
 * (e.g. "units[3].serial").
 */
public final class CatalogInput {

  private CatalogInput() {}

  public static Serial serial(String field, String text) {
    try {
      return new Serial(text);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-serial", field, e.getMessage());
    }
  }

  public static LotCode lot(String field, String text) {
    try {
      return new LotCode(text);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-lot", field, e.getMessage());
    }
  }
}
