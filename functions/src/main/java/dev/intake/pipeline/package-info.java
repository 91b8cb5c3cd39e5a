/**
 * The steps of one upload's evaluation as services — {@link dev.intake.pipeline.IntakeService},
 * {@link dev.intake.pipeline.CheckService}, {@link dev.intake.pipeline.AggregateService},
 * {@link dev.intake.pipeline.FailureService}, and the review loop's
 * {@link dev.intake.pipeline.ReviewService} and {@link dev.intake.pipeline.DigestService} (the review's
 * rules in {@link dev.intake.pipeline.ReviewLog}, due dates in {@link dev.intake.pipeline.DueDates}) —
 * and the ports they need ({@link dev.intake.pipeline.Notifier} too):
 * {@link dev.intake.pipeline.SubmissionStore}, {@link dev.intake.pipeline.ObjectStore},
 * {@link dev.intake.pipeline.WorkflowStarter} and {@link dev.intake.pipeline.PipelineMetrics}, with
 * what they exchange ({@link dev.intake.pipeline.Submission}, {@link dev.intake.pipeline.WorkflowInput}).
 * Each port has a contract test run against its real adapter and its test fake.
 *
 * <p>Must not depend on the AWS adapters, the handlers, the API or any AWS type (ArchUnit checks the
 * first and last): the adapters implement the ports, the handlers and the local runtime call the services.
 */
package dev.intake.pipeline;
