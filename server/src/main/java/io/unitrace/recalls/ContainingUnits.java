package io.unitrace.recalls;

import java.util.List;

/**
 * The extension point for recalls by component lot: the ids of the finished units that contain (at
 * any depth of genealogy) units or stock of {@code lotId} of {@code productId}. The module that
 * records genealogy provides it as a bean; until then a COMPONENT_LOT campaign is refused.
 */
public interface ContainingUnits {

  List<Long> finishedUnitsContaining(long tenantId, long productId, long lotId);
}
