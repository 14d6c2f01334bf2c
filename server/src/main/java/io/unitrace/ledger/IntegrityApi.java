package io.unitrace.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Tamper evidence over HTTP: verify the tenant's ledger, close and list checkpoints, export the
 * signed checkpoints for an external anchor, publish the key they are signed with, and re-anchor a
 * ledger recorded before signing (ADR 0018).
 */
@RestController
@RequestMapping("/api/v1/ledger")
class IntegrityApi {

  private final Verification verification;
  private final Checkpoints checkpoints;
  private final Reanchoring reanchoring;
  private final LedgerSigner signer;
  private final ObjectMapper json;

  IntegrityApi(
      Verification verification,
      Checkpoints checkpoints,
      Reanchoring reanchoring,
      LedgerSigner signer,
      ObjectMapper json) {
    this.verification = verification;
    this.checkpoints = checkpoints;
    this.reanchoring = reanchoring;
    this.signer = signer;
    this.json = json;
  }

  @Operation(
      summary = "Verify the ledger",
      description =
          "Recomputes every hash chain and checkpoint of the client's ledger and names the first broken link, if any.")
  @PostMapping("/verify")
  Verification.Report verify(TenantScope scope) {
    return verification.verify(scope.tenantId());
  }

  @Operation(
      summary = "List checkpoints",
      description = "The signed checkpoints over the client's ledger, newest first.")
  @GetMapping("/checkpoints")
  List<Checkpoints.Checkpoint> checkpoints(TenantScope scope) {
    return checkpoints.list(scope.tenantId());
  }

  @Operation(
      summary = "Close a checkpoint now",
      description = "Seals the events since the last checkpoint under a signed digest.")
  @PostMapping("/checkpoints")
  Checkpoints.Checkpoint close(TenantScope scope) {
    scope.requireRole(Role.SUPERVISOR);
    // Every book is closed; the answer is the unit book's checkpoint, else the stock book's, else
    // the event book's.
    return checkpoints.close(scope.tenantId()).stream()
        .findFirst()
        .orElseThrow(
            () ->
                Problem.conflict(
                    "nothing-to-checkpoint", null, "no settled entries since the last checkpoint"));
  }

  /** The public half of the key checkpoints are signed with. */
  record PublicKey(String algorithm, String keyRef, String publicKey, String pem) {}

  @Operation(
      summary = "Get the checkpoint signing key",
      description = "The public key that checkpoint signatures are checked with.")
  @GetMapping("/public-key")
  PublicKey publicKey(TenantScope scope) {
    return new PublicKey("Ed25519", signer.ref(), signer.publicKey(), signer.publicKeyPem());
  }

  /**
   * The tenant's checkpoints of every book as JSON lines, written as they are read: each with its
   * signature and the exact text signed, for an anchor outside the database.
   */
  @Operation(
      summary = "Export checkpoints",
      description =
          "Every checkpoint with its signature as JSON lines, to anchor outside the database.")
  @GetMapping("/checkpoints.jsonl")
  void export(TenantScope scope, HttpServletResponse response) throws IOException {
    response.setContentType("application/jsonl");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    Writer out = response.getWriter();
    String key = signer.ref();
    checkpoints.each(
        scope.tenantId(),
        c -> {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("tenant", scope.tenantCode());
          line.put("tenantId", scope.tenantId());
          line.put("book", c.book().name());
          line.put("id", c.id());
          line.put("firstEntryId", c.firstEntryId());
          line.put("lastEntryId", c.lastEntryId());
          line.put("entryCount", c.entryCount());
          line.put("prevDigest", c.prevDigest());
          line.put("digest", c.digest());
          line.put("createdAt", c.createdAt());
          line.put("signature", c.signature());
          line.put("signedText", c.signedText(scope.tenantId()));
          line.put("keyRef", key);
          try {
            out.write(json.writeValueAsString(line));
            out.write('\n');
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    out.flush();
  }

  @Operation(
      summary = "Re-anchor an older ledger",
      description =
          "Signs a ledger recorded before checkpoints were signed, in one recorded event.")
  @PostMapping("/reanchor")
  @ResponseStatus(HttpStatus.CREATED)
  EventReceipt reanchor(
      TenantScope scope,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return reanchoring.reanchor(scope, RequestMeta.of(idempotencyKey));
  }
}
