package io.unitrace.counting;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Count plans over HTTP: scheduled counts of an ABC class's SKUs, and a plan run now. */
@RestController
@RequestMapping("/api/v1/count-plans")
class CountPlansApi {

  private final CountPlans plans;

  CountPlansApi(CountPlans plans) {
    this.plans = plans;
  }

  @Operation(
      summary = "List count plans",
      description = "The client's count plans by code, each with when it is due next.")
  @GetMapping
  List<CountPlans.PlanView> list(TenantScope scope) {
    return plans.list(scope);
  }

  @Operation(
      summary = "Create or change a count plan",
      description =
          "Counts the warehouse's locations holding the SKUs of one ABC class every everyDays days"
              + " (by default A 30, B 90, C 180); a new plan is due at once.")
  @PutMapping("/{code}")
  CountPlans.PlanView put(
      TenantScope scope,
      @PathVariable String code,
      @RequestBody(required = false) CountPlans.Asked b) {
    return plans.put(scope, code, b);
  }

  @Operation(
      summary = "Delete a count plan",
      description = "No more counts are opened for it; the counts it opened stay.")
  @DeleteMapping("/{code}")
  ResponseEntity<Void> delete(TenantScope scope, @PathVariable String code) {
    plans.delete(scope, code);
    return ResponseEntity.noContent().build();
  }

  @Operation(
      summary = "Run a count plan now",
      description =
          "Opens the plan's count now (the locations holding its class's SKUs) and moves its next"
              + " due date on by its interval.")
  @PostMapping("/{code}/run")
  CountPlans.Run run(TenantScope scope, @PathVariable String code) {
    return plans.run(scope, code);
  }
}
