package io.unitrace.ledger;

import io.unitrace.shared.Text;
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

  /**
   * ledger_event.device is VARCHAR(120); a raw scan is kept up to 2000 characters. (The ledger
   * itself refuses an idempotency key longer than its column.)
   */
  static final int DEVICE_LENGTH = 120;

  static final int SCAN_LENGTH = 2000;

  public RequestMeta {
    Text.line("device", device, DEVICE_LENGTH);
    Text.raw("scan", rawScan, SCAN_LENGTH);
    Text.noNulls("bizTransactions", bizTransactions);
  }

  /** A business transaction the event belongs to, in CBV terms (type "po", "desadv", "rma", …). */
  public record BizTransaction(String type, String id) {

    public BizTransaction {
      Text.line("type", type, 100);
      Text.line("id", id, 200);
    }
  }

  public static RequestMeta of(String idempotencyKey) {
    return new RequestMeta(idempotencyKey, null, null, null, List.of());
  }
}
