package io.unitrace.ledger;

import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tamper evidence over HTTP: verify the tenant's ledger, close and list checkpoints. */
@RestController
@RequestMapping("/api/v1/ledger")
class IntegrityApi {

  private final Verification verification;
  private final Checkpoints checkpoints;

  IntegrityApi(Verification verification, Checkpoints checkpoints) {
    this.verification = verification;
    this.checkpoints = checkpoints;
  }

  @PostMapping("/verify")
  Verification.Report verify(TenantScope scope) {
    return verification.verify(scope.tenantId());
  }

  @GetMapping("/checkpoints")
  List<Checkpoints.Checkpoint> checkpoints(TenantScope scope) {
    return checkpoints.list(scope.tenantId());
  }

  @PostMapping("/checkpoints")
  Checkpoints.Checkpoint close(TenantScope scope) {
    scope.requireRole(Role.SUPERVISOR);
    // Both books are closed; the answer is the unit book's checkpoint, or the stock book's if only
    // it had entries.
    return checkpoints.close(scope.tenantId()).stream()
        .findFirst()
        .orElseThrow(
            () ->
                Problem.conflict(
                    "nothing-to-checkpoint", null, "no settled entries since the last checkpoint"));
  }
}
