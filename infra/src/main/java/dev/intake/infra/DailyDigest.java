package dev.intake.infra;

import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.constructs.Construct;

/**
 * The program office's daily digest: an EventBridge Scheduler schedule that invokes the digest
 * function on business-day mornings, {@value #HOUR_UTC}:00 UTC Monday to Friday — the local runtime's
 * timer keeps the same hour. The function counts the day, lists the overdue submissions, publishes the
 * digest to the program office's topic and emits {@code ReviewsOverdue}, which {@link Monitoring}'s
 * alarm waits on.
 */
public final class DailyDigest extends Construct {

  static final int HOUR_UTC = 7;
  static final String CRON_WEEKDAYS = "MON-FRI";

  private final Schedule schedule;

  public DailyDigest(Construct scope, String id, PipelineSettings settings, PipelineFunction digest) {
    super(scope, id);
    schedule = Schedule.Builder.create(this, "Schedule")
        .description("Competency intake (" + settings.env() + "): the program office's daily digest")
        .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
            .minute("0")
            .hour(String.valueOf(HOUR_UTC))
            .weekDay(CRON_WEEKDAYS)
            .timeZone(TimeZone.ETC_UTC)
            .build()))
        .target(LambdaInvoke.Builder.create(digest.alias()).retryAttempts(2).build())
        .build();
  }

  public Schedule schedule() {
    return schedule;
  }
}
