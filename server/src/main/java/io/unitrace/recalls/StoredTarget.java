package io.unitrace.recalls;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign's target read back from the JSON stored with it, for the parts of a campaign that have
 * only the row at hand. Properties the record does not know (written by another version) are passed
 * over.
 */
final class StoredTarget {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private StoredTarget() {}

  static Target of(CampaignRows.Campaign c) {
    return JSON.readValue(c.target(), Target.class);
  }
}
