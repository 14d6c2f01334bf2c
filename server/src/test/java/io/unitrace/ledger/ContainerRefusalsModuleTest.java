package io.unitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import org.junit.jupiter.api.Test;

/**
 * What containers refuse: a container nested in another moves only with the outer one, is nested
 * once and taken out only when nested; a container the client does not have cannot be moved.
 */
class ContainerRefusalsModuleTest extends LedgerModuleTest {

  @Test
  void containerInsideAnotherMovesOnlyWithItsOuterContainer() {
    Client client = newClient();
    client.register(bin1, "SN-1");
    Sscc pallet = client.container("PALLET", bin1);
    Sscc kase = client.container("CASE", bin1);
    containers.pack(client.scope, client.refs("SN-1"), kase, meta());
    containers.nest(client.scope, kase, pallet, meta());

    Problem p = refused(client, "SN-1", () -> containers.move(client.scope, kase, bin2, meta()));

    assertIllegal(p, "container-nested");
    assertThat(p.field()).isEqualTo("sscc");
  }

  @Test
  void containerIsNestedOnlyOnceAndTakenOutOnlyWhenNested() {
    Client client = newClient();
    Sscc pallet = client.container("PALLET", bin1);
    Sscc other = client.container("PALLET", bin1);
    Sscc kase = client.container("CASE", bin1);
    containers.nest(client.scope, kase, pallet, meta());

    assertIllegal(
        refused(client, () -> containers.nest(client.scope, kase, other, meta())),
        "container-nested");
    assertIllegal(
        refused(client, () -> containers.nest(client.scope, other, null, meta())),
        "container-not-nested");
  }

  @Test
  void unknownContainerCannotBeMoved() {
    Client client = newClient();

    assertProblem(
        refused(
            client, () -> containers.move(client.scope, new Sscc(Floor.newSscc()), bin1, meta())),
        422,
        "unknown-container",
        "sscc");
  }
}
