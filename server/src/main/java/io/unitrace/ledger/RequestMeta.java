package io.unitrace.ledger;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The "when" and "how" of a command, and its idempotency key. {@code eventTime} is when it happened
 * on the floor, with the zone offset kept for EPCIS; absent means now (UTC).
 */
public record RequestMeta(
    String idempotencyKey,
    OffsetDateTime eventTime,
    String device,
    String rawScan,
    List<BizTransaction> bizTransactions) {

  /** A business transaction the event belongs to, in CBV terms (type "po", "desadv", "rma", …). */
  public record BizTransaction(String type, String id) {}

  public static RequestMeta of(String idempotencyKey) {
    return new RequestMeta(idempotencyKey, null, null, null, List.of());
  }
}
