package io.unitrace.returns;

/**
 * Where a returned unit goes after inspection. RESTOCK: back to stock (STORED in a bin, or RECEIVED
 * on a dock for putaway); REPAIR and REFURBISH: IN_REPAIR at a REPAIR location; QUARANTINE: held at
 * a QUARANTINE location; RETURN_TO_VENDOR and SCRAP are terminal. RETURN_TO_CUSTOMER sends a
 * repaired unit back to its customer.
 */
enum Disposition {
  RESTOCK,
  REPAIR,
  REFURBISH,
  RETURN_TO_VENDOR,
  SCRAP,
  QUARANTINE,
  RETURN_TO_CUSTOMER
}
