package io.unitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.facility.LocationType;
import io.unitrace.ledger.domain.UnitCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A transfer's commands are read back from the ledger as they were written, for replay. */
class TransitCommandsTest {

  @Test
  void everyTransferCommandSurvivesTheLedgersEncoding() {
    CommandCodec codec = new CommandCodec(JsonMapper.builder().build());
    for (UnitCommand c :
        List.of(
            new UnitCommand.Dispatch("WH2", false),
            new UnitCommand.Dispatch("WH2", true),
            new UnitCommand.Arrive(7, LocationType.DOCK),
            new UnitCommand.LoseOnTheWay())) {
      assertThat(codec.decode(codec.encode(c))).as("%s", c).isEqualTo(c);
    }
  }
}
