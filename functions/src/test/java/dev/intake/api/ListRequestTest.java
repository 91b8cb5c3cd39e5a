package dev.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.intake.model.PartnerIds;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query of GET /submissions: each refusal says what is wrong with the value it names. */
class ListRequestTest {

  private static final Caller REVIEWER = new Caller.Reviewer("arn:aws:sts::1:assumed-role/competency-reviewer/r");

  private static ApiException refused(Map<String, String> query) {
    return catchThrowableOfType(ApiException.class, () -> ListRequest.parse(query, REVIEWER));
  }

  @Test
  void partnerId_longerThanAnIdCanBe_is400SayingItIsTooLong() {
    ApiException e = refused(Map.of("partnerId", "P".repeat(100)));

    assertThat(e.status).isEqualTo(400);
    assertThat(e.code).isEqualTo("INVALID_PARTNER_ID");
    assertThat(e.getMessage()).isEqualTo("partnerId is at most 64 characters long; this one has 100.");
  }

  @Test
  void partnerId_ofTheLongestLength_isAccepted() {
    String longest = "P".repeat(PartnerIds.MAX_LENGTH);

    assertThat(ListRequest.parse(Map.of("partnerId", longest), REVIEWER).partnerId()).isEqualTo(longest);
    assertThat(PartnerIds.isValid(longest)).isTrue();
    assertThat(PartnerIds.isValid(longest + "P")).isFalse();
  }

  @Test
  void partnerId_withACharacterNoIdHas_is400SayingWhichCharactersAre() {
    ApiException e = refused(Map.of("partnerId", "P 1001"));

    assertThat(e.getMessage()).startsWith("partnerId must be letters, digits, '.', '_' or '-'");
  }
}
