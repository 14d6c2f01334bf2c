package io.unitrace.ledger;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.StartGate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A scanner that sends the same request twice (a retry, a double trigger) records it once and gets
 * the first answer back.
 */
class IdempotencyIT extends IntegrationTest {

  private static final int CLERKS = 8;

  @Autowired JdbcClient db;

  @Test
  void sameKeyTwiceReturnsTheFirstReceiptAndRecordsOneEvent() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.dock, "SN-1");
    String key = unique("scan-");

    Api.Response first =
        clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin1), key);
    Footprint afterFirst = Footprint.of(db, clerk.tenant);
    Api.Response second =
        clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin1), key);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(first.at("/repeated").asBoolean()).isFalse();
    assertThat(second.at("/repeated").asBoolean()).isTrue();
    assertThat(second.at("/eventId").asLong()).isEqualTo(first.at("/eventId").asLong());
    assertThat(second.at("/requestKey").asString()).isEqualTo(key);
    assertThat(second.at("/recordedAt").asString()).isEqualTo(first.at("/recordedAt").asString());
    assertThat(second.at("/units")).isEqualTo(first.at("/units"));
    assertThat(Footprint.of(db, clerk.tenant)).isEqualTo(afterFirst);
    assertThat(ok(clerk.api.get(clerk.unitPath("SN-1"))).at("/version").asInt()).isEqualTo(2);
  }

  @Test
  void repeatedRegistrationIsAnsweredWithTheFirstReceiptNotADuplicateSerial() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    String key = unique("reg-");
    Object body = clerk.registration(clerk.dock, List.of("SN-1", "SN-2"));

    Api.Response first = clerk.api.post("/api/v1/units", body, key);
    Api.Response second = clerk.api.post("/api/v1/units", body, key);

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(second.status()).as(second.toString()).isBetween(200, 201);
    assertThat(second.at("/repeated").asBoolean()).isTrue();
    assertThat(second.at("/eventId").asLong()).isEqualTo(first.at("/eventId").asLong());
    assertThat(second.at("/unitCount").asInt()).isEqualTo(2);
    assertThat(second.at("/units/1/serial").asString()).isEqualTo("SN-2");
    assertThat(Footprint.of(db, clerk.tenant).units()).isEqualTo(2);
    assertThat(Footprint.events(db, clerk.tenant)).isEqualTo(1);
  }

  @Test
  void sameKeyWithADifferentBodyIsRefusedAndWritesNothing() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.dock, "SN-1");
    String key = unique("scan-");
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin1), key));
    Footprint before = Footprint.of(db, clerk.tenant);

    Api.Response otherBin =
        clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin2), key);
    Api.Response otherCommand =
        clerk.api.post(clerk.unitPath("SN-1") + "/holds", map("hold", "QC", "reason", "x"), key);

    for (Api.Response r : List.of(otherBin, otherCommand)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(422);
      assertThat(r.problemCode()).isEqualTo("idempotency-key-reused");
      assertThat(r.at("/field").asString()).isEqualTo("Idempotency-Key");
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    assertThat(Footprint.of(db, clerk.tenant)).isEqualTo(before);
    assertThat(ok(clerk.api.get(clerk.unitPath("SN-1"))).at("/location").asString())
        .isEqualTo(clerk.bin1);
  }

  @Test
  void repeatedLossReportReturnsTheFirstReceiptThoughTheUnitIsNowMissing() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");
    String key = unique("count-");
    Object body = map("kind", "LOST", "reason", "cycle count 7");

    Api.Response first = clerk.api.post(clerk.unitPath("SN-1") + "/adjustments", body, key);
    Api.Response repeat = clerk.api.post(clerk.unitPath("SN-1") + "/adjustments", body, key);
    Api.Response fresh =
        clerk.api.post(clerk.unitPath("SN-1") + "/adjustments", body, unique("count-"));

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
    assertThat(repeat.at("/repeated").asBoolean()).isTrue();
    assertThat(repeat.at("/eventId").asLong()).isEqualTo(first.at("/eventId").asLong());
    assertThat(repeat.at("/units/0/state").asString()).isEqualTo("MISSING");
    assertThat(fresh.status())
        .as("a new key is a new request: the unit is already missing")
        .isEqualTo(409);
    assertThat(fresh.at("/rule").asString()).isEqualTo("unit-missing");
    assertThat(ok(clerk.api.get(clerk.unitPath("SN-1") + "/history")).at("/items").size())
        .isEqualTo(2);
  }

  @Test
  void keysBelongToOneClientSoAnotherMayUseTheSameOne() {
    Clerk a = Clerk.inSharedClient(admin, port);
    Clerk b = Clerk.forNewClient(admin, port);
    a.register(a.dock, "SN-1");
    b.register(b.dock, "SN-1");
    String key = unique("shared-");

    Api.Response inA = ok(a.api.post(a.unitPath("SN-1") + "/move", map("location", a.bin1), key));
    Api.Response inB = ok(b.api.post(b.unitPath("SN-1") + "/move", map("location", b.bin1), key));

    assertThat(inB.at("/repeated").asBoolean()).isFalse();
    assertThat(inB.at("/eventId").asLong()).isNotEqualTo(inA.at("/eventId").asLong());
    assertThat(ok(b.api.get(b.unitPath("SN-1"))).at("/location").asString()).isEqualTo(b.bin1);
  }

  @Test
  void eightClerksSendingTheSameMoveAtOnceRecordItOnce() throws Exception {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    for (int round = 0; round < 3; round++) {
      String serial = "SN-" + round;
      clerk.register(clerk.dock, serial);
      long eventsBefore = Footprint.events(db, clerk.tenant);
      String key = unique("double-tap-");

      List<Api.Response> answers =
          StartGate.times(
              CLERKS,
              () ->
                  clerk.api.post(
                      clerk.unitPath(serial) + "/move", map("location", clerk.bin1), key));

      for (Api.Response r : answers) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.at("/eventId").asLong()).isEqualTo(answers.get(0).at("/eventId").asLong());
        assertThat(r.at("/units/0/seq").asInt()).isEqualTo(2);
      }
      assertThat(answers.stream().filter(r -> !r.at("/repeated").asBoolean()).count())
          .as("exactly one recorded it")
          .isEqualTo(1);
      assertThat(Footprint.events(db, clerk.tenant)).isEqualTo(eventsBefore + 1);
      assertThat(ok(clerk.api.get(clerk.unitPath(serial))).at("/version").asInt()).isEqualTo(2);
    }
  }

  @Test
  void eightClerksSendingTheSameRegistrationAtOnceRegisterItOnce() throws Exception {
    Clerk clerk = Clerk.forNewClient(admin, port);
    for (int round = 0; round < 3; round++) {
      List<String> serials = Floor.serials("R" + round + "-", 20);
      Object body = clerk.registration(clerk.dock, serials);
      String key = unique("double-tap-");

      List<Api.Response> answers =
          StartGate.times(CLERKS, () -> clerk.api.post("/api/v1/units", body, key));

      for (Api.Response r : answers) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        assertThat(r.at("/eventId").asLong()).isEqualTo(answers.get(0).at("/eventId").asLong());
        assertThat(r.at("/unitCount").asInt()).isEqualTo(20);
      }
    }
    assertThat(Footprint.events(db, clerk.tenant)).isEqualTo(3);
    assertThat(Footprint.of(db, clerk.tenant).units()).isEqualTo(60);
    assertThat(ok(clerk.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean())
        .isTrue();
  }
}
