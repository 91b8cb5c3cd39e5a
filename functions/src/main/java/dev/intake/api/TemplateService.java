package dev.intake.api;

import dev.intake.checklist.Checklist;
import dev.intake.contracts.BucketLayout;
import dev.intake.pipeline.Bundled;
import dev.intake.pipeline.ObjectStore;
import java.net.URL;
import java.time.Duration;

/**
 * Keeps the blank template in the bucket (written on first use) and hands out short-lived links to it.
 * The template is the one the build wrote with {@code TemplateGenerator} ({@link Bundled#template}):
 * the API's artifact carries that file, not POI.
 */
public final class TemplateService {

  private final ObjectStore objects;
  private final String bucket;
  private final Checklist checklist;

  public TemplateService(ObjectStore objects, String bucket, Checklist checklist) {
    this.objects = objects;
    this.bucket = bucket;
    this.checklist = checklist;
  }

  public String key() {
    return BucketLayout.TEMPLATES + Bundled.templateFileName(checklist.version());
  }

  public URL link(Duration ttl) {
    if (!objects.exists(bucket, key())) {
      objects.write(bucket, key(), Bundled.read(Bundled.template(checklist.version())),
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
    return objects.presignGet(bucket, key(), ttl);
  }

  public Checklist checklist() {
    return checklist;
  }
}
