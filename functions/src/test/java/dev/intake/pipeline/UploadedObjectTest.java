package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadedObjectTest {

  private static UploadedObject upload(String key) {
    return new UploadedObject("bucket", key, null, "etag", 1, "01", Instant.parse("2026-11-01T09:30:00Z"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "incoming/P-1001/a.xlsx, P-1001",
      "incoming/unassigned/a.xlsx, unassigned",
      // one stray folder, however it is spelled: IAM role names ignore case, so no partner may own another spelling
      "incoming/Unassigned/a.xlsx, unassigned",
      "incoming/UNASSIGNED/a.xlsx, unassigned",
      "incoming/a.xlsx, unassigned",
      "elsewhere/P-1001/a.xlsx, unassigned",
      "incoming/P 1001/a.xlsx, unassigned"})
  void partnerId_folder_isThePartnerOrTheStrayUploads(String key, String partnerId) {
    assertThat(upload(key).partnerId()).isEqualTo(partnerId);
  }
}
