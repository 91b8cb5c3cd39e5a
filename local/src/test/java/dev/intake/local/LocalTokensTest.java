package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class LocalTokensTest {

  private final LocalTokens tokens = new LocalTokens(LocalTokens.newToken());

  @Test
  void partnerToken_ownPartner_standsForItsRole() {
    assertThat(tokens.principalFor("Bearer " + tokens.partnerToken("P-1001")))
        .isEqualTo("arn:aws:sts::" + LocalApiServer.LOCAL_ACCOUNT + ":assumed-role/competency-partner-P-1001/"
            + "local-partner");
  }

  @Test
  void partnerToken_unassigned_isNeverMinted() {
    assertThatThrownBy(() -> tokens.partnerToken("unassigned"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
  }

  @Test
  void principalFor_aCorrectlySignedTokenForTheStrayUploads_isRefused() throws Exception {
    // given: tokens for the stray uploads' folder signed with the runtime's key, as a runtime before
    // the folder was reserved would have minted them
    for (String id : new String[] {"unassigned", "Unassigned"}) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(tokens.token().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signed = "partner." + id + "." + Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))).substring(0, 32);

      // then
      assertThat(tokens.principalFor("Bearer " + signed)).as(id).isNull();
    }
  }
}
