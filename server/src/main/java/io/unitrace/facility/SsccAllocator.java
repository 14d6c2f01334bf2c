package io.unitrace.facility;

import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Hands out SSCCs: extension digit + GS1 Company Prefix + serial reference + check digit.
 *
 * <p>Design note. An SSCC must never be issued twice, across restarts and across servers sharing
 * one database, so the only counter is the {@code sscc_counter} row of the prefix; there is no
 * counter in memory. A block of {@code n} references is taken with one conditional upsert that adds
 * {@code n} and returns the new end: the database serialises concurrent takers on the row
 * (PostgreSQL's row lock, SQLite's single writer), and the condition refuses a block that would run
 * past the last reference of the prefix, leaving the counter untouched. Outside a transaction the
 * statement commits on its own, so a reference once handed out stays spent even if the caller fails
 * afterwards; gaps are allowed, reuse is not.
 *
 * <p>The prefix is the client's own ({@code sscc_numbering}) or else the installation's ({@code
 * unitrace.sscc.company-prefix}). The counter is keyed by extension digit and prefix, so clients
 * sharing a prefix share its counter.
 */
@Service
public class SsccAllocator {

  /** Most SSCCs one request may take; a pallet build rarely needs more than a few hundred. */
  public static final int MAX_BLOCK = 1000;

  /** Where a client's numbering comes from. */
  public enum Source {
    TENANT,
    INSTALLATION
  }

  /**
   * The numbering in force for a client. {@code capacity} is the number of serial references the
   * prefix has.
   */
  public record Numbering(int extensionDigit, String companyPrefix, Source source) {

    String key() {
      return extensionDigit + companyPrefix;
    }

    /** 10^(16 - prefix length): a 7-digit prefix has 10^9 references, a 12-digit one 10,000. */
    public long capacity() {
      long capacity = 1;
      for (int i = companyPrefix.length(); i < 16; i++) {
        capacity *= 10;
      }
      return capacity;
    }
  }

  private final JdbcClient db;
  private final Numbering installation;

  SsccAllocator(
      JdbcClient db,
      @Value("${unitrace.sscc.company-prefix:}") String companyPrefix,
      @Value("${unitrace.sscc.extension-digit:0}") int extensionDigit) {
    this.db = db;
    if (companyPrefix == null || companyPrefix.isBlank()) {
      this.installation = null;
    } else {
      // A wrong installation setting is found at start, not at the first pallet.
      String problem = invalidPrefix(companyPrefix.strip());
      if (problem == null) {
        problem = invalidExtension(extensionDigit);
      }
      if (problem != null) {
        throw new IllegalStateException("unitrace.sscc: " + problem);
      }
      this.installation = new Numbering(extensionDigit, companyPrefix.strip(), Source.INSTALLATION);
    }
  }

  /** The numbering in force for the client, if any is configured. */
  public Optional<Numbering> numbering(long tenantId) {
    return db.sql("SELECT extension_digit, company_prefix FROM sscc_numbering WHERE tenant_id = ?")
        .param(tenantId)
        .query((rs, n) -> new Numbering(rs.getInt(1), rs.getString(2), Source.TENANT))
        .optional()
        .or(() -> Optional.ofNullable(installation));
  }

  /**
   * Gives the client its own company prefix and extension digit (0 when not given), or with a null
   * prefix returns it to the installation's. Counters are per prefix, so switching back and forth
   * never repeats a number.
   */
  public Optional<Numbering> configure(
      long tenantId, String companyPrefix, Integer extensionDigit) {
    String prefix = companyPrefix == null || companyPrefix.isBlank() ? null : companyPrefix.strip();
    if (prefix == null) {
      if (extensionDigit != null) {
        throw Problem.badRequest(
            "invalid-field", "companyPrefix", "an extension digit needs a company prefix");
      }
    } else {
      String problem = invalidPrefix(prefix);
      if (problem != null) {
        throw Problem.badRequest("invalid-field", "companyPrefix", problem);
      }
      problem = invalidExtension(extensionDigit == null ? 0 : extensionDigit);
      if (problem != null) {
        throw Problem.badRequest("invalid-field", "extensionDigit", problem);
      }
    }
    if (prefix == null) {
      db.sql("DELETE FROM sscc_numbering WHERE tenant_id = ?").param(tenantId).update();
    } else {
      db.sql(
              """
              INSERT INTO sscc_numbering (tenant_id, company_prefix, extension_digit) VALUES (?, ?, ?)
              ON CONFLICT (tenant_id) DO UPDATE
              SET company_prefix = excluded.company_prefix, extension_digit = excluded.extension_digit""")
          .params(tenantId, prefix, extensionDigit == null ? 0 : extensionDigit)
          .update();
    }
    return numbering(tenantId);
  }

  public Sscc allocate(long tenantId) {
    return allocate(tenantId, 1).get(0);
  }

  /** {@code count} SSCCs never issued before, in ascending order. */
  public List<Sscc> allocate(long tenantId, int count) {
    if (count < 1 || count > MAX_BLOCK) {
      throw Problem.badRequest("invalid-field", "count", "count is between 1 and " + MAX_BLOCK);
    }
    Numbering numbering =
        numbering(tenantId)
            .orElseThrow(
                () ->
                    Problem.conflict(
                        "sscc-not-configured",
                        null,
                        "no GS1 Company Prefix is set for this client or the installation: an ADMIN sets one with PUT /api/v1/tenants/{code}/sscc"));
    long capacity = numbering.capacity();
    // Reference 0 is left unused: an all-zero serial reference reads like a placeholder on a label.
    Optional<Long> end =
        db.sql(
                """
            INSERT INTO sscc_counter (prefix_key, next_reference) VALUES (?, ?)
            ON CONFLICT (prefix_key) DO UPDATE SET next_reference = sscc_counter.next_reference + ?
            WHERE sscc_counter.next_reference + ? <= ?
            RETURNING next_reference""")
            .params(numbering.key(), 1L + count, count, count, capacity)
            .query(Long.class)
            .optional();
    if (end.isEmpty()) {
      long left =
          Math.max(
              0,
              capacity
                  - db.sql("SELECT next_reference FROM sscc_counter WHERE prefix_key = ?")
                      .param(numbering.key())
                      .query(Long.class)
                      .single());
      throw Problem.conflict(
              "sscc-exhausted",
              "count",
              "the serial references of prefix "
                  + numbering.extensionDigit()
                  + " "
                  + numbering.companyPrefix()
                  + " are used up: "
                  + left
                  + " left, "
                  + count
                  + " asked for; set another prefix or extension digit")
          .with("remaining", left);
    }
    List<Sscc> ssccs = new ArrayList<>(count);
    for (long ref = end.get() - count; ref < end.get(); ref++) {
      ssccs.add(Sscc.of(numbering.extensionDigit(), numbering.companyPrefix(), ref));
    }
    return ssccs;
  }

  private static String invalidPrefix(String prefix) {
    if (!prefix.matches("[0-9]{4,12}")) {
      return "a GS1 Company Prefix has 4 to 12 digits, got '" + prefix + "'";
    }
    return null;
  }

  private static String invalidExtension(int digit) {
    return digit < 0 || digit > 9 ? "the extension digit is 0 to 9, got " + digit : null;
  }
}
